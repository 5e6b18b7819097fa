package org.hearth.link.resolve.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** EM recovers m and the prior from unlabelled candidate pairs drawn from a known model. */
class ExpectationMaximisationTest {
  private static final double[][] TRUE_M = {
    {0.02, 0.03, 0.05, 0.02, 0.03, 0.20, 0.10, 0.55},
    {0.25, 0.15, 0.60},
    {0.15, 0.85}
  };

  @Test
  void recoversTheMProbabilitiesAndThePriorItWasDrawnFrom() {
    long records = 20_000;
    int matches = 9_000; // candidate pairs that are one person
    int nonMatches = 6_000; // candidate pairs that share a token by chance (namesakes, families)
    ScoringModel truth =
        new ScoringModel(
            0,
            TRUE_M,
            ScoringModel.uFrom(FieldCollisions.TYPICAL),
            2.0 * matches / records / records);
    Random r = new Random(7);
    PatternCounts patterns = new PatternCounts();
    for (int i = 0; i < matches; i++) {
      patterns.add(draw(TRUE_M, r));
    }
    // non-matching candidates: mostly a name pair or a surname at a postcode in common
    double[][] nonMatch = {
      {0.40, 0.25, 0.25, 0.02, 0.02, 0.05, 0.005, 0.005},
      {0.90, 0.08, 0.02},
      {0.999, 0.001}
    };
    for (int i = 0; i < nonMatches; i++) {
      patterns.add(draw(nonMatch, r));
    }
    ScoringModel start = ScoringModel.initial(FieldCollisions.TYPICAL, records);
    ScoringModel got = ExpectationMaximisation.estimate(patterns, records, start, 200);

    assertThat(got.version()).isGreaterThan(start.version());
    // the strong levels, where most matches are, come back close to the truth
    assertThat(got.m()[0][7]).isCloseTo(TRUE_M[0][7], within(0.05));
    assertThat(got.m()[1][2]).isCloseTo(TRUE_M[1][2], within(0.05));
    assertThat(got.m()[2][1]).isCloseTo(TRUE_M[2][1], within(0.05));
    // and the expected number of matching pairs is of the right size
    double expectedMatches = got.prior() * records * (records - 1) / 2;
    assertThat(expectedMatches).isBetween(0.8 * matches, 1.2 * matches);
    // a pair that agrees on everything is a link; one that agrees only on names is not
    assertThat(got.probability(new int[] {7, 2, 1})).isGreaterThan(ScoringModel.THRESHOLD);
    assertThat(got.probability(new int[] {2, 0, 0})).isLessThan(ScoringModel.THRESHOLD);
    assertThat(truth.probability(new int[] {2, 0, 0})).isLessThan(ScoringModel.THRESHOLD);
  }

  @Test
  void withNoCandidatesTheModelIsUnchanged() {
    ScoringModel start = ScoringModel.initial(FieldCollisions.TYPICAL, 10);
    assertThat(ExpectationMaximisation.estimate(new PatternCounts(), 10, start, 10))
        .isSameAs(start);
  }

  private static int[] draw(double[][] m, Random r) {
    int[] p = new int[m.length];
    for (int c = 0; c < m.length; c++) {
      double x = r.nextDouble();
      int l = 0;
      while (l < m[c].length - 1 && x > m[c][l]) {
        x -= m[c][l];
        l++;
      }
      p[c] = l;
    }
    return p;
  }
}
