package org.hearth.link.resolve.scoring;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.hearth.pseudonymise.normalise.FieldStatistics.Field;

/**
 * A Fellegi–Sunter model over {@link Comparison}s: for each level the probability a matching pair
 * is at it (m) and a non-matching pair (u), and the prior probability that two records picked at
 * random are the same person. m and the prior are estimated by expectation–maximisation on the
 * platform's own candidate pairs ({@link ExpectationMaximisation}); u comes from the edge's
 * measured field collisions ({@link FieldCollisions}), multiplied for compound levels.
 *
 * @param version counts estimations: analysts' ids do not depend on it, links may
 */
public record ScoringModel(int version, double[][] m, double[][] u, double prior)
    implements Serializable {

  /** Links are made at or above this match probability (see docs/linkage.md for the choice). */
  public static final double THRESHOLD = 0.9;

  /** Where m starts before any estimation: what a well-kept register looks like. */
  private static final double[][] START_M = {
    {0.05, 0.03, 0.05, 0.02, 0.05, 0.15, 0.05, 0.60},
    {0.2, 0.2, 0.6},
    {0.1, 0.9}
  };

  /** The model before any estimation, for a population of {@code records}. */
  public static ScoringModel initial(FieldCollisions collisions, long records) {
    double n = Math.max(2, records);
    return new ScoringModel(0, copy(START_M), uFrom(collisions), 1.0 / n);
  }

  /** The same m and prior with u from new measurements. */
  public ScoringModel withCollisions(FieldCollisions collisions) {
    return new ScoringModel(version, m, uFrom(collisions), prior);
  }

  /** Log-odds (natural) that the pair is one person. */
  public double logOdds(int[] pattern) {
    double lo = Math.log(prior / (1 - prior));
    for (int c = 0; c < pattern.length; c++) {
      if (pattern[c] >= 0) {
        lo += Math.log(m[c][pattern[c]] / u[c][pattern[c]]);
      }
    }
    return lo;
  }

  /** The probability that the pair is one person. */
  public double probability(int[] pattern) {
    return 1 / (1 + Math.exp(-logOdds(pattern)));
  }

  /** The match weight of one comparison's level, in bits, as charts and explanations show it. */
  public double weightBits(Comparison c, int level) {
    return Math.log(m[c.ordinal()][level] / u[c.ordinal()][level]) / Math.log(2);
  }

  static double[][] uFrom(FieldCollisions fc) {
    double f = fc.rate(Field.FORENAME);
    double s = fc.rate(Field.SURNAME);
    double d = fc.rate(Field.DATE_OF_BIRTH);
    double pf = Math.max(f, fc.rate(Field.PHONETIC_FORENAME));
    double ps = Math.max(s, fc.rate(Field.PHONETIC_SURNAME));
    double part = fc.rate(Field.DATE_OF_BIRTH_PART);
    double pc = fc.rate(Field.POSTCODE);
    double person[] = new double[Comparison.PERSON.levels()];
    person[7] = f * s * d;
    person[6] = f * s * part;
    person[5] = (f + s) * d;
    person[4] = (pf + ps) * d;
    person[3] = d * pc;
    person[2] = f * s;
    person[1] = pf * ps;
    double address[] = new double[Comparison.ADDRESS.levels()];
    address[2] = fc.rate(Field.POSTCODE_ADDRESS);
    address[1] = fc.rate(Field.STREET_ADDRESS) + pc * s;
    double identifier[] = new double[Comparison.IDENTIFIER.levels()];
    identifier[1] = fc.rate(Field.OTHER_IDENTIFIER);
    double[][] u = {person, address, identifier};
    for (double[] levels : u) {
      double agree = 0;
      for (int l = 1; l < levels.length; l++) {
        levels[l] = Math.max(levels[l], 1e-15);
        agree += levels[l];
      }
      levels[0] = Math.max(1e-9, 1 - agree);
    }
    return u;
  }

  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoringModel s
        && s.version == version
        && s.prior == prior
        && Arrays.deepEquals(s.m, m)
        && Arrays.deepEquals(s.u, u);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(m) * 31 + version;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder(
            String.format(Locale.ROOT, "ScoringModel v%d prior %.3g", version, prior));
    for (Comparison c : Comparison.values()) {
      sb.append("; ").append(c);
      for (int l = 0; l < c.levels(); l++) {
        sb.append(String.format(Locale.ROOT, " %d:%.1f", l, weightBits(c, l)));
      }
    }
    return sb.toString();
  }
}
