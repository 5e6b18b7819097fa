package org.hearth.link.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hearth.link.evaluate.PairwiseQuality.Labelled;
import org.junit.jupiter.api.Test;

class PairwiseQualityTest {

  @Test
  void countsPairsFromClusterSizes() {
    // truth: {a,b,c} {d}; predicted: {a,b} {c,d}
    var q =
        PairwiseQuality.of(
            List.of(
                new Labelled("x", "1"),
                new Labelled("x", "1"),
                new Labelled("y", "1"),
                new Labelled("y", "2")));
    assertThat(q.truePairs()).isEqualTo(3);
    assertThat(q.linkedPairs()).isEqualTo(2);
    assertThat(q.correctPairs()).isEqualTo(1);
    assertThat(q.precision()).isEqualTo(0.5);
    assertThat(q.recall()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(q.f1()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void agreesWithCountingEveryPair() {
    Random r = new Random(5);
    List<Labelled> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(new Labelled("p" + r.nextInt(60), "t" + r.nextInt(50)));
    }
    long truth = 0;
    long linked = 0;
    long correct = 0;
    for (int i = 0; i < records.size(); i++) {
      for (int j = i + 1; j < records.size(); j++) {
        boolean t = records.get(i).truth().equals(records.get(j).truth());
        boolean p = records.get(i).predicted().equals(records.get(j).predicted());
        truth += t ? 1 : 0;
        linked += p ? 1 : 0;
        correct += t && p ? 1 : 0;
      }
    }
    assertThat(PairwiseQuality.of(records))
        .isEqualTo(new PairwiseQuality(records.size(), truth, linked, correct));
  }
}
