package org.hearth.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationTableTest {
  private static final PerturbationTable T = PerturbationTable.HEARTH_1;

  @Test
  void everyRowIsUnbiasedWithTheStatedVarianceAndNeverNegative() {
    assertThat(T.variance()).isEqualTo(2.0);
    for (int count = 0; count < 12; count++) {
      double sum = 0;
      double mean = 0;
      double square = 0;
      for (int v = -T.maxNoise(); v <= T.maxNoise(); v++) {
        double p = T.probability(count, v);
        if (p > 0) {
          assertThat(count + v).as("count %d noise %d", count, v).isNotNegative();
        }
        sum += p;
        mean += p * v;
        square += p * v * v;
      }
      assertThat(sum).isCloseTo(1, within(1e-12));
      assertThat(mean).as("mean noise of %d", count).isCloseTo(0, within(1e-12));
      assertThat(square).as("variance of %d", count).isCloseTo(count == 0 ? 0 : 2, within(1e-12));
    }
  }

  @Test
  void positionsPickNoiseInProportionToItsProbability() {
    // an even grid of positions: each noise value's share of it is its probability
    int steps = 3 * 5 * 1000;
    for (long count : new long[] {0, 1, 2, 7, 1000}) {
      int[] seen = new int[2 * T.maxNoise() + 1];
      for (int i = 0; i < steps; i++) {
        long position = (long) ((i + 0.5) / steps * PerturbationTable.POSITIONS);
        long published = T.perturb(count, position);
        assertThat(published).isNotNegative();
        seen[(int) (published - count) + T.maxNoise()]++;
      }
      for (int v = -T.maxNoise(); v <= T.maxNoise(); v++) {
        assertThat((double) seen[v + T.maxNoise()] / steps)
            .as("count %d noise %d", count, v)
            .isCloseTo(T.probability(count, v), within(1e-9));
      }
    }
    assertThat(T.perturb(1, 0)).isZero();
    assertThat(T.perturb(1, PerturbationTable.POSITIONS - 1)).isEqualTo(3);
    assertThat(T.perturb(50, 0)).isEqualTo(48);
    assertThat(T.perturb(50, PerturbationTable.POSITIONS - 1)).isEqualTo(52);
  }

  @Test
  void itSaysWhatItDoes() {
    assertThat(T.describe())
        .contains(
            "hearth-ptable-1",
            "at most ±2",
            "variance 2",
            "0 stays 0",
            "1 becomes 0 (2/3) or 3 (1/3)",
            "n ≥ 2: n-2..n+2, each equally likely");
  }

  @Test
  void aTableThatWouldGoNegativeIsRefused() {
    assertThatThrownBy(
            () ->
                new PerturbationTable(
                    "bad",
                    2,
                    List.of(new PerturbationTable.Row(new int[] {-1, 1}, new long[] {1, 1}))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
