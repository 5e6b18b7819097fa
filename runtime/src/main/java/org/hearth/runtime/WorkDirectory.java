package org.hearth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one directory embedded components keep their data and logs under. */
public final class WorkDirectory {
  private WorkDirectory() {}

  /** Creates the directory (and {@code sub}) or fails with a one-line reason. */
  public static Path prepare(Path workDir, String sub) {
    Path dir = workDir.resolve(sub);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw notWritable(workDir);
    }
    if (!Files.isWritable(dir)) {
      throw notWritable(workDir);
    }
    return dir;
  }

  static HearthException notWritable(Path workDir) {
    return new HearthException(
        "work directory "
            + workDir
            + " is not writable; choose another with --work-dir or "
            + HearthConfigLoader.WORK_DIR);
  }

  /** Deletes a directory tree; missing is fine. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new HearthException("could not delete " + p + ": " + e.getMessage(), e);
                }
              });
    } catch (IOException e) {
      throw new HearthException("could not delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
