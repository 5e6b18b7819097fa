package org.hearth.link.rekey;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.pseudonymise.keyfile.RekeyBundleFile;
import org.hearth.pseudonymise.keys.RekeyBundle;

/**
 * Where a task finds the re-key bundle: a sealed file and a file holding its password, both
 * readable only by the Flink user. Only the paths travel in the job graph, never a key.
 */
public record BundleSource(String bundleFile, String passwordFile) implements Serializable {

  public RekeyBundle load() {
    char[] password;
    try {
      password =
          Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the re-key bundle's password file " + passwordFile + ": " + e.getMessage());
    }
    try {
      return RekeyBundleFile.read(Path.of(bundleFile), password);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }
}
