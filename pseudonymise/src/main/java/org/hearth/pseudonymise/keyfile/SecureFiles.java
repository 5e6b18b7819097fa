package org.hearth.pseudonymise.keyfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes key material with mode 600 from the first byte: never readable by others, not even
 * briefly.
 */
public final class SecureFiles {
  private SecureFiles() {}

  public static void writePrivate(Path file, String content, boolean overwrite) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      if (!overwrite && Files.exists(file)) {
        throw new KeyFileException(file + " already exists; refusing to overwrite a key file");
      }
      Path tmp =
          Files.createTempFile(
              dir,
              ".hearth-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file + " already exists; refusing to overwrite a key file", e);
    } catch (IOException e) {
      throw new KeyFileException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new KeyFileException("could not read key file " + file + ": " + e.getMessage(), e);
    }
  }
}
