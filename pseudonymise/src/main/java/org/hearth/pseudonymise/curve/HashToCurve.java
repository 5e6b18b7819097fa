package org.hearth.pseudonymise.curve;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;

/**
 * RFC 9380 hashing to P-256: the suites {@code P256_XMD:SHA-256_SSWU_RO_} ({@link #hash}) and
 * {@code P256_XMD:SHA-256_SSWU_NU_} ({@link #encode}) for one domain separation tag.
 *
 * <p>Straight-line code as in the RFC's appendix F.2 (simplified SWU, sqrt_ratio for p = 3 mod 4):
 * the input is an identifier, so branches do not depend on it. Instances are immutable and
 * thread-safe; per-thread scratch space keeps the hot path free of allocation.
 */
public final class HashToCurve {
  private static final int L = 48; // ceil((ceil(log2(p)) + k) / 8) with k = 128
  private static final int SHA256_BLOCK = 64;
  private static final byte[] OVERSIZE_PREFIX =
      "H2C-OVERSIZE-DST-".getBytes(StandardCharsets.US_ASCII);
  // Z = -10, and c2 = sqrt(-Z) = sqrt(10) for sqrt_ratio
  private static final int[] Z = negate(small(10));
  private static final int[] SQRT_MINUS_Z =
      Fp.fromBigInteger(BigInteger.TEN.modPow(Fp.P.add(BigInteger.ONE).shiftRight(2), Fp.P));
  private static final int[] A = negate(small(3));

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final byte[] dstPrime;

  private HashToCurve(byte[] dst) {
    byte[] d = dst.length > 255 ? oversizeDst(dst) : dst;
    if (d.length == 0) {
      throw new IllegalArgumentException("the domain separation tag must not be empty");
    }
    this.dstPrime = Arrays.copyOf(d, d.length + 1);
    dstPrime[d.length] = (byte) d.length;
  }

  /** A hasher for the given domain separation tag (RFC 9380 section 3.1). */
  public static HashToCurve withDst(byte[] dst) {
    return new HashToCurve(dst.clone());
  }

  public static HashToCurve withDst(String dst) {
    return new HashToCurve(dst.getBytes(StandardCharsets.UTF_8));
  }

  /** hash_to_curve: the random-oracle encoding (two field elements, two maps, one addition). */
  public CurvePoint hash(byte[] msg) {
    Scratch s = SCRATCH.get();
    hashToJacobian(msg, s.point, s);
    return CurvePoint.fromJacobian(s.point, s.fp);
  }

  /** encode_to_curve: the nonuniform encoding (one field element, one map). */
  public CurvePoint encode(byte[] msg) {
    Scratch s = SCRATCH.get();
    byte[] uniform = expandMessageXmd(msg, L);
    int[] u = s.u0;
    toField(uniform, 0, u, s);
    mapToCurve(u, s.point, s);
    return CurvePoint.fromJacobian(s.point, s.fp);
  }

  /** hash_to_field(msg, count): for tests and diagnostics. */
  public BigInteger[] hashToField(byte[] msg, int count) {
    Scratch s = SCRATCH.get();
    byte[] uniform = expandMessageXmd(msg, count * L);
    BigInteger[] out = new BigInteger[count];
    for (int i = 0; i < count; i++) {
      toField(uniform, i * L, s.u0, s);
      out[i] = Fp.toBigInteger(s.u0);
    }
    return out;
  }

  /** map_to_curve (simplified SWU) of one field element: for tests and diagnostics. */
  public static CurvePoint mapToCurve(BigInteger u) {
    Scratch s = SCRATCH.get();
    int[] fu = Fp.fromBigInteger(u);
    mapToCurve(fu, s.point, s);
    return CurvePoint.fromJacobian(s.point, s.fp);
  }

  /** The hot path of the edge step: leaves H(msg) in {@code out}, in Jacobian coordinates. */
  void hashToJacobian(byte[] msg, Jacobian out, Scratch s) {
    byte[] uniform = expandMessageXmd(msg, 2 * L, s);
    toField(uniform, 0, s.u0, s);
    toField(uniform, L, s.u1, s);
    mapToCurve(s.u0, out, s);
    mapToCurve(s.u1, s.q1, s);
    Jacobian.add(out, s.q1, out, s.fp);
    // P-256 has cofactor 1: clear_cofactor is the identity map.
  }

