package org.hearth.pseudonymise.keyfile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A password-sealed blob for the key authority's master secret and the link job's re-key bundle:
 * scrypt (N = 2^15, r = 8, p = 1) derives an AES-256-GCM key; the file type is bound as associated
 * data, so a bundle cannot be passed off as a master secret.
 */
public final class SealedFile {
  private static final int VERSION = 1;
  private static final int N = 1 << 15;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SealedFile() {}

  public static void write(
      Path file, String type, byte[] plaintext, char[] password, boolean overwrite) {
    if (password == null || password.length < 8) {
      throw new KeyFileException("a password must have at least 8 characters");
    }
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key(password, salt), new GCMParameterSpec(128, nonce));
      c.updateAAD(type.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext);
      ByteBuffer b = ByteBuffer.allocate(1 + 16 + 12 + ct.length);
      b.put((byte) VERSION).put(salt).put(nonce).put(ct);
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(b.array());
      SecureFiles.writePrivate(
          file,
          "-----BEGIN HEARTH SEALED "
              + type
              + "-----\n"
              + body
              + "\n-----END HEARTH SEALED "
              + type
              + "-----\n",
          overwrite);
    } catch (GeneralSecurityException e) {
      throw new KeyFileException("could not seal " + file + ": " + e.getMessage(), e);
    }
  }

  public static byte[] read(Path file, String type, char[] password) {
    String text = SecureFiles.read(file);
    String begin = "-----BEGIN HEARTH SEALED " + type + "-----";
    String end = "-----END HEARTH SEALED " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new KeyFileException(file + " is not a sealed " + type.toLowerCase() + " file");
    }
    byte[] raw;
    try {
      raw = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException ex) {
      throw new KeyFileException(file + " is damaged (not base64)", ex);
    }
    if (raw.length < 1 + 16 + 12 + 16 || raw[0] != VERSION) {
      throw new KeyFileException(file + " is damaged or of an unknown version");
    }
    byte[] salt = Arrays.copyOfRange(raw, 1, 17);
    byte[] nonce = Arrays.copyOfRange(raw, 17, 29);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key(password, salt), new GCMParameterSpec(128, nonce));
      c.updateAAD(type.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(raw, 29, raw.length - 29);
    } catch (javax.crypto.AEADBadTagException ex) {
      throw new KeyFileException("wrong password for " + file + " (or the file is damaged)", ex);
    } catch (GeneralSecurityException ex) {
      throw new KeyFileException("could not open " + file + ": " + ex.getMessage(), ex);
    }
  }

  private static SecretKeySpec key(char[] password, byte[] salt) {
    byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
    return new SecretKeySpec(SCrypt.generate(pw, salt, N, 8, 1, 32), "AES");
  }
}
