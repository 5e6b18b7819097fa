package org.hearth.pseudonymise.keyfile;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
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
import org.hearth.pseudonymise.keys.PartnerKey;

/** A partner's Ed25519 manifest-signing key (encrypted PKCS#8 PEM) and its public key (SPKI). */
public final class SigningKeyFiles {
  private SigningKeyFiles() {}

  public static void writePrivate(Ed25519PrivateKeyParameters key, Path file, char[] password) {
    write(key, null, file, password);
  }

  /**
   * Writes the partner's signing key naming its owner (partner and key version, as PKCS#8
   * attributes like a partner key file's), so the edge can refuse to sign with another's.
   */
  public static void writePrivate(
      Ed25519PrivateKeyParameters key, String partner, int version, Path file, char[] password) {
    write(
        key,
        new DERSet(
            new ASN1Encodable[] {
              new Attribute(PartnerKeyFile.PARTNER, new DERSet(new DERUTF8String(partner))),
              new Attribute(PartnerKeyFile.VERSION, new DERSet(new ASN1Integer(version)))
            }),
        file,
        password);
  }

  private static void write(
      Ed25519PrivateKeyParameters key, ASN1Set owner, Path file, char[] password) {
    try {
      PrivateKeyInfo plain = PrivateKeyInfoFactory.createPrivateKeyInfo(key);
      PrivateKeyInfo info =
          owner == null
              ? plain
              : new PrivateKeyInfo(plain.getPrivateKeyAlgorithm(), plain.parsePrivateKey(), owner);
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

  /**
   * Reads the signing key the partner key's manifests are to be signed with, refusing one that
   * names another partner or key version. A file written before signing keys named their owner is
   * accepted as it is (the platform still refuses a manifest it does not verify).
   */
  public static Ed25519PrivateKeyParameters readFor(
      Path file, char[] password, PartnerKey partnerKey) {
    PrivateKeyInfo info = Pkcs8.decryptFromPem(SecureFiles.read(file), password, file);
    String partner = null;
    Integer version = null;
    ASN1Set attrs = info.getAttributes();
    if (attrs != null) {
      for (ASN1Encodable a : attrs) {
        Attribute attr = Attribute.getInstance(a);
        ASN1Encodable v = attr.getAttrValues().getObjectAt(0);
        if (PartnerKeyFile.PARTNER.equals(attr.getAttrType())) {
          partner = ASN1UTF8String.getInstance(v).getString();
        } else if (PartnerKeyFile.VERSION.equals(attr.getAttrType())) {
          version = ASN1Integer.getInstance(v).intValueExact();
        }
      }
    }
    if ((partner != null && !partner.equals(partnerKey.partner()))
        || (version != null && version != partnerKey.version())) {
      throw new KeyFileException(
          file
              + " is the signing key of "
              + partner
              + " version "
              + version
              + ", not of "
              + partnerKey.partner()
              + " version "
              + partnerKey.version()
              + " whose key file was given: sign only with the publishing partner's own key");
    }
    return readPrivate(file, password);
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
