package org.hearth.analytics.schoolreadiness;

/**
 * How much more often an outcome happens with a factor than without it, with a 95% confidence
 * interval by the log method (Katz): exp(ln RR ± 1.96 · sqrt(1/a − 1/n₁ + 1/c − 1/n₀)).
 */
public record RiskRatio(double estimate, double low, double high) {
  private static final double Z95 = 1.959963984540054;

  /**
   * @param a outcomes among the n1 with the factor
   * @param c outcomes among the n0 without it
   */
  public static RiskRatio of(long a, long n1, long c, long n0) {
    if (a <= 0 || c <= 0 || n1 < a || n0 < c) {
      throw new IllegalArgumentException("a risk ratio needs outcomes in both groups");
    }
    double rr = ((double) a / n1) / ((double) c / n0);
    double se = Math.sqrt(1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n0);
    return new RiskRatio(rr, Math.exp(Math.log(rr) - Z95 * se), Math.exp(Math.log(rr) + Z95 * se));
  }
}
