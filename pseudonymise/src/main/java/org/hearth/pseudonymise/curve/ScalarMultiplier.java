package org.hearth.pseudonymise.curve;

import java.math.BigInteger;

/**
 * Multiplication of any P-256 point by one fixed secret scalar: a partner's pseudonymisation key at
 * the edge, or a re-key factor in the link job.
 *
 * <p>The scalar is recoded once into 52 signed 5-bit Booth digits. Every multiplication then runs
 * 255 doublings and 52 additions whatever the digits are, selects table entries by scanning the
 * whole table with masks, and negates by mask, so the sequence of operations and memory accesses
 * does not depend on the scalar. BouncyCastle's field reduction still ends in a data-dependent
 * subtraction; docs/threat-model.md states that limit.
 *
 * <p>Instances are immutable and thread-safe; never print one (it holds key material).
 */
public final class ScalarMultiplier {
  static final int WINDOW_BITS = 5;
  static final int TABLE_SIZE = (1 << (WINDOW_BITS - 1)) + 1; // identity and 1P .. 16P
  private static final int WINDOWS = 52; // ceil(257 / 5): the recoding may carry one bit

  private final int[] digitAbs = new int[WINDOWS];
  private final int[] digitNegative = new int[WINDOWS]; // all ones for a negative digit

  private ScalarMultiplier(BigInteger k) {
    // window i covers bits 5i-1 .. 5i+4 (bit -1 reads as zero): Booth recoding
    BigInteger shifted = k.shiftLeft(1);
    for (int i = 0; i < WINDOWS; i++) {
      int in = shifted.shiftRight(WINDOW_BITS * i).intValue() & 0x3f;
      int s = ~((in >>> 5) - 1);
      int d = (1 << 6) - in - 1;
      d = (d & s) | (in & ~s);
      d = (d >> 1) + (d & 1);
      digitAbs[i] = d;
      digitNegative[i] = s;
    }
  }

  /** A multiplier for a scalar in [1, n - 1]. */
  public static ScalarMultiplier of(BigInteger k) {
    if (k.signum() <= 0 || k.compareTo(CurvePoint.ORDER) >= 0) {
      throw new IllegalArgumentException("scalar is outside [1, n-1] for P-256");
    }
    return new ScalarMultiplier(k);
  }

  public CurvePoint multiply(CurvePoint p) {
    HashToCurve.Scratch s = HashToCurve.scratch();
    p.toJacobian(s.point);
    multiply(s.point, s.acc, s);
    return CurvePoint.fromJacobian(s.acc, s.fp);
  }

  /** k * P for an encoded P, encoded: the re-keying step. */
  public byte[] multiplyEncoded(byte[] encodedPoint) {
    return multiply(CurvePoint.decode(encodedPoint)).encode();
  }

  /** The edge step: SEC1-compressed k * H(msg), with nothing allocated but the result. */
  public byte[] hashAndMultiply(HashToCurve hasher, byte[] msg) {
    HashToCurve.Scratch s = HashToCurve.scratch();
    hasher.hashToJacobian(msg, s.point, s);
    multiply(s.point, s.acc, s);
    if (s.acc.isIdentity()) {
      throw new InvalidPointException("result is the identity point");
    }
    s.acc.toAffine(s.ax, s.ay, s.fp);
    byte[] out = new byte[CurvePoint.ENCODED_LENGTH];
    CurvePoint.encodeInto(s.ax, s.ay, out, 0);
    return out;
  }

  /** out = k * p; p must not alias out or the scratch points. */
  void multiply(Jacobian p, Jacobian out, HashToCurve.Scratch s) {
    Jacobian[] t = s.table;
    Fp.Workspace w = s.fp;
    t[0].setIdentity();
    t[1].set(p);
    for (int j = 2; j < TABLE_SIZE; j++) {
      if ((j & 1) == 0) {
        Jacobian.dbl(t[j >> 1], t[j], w);
      } else {
        Jacobian.add(t[j - 1], t[1], t[j], w);
      }
    }
    out.setIdentity();
    Jacobian sel = s.selected;
    for (int i = WINDOWS - 1; i >= 0; i--) {
      if (i != WINDOWS - 1) {
        for (int d = 0; d < WINDOW_BITS; d++) {
          Jacobian.dbl(out, out, w);
        }
      }
      select(t, digitAbs[i], sel);
      Fp.neg(sel.y, s.negY);
      Fp.cmov(sel.y, s.negY, digitNegative[i]);
      Jacobian.add(out, sel, out, w);
    }
  }

  private static void select(Jacobian[] table, int index, Jacobian out) {
    out.setIdentity();
    for (int j = 0; j < TABLE_SIZE; j++) {
      int diff = j ^ index;
      int mask = ~((diff | -diff) >> 31); // all ones when j == index
      out.cmov(table[j], mask);
    }
  }

  @Override
  public String toString() {
    return "ScalarMultiplier[secret]";
  }
}
