package org.hearth.link.rekey;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.hearth.pseudonymise.keyfile.RekeyBundleFile;
import org.hearth.pseudonymise.keys.RekeyBundle;

/**
 * Where a task finds the re-key bundle: a sealed file and a file holding its password, both
 * readable only by the Flink user. Only the paths travel in the job graph, never a key.
 */
public record BundleSource(String bundleFile, String passwordFile) implements Serializable {

  /**
   * The bundle, or a failure that stops the job for good: a TaskManager without the bundle or its
   * password will not grow one by restarting, and restarting for ever hid the cause (a bounded run
   * hung silently).
   */
  public RekeyBundle load() {
    char[] password;
    try {
      password =
          Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw terminal(
          "cannot read the re-key bundle's password file "
              + passwordFile
              + " on this TaskManager ("
              + e.getClass().getSimpleName()
              + "): every TaskManager needs the bundle and its password at the same paths"
              + " (docs/operations.md)");
    }
    try {
      return RekeyBundleFile.read(Path.of(bundleFile), password);
    } catch (RuntimeException e) {
      throw terminal(
          "cannot open the re-key bundle "
              + bundleFile
              + " on this TaskManager: "
              + e.getMessage()
              + "; every TaskManager needs the bundle and its password at the same paths"
              + " (docs/operations.md)");
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  private static SuppressRestartsException terminal(String message) {
    return new SuppressRestartsException(new IllegalStateException(message));
  }
}
