package org.hearth.pseudonymise.keys;

/**
 * The token every read of secret key material must present. Code that reveals a secret calls {@code
 * SecretAccess.reveal()}, so a search for that call lists every place a secret leaves its key
 * object.
 */
public final class SecretAccess {
  private static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  public static SecretAccess reveal() {
    return INSTANCE;
  }

  static void check(SecretAccess access) {
    if (access != INSTANCE) {
      throw new IllegalArgumentException("secret access requires SecretAccess.reveal()");
    }
  }
}
