package org.hearth.analytics.schoolreadiness;

/**
 * A proportion with its 95% Wilson score interval, computed from published (perturbed) counts: the
 * interval reflects sampling variation only, not the perturbation's own small variance.
 */
public record Proportion(double estimate, double low, double high) {
  private static final double Z = 1.959963984540054;

  /** x out of n, n greater than 0 and x between 0 and n. */
  public static Proportion wilson(long x, long n) {
    if (n <= 0 || x < 0 || x > n) {
      throw new IllegalArgumentException("need 0 <= x <= n and n > 0, not " + x + " of " + n);
    }
    double p = (double) x / n;
    double z2 = Z * Z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = Z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new Proportion(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
