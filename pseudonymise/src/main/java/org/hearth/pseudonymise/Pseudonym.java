package org.hearth.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hearth.pseudonymise.curve.CurvePoint;
import org.hearth.pseudonymise.curve.HashToCurve;
import org.hearth.pseudonymise.normalise.MatchKeyType;

/**
 * The pseudonyms Hearth handles, from the partner's edge to the analyst:
 *
 * <ul>
 *   <li>{@link Partner}: k_p * H(match key), made at the edge; useless without that partner's key.
 *   <li>{@link Linkage}: k_L * H(match key), made by re-keying inside the link job; never leaves
 *       it.
 *   <li>{@link AnalystId}: HMAC(K_A, linkage pseudonym), 128 bits, scoped to one project.
 *   <li>{@link RecordKey}: a partner-local keyed hash of a case id, for replace and delete only.
 * </ul>
 */
public final class Pseudonym {
  /**
   * The domain separation tag of Hearth's hash-to-curve, versioned: changing it changes every
   * pseudonym, so it is fixed for the life of a deployment.
   */
  public static final String DST = "HEARTH-V01-CS01-with-P256_XMD:SHA-256_SSWU_RO_";

  private static final HashToCurve HASHER = HashToCurve.withDst(DST);

  private Pseudonym() {}

  public static HashToCurve hasher() {
    return HASHER;
  }

  /**
   * A partner pseudonym: which partner and key version made it, of which match-key type, and the
   * point k_p * H(match key) (or its negation) in SEC1 uncompressed form; pseudonyms published by
   * earlier releases are compressed and still accepted.
   */
  public record Partner(String partner, int keyVersion, MatchKeyType type, byte[] point) {
    public Partner {
      CurvePoint.decode(point); // strict: rejects the identity, wrong lengths, off-curve
      point = point.clone();
    }

    @Override
    public byte[] point() {
      return point.clone();
    }

    public String base64url() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Partner p
          && p.partner.equals(partner)
          && p.keyVersion == keyVersion
          && p.type == type
          && Arrays.equals(p.point, point);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(point);
    }

    @Override
    public String toString() {
      return "Pseudonym.Partner[" + partner + " v" + keyVersion + " " + type + "]";
    }
  }

  /**
   * A linkage pseudonym: the x-coordinate of k_L * H(match key), equal for every partner that saw
   * the same match key (32 bytes; x alone, because x(r * P) = x(r * -P)).
   */
  public record Linkage(MatchKeyType type, byte[] point) {
    public Linkage {
      point = point.clone();
    }

    @Override
    public byte[] point() {
      return point.clone();
    }

    public String base64url() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Linkage l && l.type == type && Arrays.equals(l.point, point);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(point);
    }

    @Override
    public String toString() {
      return "Pseudonym.Linkage[" + type + "]";
    }
  }

  /** A project-scoped id analysts see: 128 bits of HMAC-SHA-256 under the project's key. */
  public record AnalystId(String project, byte[] id) {
    public static final int LENGTH = 16;

    public AnalystId {
      id = id.clone();
    }

    @Override
    public byte[] id() {
      return id.clone();
    }

    public String hex() {
      return java.util.HexFormat.of().formatHex(id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AnalystId a && a.project.equals(project) && Arrays.equals(a.id, id);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
      return "AnalystId[" + project + ":" + hex() + "]";
    }
  }

  /** A partner-local keyed hash of the partner's own case id: replace/delete, never linking. */
  public record RecordKey(byte[] key) {
    public static final int LENGTH = 16;

    public RecordKey {
      if (key.length != LENGTH) {
        throw new IllegalArgumentException("record key must be " + LENGTH + " bytes");
      }
      key = key.clone();
    }

    public static RecordKey of(byte[] secret, String dataset, String caseId) {
      byte[] mac = hmac(secret, (dataset + "\u0000" + caseId).getBytes(StandardCharsets.UTF_8));
      return new RecordKey(Arrays.copyOf(mac, LENGTH));
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RecordKey r && Arrays.equals(r.key, key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "RecordKey[" + java.util.HexFormat.of().formatHex(key) + "]";
    }
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
