package org.hearth.runtime;

/**
 * A failure the user can act on. The message is one line that says what went wrong and what to do;
 * it never carries an identifier value. The CLI prints only the message unless --verbose.
 */
public class HearthException extends RuntimeException {
  public HearthException(String message) {
    super(message);
  }

  public HearthException(String message, Throwable cause) {
    super(message, cause);
  }
}
