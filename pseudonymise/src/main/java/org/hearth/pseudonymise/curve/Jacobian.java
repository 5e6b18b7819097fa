package org.hearth.pseudonymise.curve;

/**
 * A mutable P-256 point in Jacobian coordinates (x = X/Z^2, y = Y/Z^3; Z = 0 is the identity), with
 * in-place formulas for a = -3. Used only inside this package, where hot loops reuse instances
 * instead of allocating.
 */
final class Jacobian {
  final int[] x = Fp.create();
  final int[] y = Fp.create();
  final int[] z = Fp.create();

  void set(Jacobian p) {
    Fp.copy(p.x, x);
    Fp.copy(p.y, y);
    Fp.copy(p.z, z);
  }

  void setAffine(int[] ax, int[] ay) {
    Fp.copy(ax, x);
    Fp.copy(ay, y);
    Fp.copy(Fp.ONE, z);
  }

  void setIdentity() {
    Fp.copy(Fp.ONE, x);
    Fp.copy(Fp.ONE, y);
    java.util.Arrays.fill(z, 0);
  }

  boolean isIdentity() {
    return Fp.isZero(z);
  }

  /** this = mask ? p : this, branch-free. */
  void cmov(Jacobian p, int mask) {
    Fp.cmov(x, p.x, mask);
    Fp.cmov(y, p.y, mask);
    Fp.cmov(z, p.z, mask);
  }

  /**
   * r = 2p ("dbl-2001-b", 3M + 5S). Safe for r == p. The identity doubles to itself because Z3
   * comes out zero.
   */
  static void dbl(Jacobian p, Jacobian r, Fp.Workspace w) {
    int[] ext = w.ext;
    int[] delta = w.t[0], gamma = w.t[1], beta = w.t[2], alpha = w.t[3], t = w.t[4];
    Fp.sqr(p.z, delta, ext);
    Fp.sqr(p.y, gamma, ext);
    Fp.mul(p.x, gamma, beta, ext);
    Fp.sub(p.x, delta, t);
    Fp.add(p.x, delta, alpha);
    Fp.mul(t, alpha, alpha, ext);
    Fp.twice(alpha, t);
    Fp.add(alpha, t, alpha); // alpha = 3 (X - delta)(X + delta)
    // Z3 before X3 and Y3 overwrite p when r == p
    Fp.add(p.y, p.z, t);
    Fp.sqr(t, t, ext);
    Fp.sub(t, gamma, t);
    Fp.sub(t, delta, r.z);
    Fp.twice(beta, beta);
    Fp.twice(beta, beta); // 4 beta
    Fp.sqr(alpha, t, ext);
    Fp.twice(beta, delta); // 8 beta, reusing delta
    Fp.sub(t, delta, r.x);
    Fp.sub(beta, r.x, t);
    Fp.mul(alpha, t, t, ext);
    Fp.sqr(gamma, gamma, ext);
    Fp.twice(gamma, gamma);
    Fp.twice(gamma, gamma);
    Fp.twice(gamma, gamma); // 8 gamma^2
    Fp.sub(t, gamma, r.y);
  }

  /**
   * r = p + q ("add-1998-cmo-2", 12M + 4S). Safe for r aliasing p or q. Identity inputs are handled
   * branch-free; p == q (which a scalar multiplication never reaches after its first window, and
   * hash-to-curve only with negligible probability) falls back to doubling.
   */
  static void add(Jacobian p, Jacobian q, Jacobian r, Fp.Workspace w) {
    int[] ext = w.ext;
    int[] z1z1 = w.t[5], z2z2 = w.t[6], u1 = w.t[7], u2 = w.t[8], s1 = w.t[9], s2 = w.t[10];
    int[] h = w.t[11];
    int pInf = Fp.isZeroMask(p.z);
    int qInf = Fp.isZeroMask(q.z);
    Fp.sqr(p.z, z1z1, ext);
    Fp.sqr(q.z, z2z2, ext);
    Fp.mul(p.x, z2z2, u1, ext);
    Fp.mul(q.x, z1z1, u2, ext);
    Fp.mul(z2z2, q.z, z2z2, ext);
    Fp.mul(p.y, z2z2, s1, ext); // S1 = Y1 Z2^3
    Fp.mul(z1z1, p.z, z1z1, ext);
    Fp.mul(q.y, z1z1, s2, ext); // S2 = Y2 Z1^3
    Fp.sub(u2, u1, h);
    Fp.sub(s2, s1, s2); // r = S2 - S1, kept in s2
    if ((Fp.isZeroMask(h) & Fp.isZeroMask(s2) & ~pInf & ~qInf) != 0) {
      dbl(p, r, w);
      return;
    }
    int[] hh = z1z1, hhh = z2z2; // Z1Z1 and Z2Z2 are no longer needed
    Fp.sqr(h, hh, ext);
    Fp.mul(hh, h, hhh, ext);
    Fp.mul(u1, hh, u1, ext); // U1 H^2
    int[] zOut = u2;
    Fp.mul(p.z, q.z, zOut, ext);
    Fp.mul(zOut, h, zOut, ext);
    // results go to scratch first: r may alias p or q, which the identity selection still reads
    int[] x3 = h, y3 = w.t[4];
    Fp.sqr(s2, x3, ext);
    Fp.sub(x3, hhh, x3);
    Fp.twice(u1, w.t[3]);
    Fp.sub(x3, w.t[3], x3);
    Fp.sub(u1, x3, y3);
    Fp.mul(y3, s2, y3, ext);
    Fp.mul(s1, hhh, s1, ext);
    Fp.sub(y3, s1, y3);
    // identity cases: p = O gives q, q = O gives p
    Fp.cmov(x3, q.x, pInf);
    Fp.cmov(y3, q.y, pInf);
    Fp.cmov(zOut, q.z, pInf);
    Fp.cmov(x3, p.x, qInf);
    Fp.cmov(y3, p.y, qInf);
    Fp.cmov(zOut, p.z, qInf);
    Fp.copy(x3, r.x);
    Fp.copy(y3, r.y);
    Fp.copy(zOut, r.z);
  }

  /** Writes the affine coordinates; the caller has rejected the identity. */
  void toAffine(int[] ax, int[] ay, Fp.Workspace w) {
    int[] ext = w.ext;
    int[] zi = w.t[0], zi2 = w.t[1];
    Fp.inv(z, zi);
    Fp.sqr(zi, zi2, ext);
    Fp.mul(x, zi2, ax, ext);
    Fp.mul(zi2, zi, zi2, ext);
    Fp.mul(y, zi2, ay, ext);
  }
}
