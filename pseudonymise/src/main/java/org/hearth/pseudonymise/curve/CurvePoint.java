package org.hearth.pseudonymise.curve;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A point of the P-256 group other than the identity, in affine coordinates.
 *
 * <p>The identity never appears here: it is not a valid pseudonym and every constructor rejects it.
 * Encoding is SEC1 uncompressed (65 bytes), so whoever multiplies it next needs no square root;
 * decoding also takes the 33-byte compressed form earlier releases wrote. Decoding is strict and
 * rejects wrong lengths, unknown prefixes, coordinates not below p and points off the curve.
 */
public final class CurvePoint {
  /** SEC1 uncompressed: 0x04, x, y. */
  public static final int ENCODED_LENGTH = 65;

  /** SEC1 compressed: 0x02 or 0x03, x. Written by releases before 0.2; still read. */
  public static final int COMPRESSED_LENGTH = 33;

  /** A bare x-coordinate: the linkage pseudonym, which is all ECDH returns. */
  public static final int X_LENGTH = 32;

  /** The group order n. */
  public static final BigInteger ORDER =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  /** The standard base point G. */
  public static final CurvePoint GENERATOR =
      fromAffine(
          new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
          new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16));

  private final int[] x;
  private final int[] y;

  private CurvePoint(int[] x, int[] y) {
    this.x = x;
    this.y = y;
  }

  /** A point from affine coordinates, checked to be on the curve. */
  public static CurvePoint fromAffine(BigInteger x, BigInteger y) {
    if (x.signum() < 0 || x.compareTo(Fp.P) >= 0 || y.signum() < 0 || y.compareTo(Fp.P) >= 0) {
      throw new InvalidPointException("coordinate is not a field element");
    }
    int[] fx = Fp.fromBigInteger(x);
    int[] fy = Fp.fromBigInteger(y);
    int[] ext = new int[16];
    int[] rhs = rhs(fx, ext);
    int[] y2 = Fp.create();
    Fp.sqr(fy, y2, ext);
    if (Fp.equalMask(rhs, y2) == 0) {
      throw new InvalidPointException("point is not on the P-256 curve");
    }
    return new CurvePoint(fx, fy);
  }

  static CurvePoint fromJacobian(Jacobian p, Fp.Workspace w) {
    if (p.isIdentity()) {
      throw new InvalidPointException("result is the identity point");
    }
    int[] ax = Fp.create();
    int[] ay = Fp.create();
    p.toAffine(ax, ay, w);
    return new CurvePoint(ax, ay);
  }

  /** SEC1 decoding, strict: uncompressed, or compressed as earlier releases wrote. */
  public static CurvePoint decode(byte[] encoded) {
    checkEncoding(encoded);
    int[] fx = Fp.create();
    Fp.fromBytes(encoded, 1, fx);
    int[] ext = new int[16];
    int[] rhs = rhs(fx, ext);
    if (encoded.length == ENCODED_LENGTH) {
      int[] fy = Fp.create();
      Fp.fromBytes(encoded, 1 + X_LENGTH, fy);
      int[] y2 = Fp.create();
      Fp.sqr(fy, y2, ext);
      if (Fp.equalMask(rhs, y2) == 0) {
        throw new InvalidPointException("point is not on the P-256 curve");
      }
      return new CurvePoint(fx, fy);
    }
    int[] fy = sqrt(rhs, ext);
    if (Fp.sgn0(fy) != (encoded[0] & 1)) {
      Fp.neg(fy, fy);
    }
    return new CurvePoint(fx, fy);
  }

  /**
   * The checks that need no field arithmetic: present, not the identity, a known length and prefix,
   * coordinates below p. What is left (on the curve or not) is the multiplier's to check.
   */
  public static void checkEncoding(byte[] encoded) {
    if (encoded == null) {
      throw new InvalidPointException("point encoding is missing");
    }
    if (encoded.length == 1 && encoded[0] == 0) {
      throw new InvalidPointException("the identity point is not a valid pseudonym");
    }
    if (encoded.length == ENCODED_LENGTH) {
      if (encoded[0] != 0x04) {
        throw new InvalidPointException("a 65-byte point must start with 0x04 (SEC1 uncompressed)");
      }
      if (!Fp.isCanonical(encoded, 1) || !Fp.isCanonical(encoded, 1 + X_LENGTH)) {
        throw new InvalidPointException("a coordinate is not below the field prime");
      }
    } else if (encoded.length == COMPRESSED_LENGTH) {
      if (encoded[0] != 0x02 && encoded[0] != 0x03) {
        throw new InvalidPointException(
            "a 33-byte point must start with 0x02 or 0x03 (SEC1 compressed)");
      }
      if (!Fp.isCanonical(encoded, 1)) {
        throw new InvalidPointException("x coordinate is not below the field prime");
      }
    } else {
      throw new InvalidPointException(
          "point encoding must be "
              + ENCODED_LENGTH
              + " bytes (or "
              + COMPRESSED_LENGTH
              + " compressed), was "
              + encoded.length);
    }
  }

  /**
   * The uncompressed encoding of the point with this x-coordinate and an even y. Either root would
   * do for Hearth, since x(k * P) = x(k * -P); choosing one makes the encoding canonical.
   */
  public static byte[] liftX(byte[] x) {
    if (x.length != X_LENGTH || !Fp.isCanonical(x, 0)) {
      throw new InvalidPointException("an x-coordinate must be 32 bytes below the field prime");
    }
    int[] fx = Fp.create();
    Fp.fromBytes(x, 0, fx);
    int[] ext = new int[16];
    int[] fy = sqrt(rhs(fx, ext), ext);
    if (Fp.sgn0(fy) != 0) {
      Fp.neg(fy, fy);
    }
    byte[] out = new byte[ENCODED_LENGTH];
    encodeInto(fx, fy, out, 0);
    return out;
  }

  /** sqrt for p = 3 mod 4: v^((p + 1) / 4) = v^((p - 3) / 4) * v, checked. */
  private static int[] sqrt(int[] v, int[] ext) {
    int[] root = Fp.create();
    Fp.powPMinus3Over4(v, root, new Fp.Workspace());
    Fp.mul(root, v, root, ext);
    int[] check = Fp.create();
    Fp.sqr(root, check, ext);
    if (Fp.equalMask(check, v) == 0) {
      throw new InvalidPointException("x coordinate has no point on the P-256 curve");
    }
    return root;
  }

  /** x^3 - 3x + b. */
  private static int[] rhs(int[] fx, int[] ext) {
    int[] r = Fp.create();
    int[] t = Fp.create();
    Fp.sqr(fx, r, ext);
    Fp.mul(r, fx, r, ext);
    Fp.twice(fx, t);
    Fp.add(t, fx, t);
    Fp.sub(r, t, r);
    Fp.add(r, Fp.B, r);
    return r;
  }

  /** SEC1 uncompressed. */
  public byte[] encode() {
    byte[] out = new byte[ENCODED_LENGTH];
    encodeInto(x, y, out, 0);
    return out;
  }

  /** SEC1 compressed, as releases before 0.2 wrote partner pseudonyms. */
  public byte[] encodeCompressed() {
    byte[] out = new byte[COMPRESSED_LENGTH];
    out[0] = (byte) (0x02 | Fp.sgn0(y));
    Fp.toBytes(x, out, 1);
    return out;
  }

  /** The x-coordinate, 32 bytes big-endian. */
  public byte[] xBytes() {
    return Fp.toBytes(x);
  }

  static void encodeInto(int[] ax, int[] ay, byte[] out, int off) {
    out[off] = 0x04;
    Fp.toBytes(ax, out, off + 1);
    Fp.toBytes(ay, out, off + 1 + X_LENGTH);
  }

  public BigInteger x() {
    return Fp.toBigInteger(x);
  }

  public BigInteger y() {
    return Fp.toBigInteger(y);
  }

  void toJacobian(Jacobian out) {
    out.setAffine(x, y);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CurvePoint p && Arrays.equals(x, p.x) && Arrays.equals(y, p.y);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(x) * 31 + Arrays.hashCode(y);
  }

  /** Points here are pseudonyms: say what it is, never print the coordinates. */
  @Override
  public String toString() {
    return "CurvePoint[P-256]";
  }
}
