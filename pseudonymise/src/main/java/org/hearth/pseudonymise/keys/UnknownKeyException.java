package org.hearth.pseudonymise.keys;

/**
 * No usable key: the partner is unknown, its key version was revoked or never issued, or the
 * project has no key. The message names partner, version or project, never a pseudonym.
 */
public final class UnknownKeyException extends IllegalArgumentException {
  public UnknownKeyException(String message) {
    super(message);
  }
}
