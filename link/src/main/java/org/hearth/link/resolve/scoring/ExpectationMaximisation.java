package org.hearth.link.resolve.scoring;

/**
 * Estimates m and the prior of a {@link ScoringModel} from candidate pairs without any labels, as
 * Splink and fastLink do: the E step gives each pair its match probability under the current model,
 * the M step sets m to the probability-weighted share of pairs at each level. u stays as measured.
 * Pairs that were never candidates (no token in common) count as non-matches, so the prior is the
 * expected number of matching pairs over all pairs of records.
 */
public final class ExpectationMaximisation {
  private static final double FLOOR = 1e-4;

  private ExpectationMaximisation() {}

  /**
   * @param patterns how many candidate pairs show each {@link AgreementPattern}
   * @param records how many records the pairs were drawn from
   */
  public static ScoringModel estimate(
      PatternCounts patterns, long records, ScoringModel start, int maxIterations) {
    return estimate(patterns, (double) records * (records - 1) / 2, start, maxIterations);
  }

  /**
   * @param patterns how many candidate pairs of a sample show each {@link AgreementPattern}
   * @param allPairs how many pairs of records the sample stands for (never-candidates included)
   */
  public static ScoringModel estimate(
      PatternCounts patterns, double allPairs, ScoringModel start, int maxIterations) {
    if (patterns.pairs() == 0 || allPairs < 1) {
      return start;
    }
    double[][] m = ScoringModel.copy(start.m());
    double prior = start.prior();
    ScoringModel model = start;
    for (int it = 0; it < maxIterations; it++) {
      double[][] sums = new double[m.length][];
      for (int c = 0; c < m.length; c++) {
        sums[c] = new double[m[c].length];
      }
      double[] expected = {0};
      ScoringModel current = model;
      patterns.forEach(
          (p, n) -> {
            double g = current.probability(p) * n;
            expected[0] += g;
            for (int c = 0; c < p.length; c++) {
              if (p[c] >= 0) {
                sums[c][p[c]] += g;
              }
            }
          });
      double change = 0;
      for (int c = 0; c < m.length; c++) {
        double total = 0;
        for (double v : sums[c]) {
          total += v;
        }
        if (total <= 0) {
          continue;
        }
        for (int l = 0; l < m[c].length; l++) {
          double next = Math.max(FLOOR, sums[c][l] / total);
          change = Math.max(change, Math.abs(next - m[c][l]));
          m[c][l] = next;
        }
      }
      prior = Math.min(0.5, Math.max(1e-12, expected[0] / allPairs));
      model = new ScoringModel(start.version() + 1, ScoringModel.copy(m), start.u(), prior);
      if (change < 1e-6) {
        break;
      }
    }
    return model;
  }
}
