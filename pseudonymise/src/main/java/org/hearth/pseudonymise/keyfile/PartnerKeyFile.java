package org.hearth.pseudonymise.keyfile;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.keys.SecretAccess;

/**
 * A partner's pseudonymisation key as a standard file: an encrypted PKCS#8 PEM ("ENCRYPTED PRIVATE
 * KEY") holding an EC private key on P-256, readable by {@code openssl pkey}. Partner id, key
 * version and the partner's record-key secret are PKCS#8 attributes under Hearth's OID arc {@code
 * 2.25.<uuid>} (ITU-T X.667: a UUID-derived OID needs no registration).
 */
public final class PartnerKeyFile {
  static final ASN1ObjectIdentifier ARC =
      new ASN1ObjectIdentifier("2.25.186734913826312346109398622416297513981");
  static final ASN1ObjectIdentifier PARTNER = ARC.branch("1");
  static final ASN1ObjectIdentifier VERSION = ARC.branch("2");
  static final ASN1ObjectIdentifier RECORD_KEY_SECRET = ARC.branch("3");

  private PartnerKeyFile() {}

  /** Writes the key with mode 600; refuses to overwrite an existing file. */
  public static void write(PartnerKey key, Path file, char[] password) {
    BigInteger d = key.scalar(SecretAccess.reveal());
    byte[] publicKey =
        CustomNamedCurves.getByName("P-256").getG().multiply(d).normalize().getEncoded(false);
    PrivateKeyInfo info;
    try {
      info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(
                  X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1),
              new ECPrivateKey(256, d, new DERBitString(publicKey), null),
              new DERSet(
                  new ASN1Encodable[] {
                    new Attribute(PARTNER, new DERSet(new DERUTF8String(key.partner()))),
                    new Attribute(VERSION, new DERSet(new ASN1Integer(key.version()))),
                    new Attribute(
                        RECORD_KEY_SECRET,
                        new DERSet(new DEROctetString(key.recordKeySecret(SecretAccess.reveal()))))
                  }));
    } catch (IOException e) {
      throw new KeyFileException("could not encode the partner key", e);
    }
    String header =
        "Hearth partner pseudonymisation key: partner="
            + key.partner()
            + " version="
            + key.version()
            + "\nKeep this file and its password on the partner's premises only.\n";
    SecureFiles.writePrivate(file, header + Pkcs8.encryptToPem(info, password), false);
  }

  public static PartnerKey read(Path file, char[] password) {
    PrivateKeyInfo info = Pkcs8.decryptFromPem(SecureFiles.read(file), password, file);
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())
        || !X9ObjectIdentifiers.prime256v1.equals(info.getPrivateKeyAlgorithm().getParameters())) {
      throw new KeyFileException(file + " does not hold a P-256 EC private key");
    }
    try {
      BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
      String partner = null;
      Integer version = null;
      byte[] recordKeySecret = null;
      ASN1Set attrs = info.getAttributes();
      if (attrs != null) {
        for (ASN1Encodable a : attrs) {
          Attribute attr = Attribute.getInstance(a);
          ASN1Encodable v = attr.getAttrValues().getObjectAt(0);
          if (PARTNER.equals(attr.getAttrType())) {
            partner = ASN1UTF8String.getInstance(v).getString();
          } else if (VERSION.equals(attr.getAttrType())) {
            version = ASN1Integer.getInstance(v).intValueExact();
          } else if (RECORD_KEY_SECRET.equals(attr.getAttrType())) {
            recordKeySecret = ASN1OctetString.getInstance(v).getOctets();
          }
        }
      }
      if (partner == null || version == null || recordKeySecret == null) {
        throw new KeyFileException(
            file
                + " is a P-256 key but not a Hearth partner key (partner, version or record-key"
                + " secret missing)");
      }
      return new PartnerKey(partner, version, d, recordKeySecret);
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyFileException(file + " holds a damaged partner key", e);
    }
  }
}
