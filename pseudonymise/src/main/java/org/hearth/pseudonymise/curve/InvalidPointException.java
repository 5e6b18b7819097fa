package org.hearth.pseudonymise.curve;

/** A point encoding or coordinate pair that is not a usable P-256 group element. */
public final class InvalidPointException extends IllegalArgumentException {
  public InvalidPointException(String message) {
    super(message);
  }
}
