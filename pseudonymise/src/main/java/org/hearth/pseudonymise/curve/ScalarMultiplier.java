package org.hearth.pseudonymise.curve;

import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multiplication of any P-256 point by one fixed secret scalar: a partner's pseudonymisation key at
 * the edge, or a re-key factor in the link job.
 *
 * <p>The multiplication runs in native code (AWS-LC's ECDH, see {@link NativeEcdh}) wherever that
 * loads and agrees with the Java code on a known answer; elsewhere in Java, with one log line
 * saying so. Both give byte-identical results: {@link #engine()} says which one runs.
 *
 * <p>The Java path: the scalar is recoded once into 52 signed 5-bit Booth digits. Every
 * multiplication then runs 255 doublings and 52 additions whatever the digits are, selects table
 * entries by scanning the whole table with masks, and negates by mask, so the sequence of
 * operations and memory accesses does not depend on the scalar. BouncyCastle's field reduction
 * still ends in a data-dependent subtraction; docs/threat-model.md states that limit.
 *
 * <p>Instances are immutable and thread-safe; never print one (it holds key material).
 */
public final class ScalarMultiplier {
  static final int WINDOW_BITS = 5;
  static final int TABLE_SIZE = (1 << (WINDOW_BITS - 1)) + 1; // identity and 1P .. 16P
  private static final int WINDOWS = 52; // ceil(257 / 5): the recoding may carry one bit

  private static final Logger LOG = LoggerFactory.getLogger(ScalarMultiplier.class);

  private final int[] digitAbs = new int[WINDOWS];
  private final int[] digitNegative = new int[WINDOWS]; // all ones for a negative digit
  private final NativeEcdh.Scalar nativeScalar; // null: the Java path

  private ScalarMultiplier(BigInteger k, NativeEcdh engine) {
    this.nativeScalar = engine == null ? null : engine.prepare(k);
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

  /** A multiplier for a scalar in [1, n - 1], on the engine this process chose. */
  public static ScalarMultiplier of(BigInteger k) {
    return of(k, Engine.CHOSEN.nativeEngine);
  }

  /** A multiplier that always runs the Java code: the fallback, for tests and benchmarks. */
  public static ScalarMultiplier inJava(BigInteger k) {
    return of(k, null);
  }

  private static ScalarMultiplier of(BigInteger k, NativeEcdh engine) {
    if (k.signum() <= 0 || k.compareTo(CurvePoint.ORDER) >= 0) {
      throw new IllegalArgumentException("scalar is outside [1, n-1] for P-256");
    }
    return new ScalarMultiplier(k, engine);
  }

  /** Which engine {@link #of} multipliers run on, e.g. "AWS-LC (...)" or "Java (...)". */
  public static String engine() {
    return Engine.CHOSEN.description;
  }

  /** Whether {@link #of} multipliers run in native code. */
  public static boolean nativeEngine() {
    return Engine.CHOSEN.nativeEngine != null;
  }

  /** The engine of this multiplier, as {@link #engine()} words it. */
  public String engineOfThis() {
    return nativeScalar == null ? Engine.JAVA : Engine.CHOSEN.description;
  }

  /** k * P, in Java whatever the engine (tests and diagnostics: the full point). */
  public CurvePoint multiply(CurvePoint p) {
    HashToCurve.Scratch s = HashToCurve.scratch();
    p.toJacobian(s.point);
    multiply(s.point, s.acc, s);
    return CurvePoint.fromJacobian(s.acc, s.fp);
  }

  /**
   * x(k * P) for an encoded P (uncompressed, or compressed as earlier releases wrote): the
   * re-keying step. The encoding is checked strictly; a point off the curve is refused.
   */
  public byte[] multiplyToX(byte[] encodedPoint) {
    CurvePoint.checkEncoding(encodedPoint);
    if (nativeScalar != null) {
      return nativeScalar.sharedX(encodedPoint);
    }
    return multiply(CurvePoint.decode(encodedPoint)).xBytes();
  }

  /**
   * The edge step: k * H(msg) as a partner pseudonym, SEC1 uncompressed with the even y (either
   * sign re-keys to the same x, and the root is taken here so the link job need not).
   */
  public byte[] hashAndMultiply(HashToCurve hasher, byte[] msg) {
    HashToCurve.Scratch s = HashToCurve.scratch();
    hasher.hashToJacobian(msg, s.point, s);
    if (nativeScalar != null) {
      s.point.toAffine(s.ax, s.ay, s.fp);
      byte[] hashed = new byte[CurvePoint.ENCODED_LENGTH];
      CurvePoint.encodeInto(s.ax, s.ay, hashed, 0);
      return CurvePoint.liftX(nativeScalar.sharedX(hashed));
    }
    multiply(s.point, s.acc, s);
    if (s.acc.isIdentity()) {
      throw new InvalidPointException("result is the identity point");
    }
    s.acc.toAffine(s.ax, s.ay, s.fp);
    if (Fp.sgn0(s.ay) != 0) {
      Fp.neg(s.ay, s.ay);
    }
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

  /** The engine chosen once per process (per class loader, in a Flink job). */
  static final class Engine {
    static final String JAVA = "Java (BouncyCastle P-256 field, constant-time ladder)";
    static final Engine CHOSEN = choose(NativeEcdh.loadAccp());

    final NativeEcdh nativeEngine;
    final String description;

    private Engine(NativeEcdh nativeEngine, String description) {
      this.nativeEngine = nativeEngine;
      this.description = description;
    }

    /**
     * The native engine when it loaded and gives the Java code's answer for a fixed scalar and
     * point; otherwise Java, with one line saying why.
     */
    static Engine choose(NativeEcdh.Loaded loaded) {
      if (loaded.engine().isEmpty()) {
        LOG.warn("P-256 multiplication runs in Java, about 5 times slower: {}", loaded.whyNot());
        return new Engine(null, JAVA);
      }
      NativeEcdh engine = loaded.engine().get();
      try {
        BigInteger k = new BigInteger("c0ffee15600d5eed", 16);
        CurvePoint p =
            ScalarMultiplier.inJava(BigInteger.valueOf(7)).multiply(CurvePoint.GENERATOR);
        byte[] expected = ScalarMultiplier.inJava(k).multiply(p).xBytes();
        byte[] got = ScalarMultiplier.of(k, engine).multiplyToX(p.encode());
        if (!java.util.Arrays.equals(expected, got)) {
          LOG.warn(
              "P-256 multiplication runs in Java: {} gave a wrong known answer",
              engine.description());
          return new Engine(null, JAVA);
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "P-256 multiplication runs in Java: {} failed its known answer",
            engine.description(),
            e);
        return new Engine(null, JAVA);
      }
      LOG.info("P-256 multiplication runs in native code: {}", engine.description());
      return new Engine(engine, engine.description());
    }
  }
}