  /** expand_message_xmd with SHA-256 (RFC 9380 section 5.3.1). */
  public byte[] expandMessageXmd(byte[] msg, int lenInBytes) {
    return expandMessageXmd(msg, lenInBytes, SCRATCH.get()).clone();
  }

  private byte[] expandMessageXmd(byte[] msg, int lenInBytes, Scratch s) {
    int ell = (lenInBytes + 31) / 32;
    if (ell > 255 || lenInBytes > 65535 || lenInBytes <= 0) {
      throw new IllegalArgumentException("expand_message_xmd: requested length out of range");
    }
    MessageDigest h = s.sha256;
    h.reset();
    h.update(s.zeroBlock, 0, SHA256_BLOCK);
    h.update(msg);
    h.update((byte) (lenInBytes >>> 8));
    h.update((byte) lenInBytes);
    h.update((byte) 0);
    h.update(dstPrime);
    byte[] b0 = digest(h, s.b0);
    byte[] out = s.uniform(lenInBytes);
    byte[] prev = s.bi;
    h.update(b0, 0, 32);
    h.update((byte) 1);
    h.update(dstPrime);
    digest(h, prev);
    int written = Math.min(32, lenInBytes);
    System.arraycopy(prev, 0, out, 0, written);
    for (int i = 2; i <= ell; i++) {
      for (int j = 0; j < 32; j++) {
        prev[j] ^= b0[j];
      }
      h.update(prev, 0, 32);
      h.update((byte) i);
      h.update(dstPrime);
      digest(h, prev);
      int n = Math.min(32, lenInBytes - written);
      System.arraycopy(prev, 0, out, written, n);
      written += n;
    }
    return out;
  }

