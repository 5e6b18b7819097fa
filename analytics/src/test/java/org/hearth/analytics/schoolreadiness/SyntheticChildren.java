package org.hearth.analytics.schoolreadiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Children for disclosure tests: wards of unequal size, circumstances at district-like prevalences,
 * and readiness falling with each circumstance, so that every attribute an attacker is after is
 * unevenly distributed and worth guessing.
 */
final class SyntheticChildren {
  /** Prevalence of each {@link Factor}, in declaration order. */
  static final double[] PREVALENCE = {0.2, 0.5, 0.33, 0.15, 0.3, 0.2, 0.08, 0.05, 0.05, 0.03, 0.1};

  /** How much each factor lowers the log-odds of being ready. */
  private static final double[] EFFECT = {0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.6, 0.5, 0.8, 0.5, 0.3};

  private SyntheticChildren() {}

  static List<SchoolReadiness.Child> generate(long seed, int children, int wards) {
    Random r = new Random(seed);
    double[] weight = new double[wards];
    double sum = 0;
    for (int w = 0; w < wards; w++) {
      weight[w] = 1 + w % 4;
      sum += weight[w];
    }
    List<SchoolReadiness.Child> out = new ArrayList<>(children);
    for (int i = 0; i < children; i++) {
      double u = r.nextDouble() * sum;
      int w = 0;
      while (u >= weight[w]) {
        u -= weight[w];
        w++;
      }
      boolean[] f = new boolean[Factor.values().length];
      double logit = 1.4;
      for (int k = 0; k < f.length; k++) {
        f[k] = r.nextDouble() < PREVALENCE[k];
        logit -= f[k] ? EFFECT[k] : 0;
      }
      boolean ready = r.nextDouble() < 1 / (1 + Math.exp(-logit));
      out.add(new SchoolReadiness.Child(ward(w), ready, f, r.nextLong() >>> 11));
    }
    return out;
  }

  static String ward(int w) {
    return String.format("E05%06d", 900001 + w);
  }
}
