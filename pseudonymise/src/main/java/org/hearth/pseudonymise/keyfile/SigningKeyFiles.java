package org.hearth.pseudonymise.keyfile;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** A partner's Ed25519 manifest-signing key (encrypted PKCS#8 PEM) and its public key (SPKI). */
public final class SigningKeyFiles {
  private SigningKeyFiles() {}

  public static void writePrivate(Ed25519PrivateKeyParameters key, Path file, char[] password) {
    try {
      PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(key);
      SecureFiles.writePrivate(
          file,
          "Hearth partner manifest-signing key (Ed25519)\n" + Pkcs8.encryptToPem(info, password),
          false);
    } catch (IOException e) {
      throw new KeyFileException("could not encode the signing key", e);
    }
  }

  public static Ed25519PrivateKeyParameters readPrivate(Path file, char[] password) {
    PrivateKeyInfo info = Pkcs8.decryptFromPem(SecureFiles.read(file), password, file);
    try {
      if (PrivateKeyFactory.createKey(info) instanceof Ed25519PrivateKeyParameters k) {
        return k;
      }
    } catch (IOException | RuntimeException e) {
      throw new KeyFileException(file + " holds a damaged signing key", e);
    }
    throw new KeyFileException(file + " is not an Ed25519 signing key");
  }

  /** "-----BEGIN PUBLIC KEY-----" PEM of the SubjectPublicKeyInfo. */
  public static String publicPem(Ed25519PublicKeyParameters key) {
    try {
      StringWriter out = new StringWriter();
      try (PemWriter w = new PemWriter(out)) {
        w.writeObject(
            new PemObject(
                "PUBLIC KEY",
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded()));
      }
      return out.toString();
    } catch (IOException e) {
      throw new KeyFileException("could not encode the public key", e);
    }
  }

  public static Ed25519PublicKeyParameters parsePublicPem(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      if (o instanceof SubjectPublicKeyInfo spki
          && PublicKeyFactory.createKey(spki) instanceof Ed25519PublicKeyParameters k) {
        return k;
      }
    } catch (IOException | RuntimeException e) {
      throw new KeyFileException("not an Ed25519 public key", e);
    }
    throw new KeyFileException("not an Ed25519 public key");
  }

  public static String base64(Ed25519PublicKeyParameters key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }
}
