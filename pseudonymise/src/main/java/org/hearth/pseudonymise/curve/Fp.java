package org.hearth.pseudonymise.curve;

import java.math.BigInteger;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;

/**
 * P-256 base-field helpers on BouncyCastle's 8 x 32-bit little-endian limbs.
 *
 * <p>BouncyCastle's {@link SecP256R1Field} keeps every result fully reduced into [0, p), so
 * equality and zero tests here are plain limb comparisons. Selection helpers are branch-free
 * because their conditions can depend on identifiers (hash-to-curve) or on a secret scalar.
 */
final class Fp {
  static final int LIMBS = 8;
  static final BigInteger P =
      new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  static final int[] B =
      fromBigInteger(
          new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16));
  static final int[] ONE = fromBigInteger(BigInteger.ONE);

  private Fp() {}

  static int[] create() {
    return new int[LIMBS];
  }

  static int[] fromBigInteger(BigInteger x) {
    if (x.signum() < 0 || x.compareTo(P) >= 0) {
      throw new IllegalArgumentException("field element out of range");
    }
    return SecP256R1Field.fromBigInteger(x);
  }

  static BigInteger toBigInteger(int[] x) {
    return new BigInteger(1, toBytes(x));
  }

  /** Big-endian 32 bytes; the caller has checked the value is below p. */
  static void fromBytes(byte[] in, int off, int[] z) {
    for (int i = 0; i < LIMBS; i++) {
      int p = off + 28 - 4 * i;
      z[i] =
          (in[p] & 0xff) << 24
              | (in[p + 1] & 0xff) << 16
              | (in[p + 2] & 0xff) << 8
              | in[p + 3] & 0xff;
    }
  }

  static byte[] toBytes(int[] x) {
    byte[] out = new byte[32];
    toBytes(x, out, 0);
    return out;
  }

  static void toBytes(int[] x, byte[] out, int off) {
    for (int i = 0; i < LIMBS; i++) {
      int p = off + 28 - 4 * i;
      int w = x[i];
      out[p] = (byte) (w >>> 24);
      out[p + 1] = (byte) (w >>> 16);
      out[p + 2] = (byte) (w >>> 8);
      out[p + 3] = (byte) w;
    }
  }

  /** True when the big-endian 32 bytes at {@code off} encode an integer below p. */
  private static final byte[] P_MINUS_ONE =
      toBytes(SecP256R1Field.fromBigInteger(P.subtract(BigInteger.ONE)));

  static boolean isCanonical(byte[] in, int off) {
    byte[] pb = P_MINUS_ONE;
    for (int i = 0; i < 32; i++) {
      int a = in[off + i] & 0xff;
      int b = pb[i] & 0xff;
      if (a != b) {
        return a < b;
      }
    }
    return true; // equal to p - 1
  }

  static void copy(int[] x, int[] z) {
    System.arraycopy(x, 0, z, 0, LIMBS);
  }

  /** All ones when x is zero, else zero; branch-free. */
  static int isZeroMask(int[] x) {
    int acc = 0;
    for (int i = 0; i < LIMBS; i++) {
      acc |= x[i];
    }
    // (acc | -acc) has its top bit set exactly when acc != 0.
    return ~((acc | -acc) >> 31);
  }

  static boolean isZero(int[] x) {
    return isZeroMask(x) != 0;
  }

  /** All ones when x == y, else zero; branch-free. */
  static int equalMask(int[] x, int[] y) {
    int acc = 0;
    for (int i = 0; i < LIMBS; i++) {
      acc |= x[i] ^ y[i];
    }
    return ~((acc | -acc) >> 31);
  }

  /** z = mask ? y : z, where mask is all ones or zero. */
  static void cmov(int[] z, int[] y, int mask) {
    for (int i = 0; i < LIMBS; i++) {
      z[i] ^= (z[i] ^ y[i]) & mask;
    }
  }

  /** The parity of the canonical representative: RFC 9380 sgn0 for m = 1. */
  static int sgn0(int[] x) {
    return x[0] & 1;
  }

  static void mul(int[] x, int[] y, int[] z, int[] ext) {
    SecP256R1Field.multiply(x, y, z, ext);
  }

  static void sqr(int[] x, int[] z, int[] ext) {
    SecP256R1Field.square(x, z, ext);
  }

  static void sqrN(int[] x, int n, int[] z, int[] ext) {
    SecP256R1Field.squareN(x, n, z, ext);
  }

  static void add(int[] x, int[] y, int[] z) {
    SecP256R1Field.add(x, y, z);
  }

  static void sub(int[] x, int[] y, int[] z) {
    SecP256R1Field.subtract(x, y, z);
  }

  static void twice(int[] x, int[] z) {
    SecP256R1Field.twice(x, z);
  }

  static void neg(int[] x, int[] z) {
    SecP256R1Field.negate(x, z);
  }

  static void inv(int[] x, int[] z) {
    SecP256R1Field.inv(x, z);
  }

  /**
   * z = x^((p - 3) / 4), the exponent of RFC 9380's sqrt_ratio for p = 3 mod 4.
   *
   * <p>(p - 3) / 4 = 2^254 - 2^222 + 2^190 + 2^94 - 1: in binary 32 ones, 31 zeros, a one, 96
   * zeros, then 94 ones. The chain builds x^(2^k - 1) for k up to 32 and then appends the bits from
   * the top, so each of the exponent's 254 bits costs one squaring: 253 squarings and 12
   * multiplications (building the low ones separately cost 315 squarings). Three of these are most
   * of the edge's Java work per pseudonym.
   */
  static void powPMinus3Over4(int[] x, int[] z, Workspace w) {
    int[] ext = w.ext;
    int[] x2 = w.t[0], x4 = w.t[1], x8 = w.t[2], x16 = w.t[3], x32 = w.t[4], acc = w.t[5];
    sqr(x, x2, ext);
    mul(x2, x, x2, ext);
    sqrN(x2, 2, x4, ext);
    mul(x4, x2, x4, ext);
    sqrN(x4, 4, x8, ext);
    mul(x8, x4, x8, ext);
    sqrN(x8, 8, x16, ext);
    mul(x16, x8, x16, ext);
    sqrN(x16, 16, x32, ext);
    mul(x32, x16, x32, ext);
    // 32 ones, then 31 zeros and a one
    sqrN(x32, 32, acc, ext);
    mul(acc, x, acc, ext);
    // 96 zeros, then 94 ones = 32 + 32 + 16 + 8 + 4 + 2
    sqrN(acc, 96 + 32, acc, ext);
    mul(acc, x32, acc, ext);
    sqrN(acc, 32, acc, ext);
    mul(acc, x32, acc, ext);
    sqrN(acc, 16, acc, ext);
    mul(acc, x16, acc, ext);
    sqrN(acc, 8, acc, ext);
    mul(acc, x8, acc, ext);
    sqrN(acc, 4, acc, ext);
    mul(acc, x4, acc, ext);
    sqrN(acc, 2, acc, ext);
    mul(acc, x2, z, ext);
  }

  /** Scratch space for one thread: nothing in the hot paths allocates. */
  static final class Workspace {
    final int[] ext = new int[16];
    final int[][] t = new int[12][LIMBS];
  }
}
