package org.hearth.pseudonymise.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Field collision rates: right on a known population, and the same whatever the row order. */
class FieldStatisticsTest {
  @Test
  void ratesMatchAKnownPopulationAndIgnoreTheOrderRowsArriveIn() {
    // 50,000 persons: forenames from 20 equally common ones, surnames from 400, unique dates
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      rows.add(i);
    }
    FieldStatistics inOrder = measure(rows);
    Collections.shuffle(rows, new Random(3));
    FieldStatistics shuffled = measure(rows);

    assertThat(shuffled.collisionRates()).isEqualTo(inOrder.collisionRates());
    assertThat(inOrder.persons()).isEqualTo(50_000);
    var rates = inOrder.collisionRates();
    assertThat(rates.get("FORENAME")).isCloseTo(1.0 / 20, within(0.005));
    assertThat(rates.get("SURNAME")).isCloseTo(1.0 / 400, within(0.0005));
    // no two persons share a date: the floor is one pair among those sampled
    double pairs = FieldStatistics.SAMPLE * (FieldStatistics.SAMPLE - 1) / 2.0;
    assertThat(rates.get("DATE_OF_BIRTH")).isEqualTo(1 / pairs);
    assertThat(rates).doesNotContainKey("POSTCODE");
    // only rates leave: no key or value of the sample is in what is reported
    assertThat(rates.keySet()).allMatch(k -> k.matches("[A-Z_]+"));
  }

  private static FieldStatistics measure(List<Integer> rows) {
    FieldStatistics s = new FieldStatistics();
    for (int i : rows) {
      s.add(
          i,
          "NAME" + (char) ('A' + i % 20),
          "SURNAME" + (i % 400),
          BirthDate.of(LocalDate.of(1900, 1, 1).plusDays(i)),
          null,
          List.of(),
          List.of());
    }
    return s;
  }
}
