package org.hearth.pseudonymise.keys;

import java.security.SecureRandom;

/**
 * The key authority's one secret; every partner scalar, the linkage scalar and every project key
 * derive from it. It never leaves the key authority.
 */
public final class MasterSecret {
  public static final int LENGTH = 32;
  private final byte[] secret;

  public MasterSecret(byte[] secret) {
    if (secret.length != LENGTH) {
      throw new IllegalArgumentException("master secret must be " + LENGTH + " bytes");
    }
    this.secret = secret.clone();
  }

  public static MasterSecret generate(SecureRandom random) {
    byte[] s = new byte[LENGTH];
    random.nextBytes(s);
    return new MasterSecret(s);
  }

  public byte[] bytes(SecretAccess access) {
    SecretAccess.check(access);
    return secret.clone();
  }

  @Override
  public String toString() {
    return "MasterSecret[secret]";
  }
}
