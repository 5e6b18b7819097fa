package org.hearth.pseudonymise.keyfile;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/** Password-encrypted PKCS#8 in PEM: PBES2, PBKDF2-HMAC-SHA-256, AES-256-CBC. */
final class Pkcs8 {
  static final int ITERATIONS = 210_000;
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private Pkcs8() {}

  static String encryptToPem(PrivateKeyInfo info, char[] password) {
    if (password == null || password.length < 8) {
      throw new KeyFileException("a key file password must have at least 8 characters");
    }
    try {
      var encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setProvider(BC)
              .setPRF(PKCS8Generator.PRF_HMACSHA256)
              .setIterationCount(ITERATIONS)
              .setPassword(password)
              .build();
      StringWriter out = new StringWriter();
      try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
        pem.writeObject(new PKCS8Generator(info, encryptor));
      }
      return out.toString();
    } catch (OperatorCreationException | IOException e) {
      throw new KeyFileException("could not encrypt the key: " + e.getMessage(), e);
    }
  }

  static PrivateKeyInfo decryptFromPem(String content, char[] password, Path file) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(content))) {
      parsed = parser.readObject();
    } catch (IOException e) {
      throw new KeyFileException(file + " is not a PEM key file", e);
    }
    if (!(parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
      throw new KeyFileException(
          file + " is not an encrypted PKCS#8 key (expected ENCRYPTED PRIVATE KEY)");
    }
    try {
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password));
    } catch (PKCSException | OperatorCreationException | RuntimeException e) {
      throw new KeyFileException("wrong password for " + file + " (or the file is damaged)", e);
    }
  }
}
