package org.hearth.pseudonymise.curve;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * P-256 multiplication in native code: ECDH through the standard JCA API of a provider backed by
 * AWS-LC (Amazon Corretto Crypto Provider). ECDH returns x(k * P), which is all Hearth needs: a
 * linkage pseudonym is an x-coordinate, and x(k * P) depends only on x(P).
 *
 * <p>Points go in as X.509 SubjectPublicKeyInfo built from their SEC1 bytes, so the provider parses
 * them itself and checks they are on the curve; no coordinates cross into {@link BigInteger}.
 */
final class NativeEcdh {
  private static final String ACCP =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  // SubjectPublicKeyInfo for id-ecPublicKey on prime256v1, up to the BIT STRING's contents
  private static final byte[] SPKI_UNCOMPRESSED =
      HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
  private static final byte[] SPKI_COMPRESSED =
      HexFormat.of().parseHex("3039301306072a8648ce3d020106082a8648ce3d030107032200");

  private final Provider provider;
  private final ECParameterSpec params;
  private final ThreadLocal<KeyFactory> keyFactories;

  private NativeEcdh(Provider provider) throws GeneralSecurityException {
    this.provider = provider;
    // the provider's own parameter object for P-256, taken from a throwaway key it generates
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
    g.initialize(new ECGenParameterSpec("secp256r1"));
    this.params = ((ECKey) g.generateKeyPair().getPublic()).getParams();
    this.keyFactories = ThreadLocal.withInitial(this::newKeyFactory);
    keyFactories.get();
  }

  /**
   * Amazon Corretto Crypto Provider, when its jar is present and its native library loads on this
   * platform; the reason otherwise.
   */
  static Loaded loadAccp() {
    Provider provider;
    try {
      Class<?> c = Class.forName(ACCP);
      provider = (Provider) c.getField("INSTANCE").get(null);
      Object error = c.getMethod("getLoadingError").invoke(provider);
      if (error != null) {
        return new Loaded(Optional.empty(), "its native library did not load: " + error);
      }
    } catch (ClassNotFoundException e) {
      return new Loaded(
          Optional.empty(), "Amazon Corretto Crypto Provider is not on the class path");
    } catch (ReflectiveOperationException | LinkageError e) {
      return new Loaded(Optional.empty(), "Amazon Corretto Crypto Provider failed to load: " + e);
    }
    try {
      return new Loaded(Optional.of(new NativeEcdh(provider)), null);
    } catch (GeneralSecurityException | RuntimeException e) {
      return new Loaded(Optional.empty(), "its P-256 ECDH is not usable: " + e.getMessage());
    }
  }

  /** The outcome of loading a provider: the engine, or why there is none. */
  record Loaded(Optional<NativeEcdh> engine, String whyNot) {}

  String description() {
    return "AWS-LC (" + provider.getName() + " " + provider.getVersionStr() + ")";
  }

  /** A secret scalar bound to this provider; one ECDH instance per thread. */
  Scalar prepare(BigInteger k) {
    try {
      PrivateKey key = keyFactories.get().generatePrivate(new ECPrivateKeySpec(k, params));
      return new Scalar(key);
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("the native provider refused the scalar", e);
    }
  }

  final class Scalar {
    private final ThreadLocal<KeyAgreement> agreements;

    private Scalar(PrivateKey key) {
      this.agreements =
          ThreadLocal.withInitial(
              () -> {
                try {
                  KeyAgreement ka = KeyAgreement.getInstance("ECDH", provider);
                  ka.init(key);
                  return ka;
                } catch (GeneralSecurityException e) {
                  throw new IllegalStateException("native ECDH cannot be initialised", e);
                }
              });
    }

    /**
     * x(k * P) for P in SEC1 form (uncompressed or compressed) that already passed {@link
     * CurvePoint#checkEncoding}; 32 bytes.
     */
    byte[] sharedX(byte[] sec1) {
      byte[] prefix =
          sec1.length == CurvePoint.ENCODED_LENGTH ? SPKI_UNCOMPRESSED : SPKI_COMPRESSED;
      byte[] spki = new byte[prefix.length + sec1.length];
      System.arraycopy(prefix, 0, spki, 0, prefix.length);
      System.arraycopy(sec1, 0, spki, prefix.length, sec1.length);
      PublicKey point;
      try {
        point = keyFactories.get().generatePublic(new X509EncodedKeySpec(spki));
      } catch (InvalidKeySpecException e) {
        throw new InvalidPointException("point is not on the P-256 curve");
      }
      KeyAgreement ka = agreements.get();
      try {
        ka.doPhase(point, true);
        byte[] x = ka.generateSecret();
        if (x.length != CurvePoint.X_LENGTH) {
          throw new IllegalStateException("native ECDH returned " + x.length + " bytes");
        }
        return x;
      } catch (InvalidKeyException e) {
        throw new InvalidPointException("point is not on the P-256 curve");
      }
    }
  }

  private KeyFactory newKeyFactory() {
    try {
      return KeyFactory.getInstance("EC", provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("native EC key factory unavailable", e);
    }
  }

  @Override
  public String toString() {
    return description();
  }
}
