package org.hearth.pseudonymise.curve;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A point of the P-256 group other than the identity, in affine coordinates.
 *
 * <p>The identity never appears here: it is not a valid pseudonym and every constructor rejects it.
 * Encoding is SEC1 compressed (33 bytes); decoding is strict and rejects wrong lengths, unknown
 * prefixes, coordinates not below p and x values with no point on the curve.
 */
public final class CurvePoint {
  public static final int ENCODED_LENGTH = 33;

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

  /** SEC1 compressed decoding, strict. */
  public static CurvePoint decode(byte[] encoded) {
    if (encoded == null) {
      throw new InvalidPointException("point encoding is missing");
    }
    if (encoded.length == 1 && encoded[0] == 0) {
      throw new InvalidPointException("the identity point is not a valid pseudonym");
    }
    if (encoded.length != ENCODED_LENGTH) {
      throw new InvalidPointException(
          "point encoding must be " + ENCODED_LENGTH + " bytes, was " + encoded.length);
    }
    int prefix = encoded[0];
    if (prefix != 0x02 && prefix != 0x03) {
      throw new InvalidPointException(
          "point encoding must start with 0x02 or 0x03 (SEC1 compressed)");
    }
    if (!Fp.isCanonical(encoded, 1)) {
      throw new InvalidPointException("x coordinate is not below the field prime");
    }
    int[] fx = Fp.create();
    Fp.fromBytes(encoded, 1, fx);
    int[] ext = new int[16];
    int[] rhs = rhs(fx, ext);
    Fp.Workspace w = new Fp.Workspace();
    int[] fy = Fp.create();
    // sqrt for p = 3 mod 4: rhs^((p + 1) / 4) = rhs^((p - 3) / 4) * rhs
    Fp.powPMinus3Over4(rhs, fy, w);
    Fp.mul(fy, rhs, fy, ext);
    int[] check = Fp.create();
    Fp.sqr(fy, check, ext);
    if (Fp.equalMask(check, rhs) == 0) {
      throw new InvalidPointException("x coordinate has no point on the P-256 curve");
    }
    if (Fp.sgn0(fy) != (prefix & 1)) {
      Fp.neg(fy, fy);
    }
    return new CurvePoint(fx, fy);
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

  public byte[] encode() {
    byte[] out = new byte[ENCODED_LENGTH];
    encodeInto(x, y, out, 0);
    return out;
  }

  static void encodeInto(int[] ax, int[] ay, byte[] out, int off) {
    out[off] = (byte) (0x02 | Fp.sgn0(ay));
    Fp.toBytes(ax, out, off + 1);
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
