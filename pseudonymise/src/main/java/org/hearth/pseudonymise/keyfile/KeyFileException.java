package org.hearth.pseudonymise.keyfile;

/** A key file that cannot be used; one line naming the file and what to do. */
public final class KeyFileException extends RuntimeException {
  public KeyFileException(String message) {
    super(message);
  }

  public KeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