  private static byte[] digest(MessageDigest h, byte[] into) {
    try {
      h.digest(into, 0, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 digest failed", e);
    }
    return into;
  }

  /** OS2IP of 48 bytes, mod p, via BouncyCastle's reduction of a 512-bit value. */
  private static void toField(byte[] uniform, int off, int[] z, Scratch s) {
    int[] wide = s.wide;
    Arrays.fill(wide, 0);
    for (int i = 0; i < L / 4; i++) {
      int p = off + L - 4 - 4 * i;
      wide[i] =
          (uniform[p] & 0xff) << 24
              | (uniform[p + 1] & 0xff) << 16
              | (uniform[p + 2] & 0xff) << 8
              | uniform[p + 3] & 0xff;
    }
    SecP256R1Field.reduce(wide, z);
  }

  /** Simplified SWU for A != 0, B != 0 (RFC 9380 appendix F.2), straight-line. */
  private static void mapToCurve(int[] u, Jacobian out, Scratch s) {
    int[] ext = s.ext;
    int[] tv1 = s.m[0], tv2 = s.m[1], tv3 = s.m[2], tv4 = s.m[3], tv5 = s.m[4], tv6 = s.m[5];
    int[] x = s.m[6], y = s.m[7], y1 = s.m[8], t = s.m[9];
    Fp.sqr(u, tv1, ext);
    Fp.mul(Z, tv1, tv1, ext);
    Fp.sqr(tv1, tv2, ext);
    Fp.add(tv2, tv1, tv2);
    Fp.add(tv2, Fp.ONE, tv3);
    Fp.mul(Fp.B, tv3, tv3, ext);
    Fp.neg(tv2, tv4);
    int tv2Zero = Fp.isZeroMask(tv2);
    Fp.cmov(tv4, Z, tv2Zero);
    Fp.mul(A, tv4, tv4, ext);
    Fp.sqr(tv3, tv2, ext);
    Fp.sqr(tv4, tv6, ext);
    Fp.mul(A, tv6, tv5, ext);
    Fp.add(tv2, tv5, tv2);
    Fp.mul(tv2, tv3, tv2, ext);
    Fp.mul(tv6, tv4, tv6, ext);
    Fp.mul(Fp.B, tv6, tv5, ext);
    Fp.add(tv2, tv5, tv2);
    Fp.mul(tv1, tv3, x, ext);
    int isGx1Square = sqrtRatio(tv2, tv6, y1, s);
    Fp.mul(tv1, u, y, ext);
    Fp.mul(y, y1, y, ext);
    Fp.cmov(x, tv3, isGx1Square);
    Fp.cmov(y, y1, isGx1Square);
    int e1 = -(Fp.sgn0(u) ^ Fp.sgn0(y) ^ 1); // all ones when the signs agree
    Fp.neg(y, t);
    Fp.cmov(t, y, e1);
    // x = x / tv4 without an inversion: Jacobian (x * tv4, y * tv4^3, tv4)
    Fp.mul(x, tv4, out.x, ext);
    Fp.sqr(tv4, tv5, ext);
    Fp.mul(tv5, tv4, tv5, ext);
    Fp.mul(t, tv5, out.y, ext);
    Fp.copy(tv4, out.z);
  }

  /** sqrt_ratio for p = 3 mod 4; returns all ones when u / v is square. */
  private static int sqrtRatio(int[] u, int[] v, int[] y, Scratch s) {
    int[] ext = s.ext;
    int[] tv1 = s.r[0], tv2 = s.r[1], tv3 = s.r[2], y1 = s.r[3], y2 = s.r[4];
    Fp.sqr(v, tv1, ext);
    Fp.mul(u, v, tv2, ext);
    Fp.mul(tv1, tv2, tv1, ext);
    Fp.powPMinus3Over4(tv1, y1, s.fp);
    Fp.mul(y1, tv2, y1, ext);
    Fp.mul(y1, SQRT_MINUS_Z, y2, ext);
    Fp.sqr(y1, tv3, ext);
    Fp.mul(tv3, v, tv3, ext);
    int isQr = Fp.equalMask(tv3, u);
    Fp.copy(y2, y);
    Fp.cmov(y, y1, isQr);
    return isQr;
  }

  private static byte[] oversizeDst(byte[] dst) {
    try {
      MessageDigest h = MessageDigest.getInstance("SHA-256");
      h.update(OVERSIZE_PREFIX);
      h.update(dst);
      return h.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static int[] small(int v) {
    return Fp.fromBigInteger(BigInteger.valueOf(v));
  }

  private static int[] negate(int[] x) {
    int[] z = Fp.create();
    Fp.neg(x, z);
    return z;
  }

  /** Per-thread scratch for hashing and for the multiplication that follows it. */
  static final class Scratch {
    final MessageDigest sha256;
    final byte[] zeroBlock = new byte[SHA256_BLOCK];
    final byte[] b0 = new byte[32];
    final byte[] bi = new byte[32];
    private byte[] uniform = new byte[2 * L];
    final int[] wide = new int[16];
    final int[] ext = new int[16];
    final int[] u0 = Fp.create();
    final int[] u1 = Fp.create();
    final int[][] m = new int[10][Fp.LIMBS];
    final int[][] r = new int[5][Fp.LIMBS];
    final Fp.Workspace fp = new Fp.Workspace();
    final Jacobian point = new Jacobian();
    final Jacobian q1 = new Jacobian();
    final Jacobian acc = new Jacobian();
    final Jacobian selected = new Jacobian();
    final Jacobian[] table = newTable();
    final int[] negY = Fp.create();
    final int[] ax = Fp.create();
    final int[] ay = Fp.create();

    private static Jacobian[] newTable() {
      Jacobian[] t = new Jacobian[ScalarMultiplier.TABLE_SIZE];
      for (int i = 0; i < t.length; i++) {
        t[i] = new Jacobian();
      }
      return t;
    }

    Scratch() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
    }

    byte[] uniform(int len) {
      if (uniform.length != len) {
        uniform = new byte[len];
      }
      return uniform;
    }
  }

  static Scratch scratch() {
    return SCRATCH.get();
  }
}
