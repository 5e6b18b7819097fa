package org.hearth.synthetic;

import java.time.LocalDate;
import java.util.SplittableRandom;

/** Everything the datasets draw on: places, people, the configuration and case windows. */
final class County {
  final SyntheticConfig config;
  final Geography geo;
  final Population people;

  County(SyntheticConfig config, Geography geo, Population people) {
    this.config = config;
    this.geo = geo;
    this.people = people;
  }

  long seed() {
    return config.seed();
  }

  /**
   * Whether a subject's case with this dataset is open in the quarter: each case has a start
   * (possibly before the first extract) and a length averaging {@code meanQuarters}, so about
   * 1/meanQuarters of cases open and close each quarter.
   */
  boolean caseOpen(String dataset, long subject, int quarter, double meanQuarters) {
    SplittableRandom r = Rng.of(seed(), Rng.purpose("case:" + dataset), subject);
    int span = 2 * (int) Math.ceil(meanQuarters) + config.quarters();
    int start = -2 * (int) Math.ceil(meanQuarters) + r.nextInt(span);
    int length =
        1 + (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - 1 / meanQuarters));
    return start <= quarter && quarter < start + length;
  }

  /** When a case opened, as a date before the quarter's end. */
  LocalDate caseStart(String dataset, long subject, Dataset.Quarter q) {
    SplittableRandom r = Rng.of(seed(), Rng.purpose("case-start:" + dataset), subject);
    return q.end().minusDays(20 + r.nextInt(700));
  }

  Noise noise(String dataset, long subject, int quarter) {
    long ds = Rng.purpose(dataset);
    int epoch = Noise.epoch(seed(), ds, subject, quarter);
    return new Noise(config.noise(), Rng.of(seed(), ds, subject, 1_000_003L * epoch + 17));
  }

  /** Household members in id order. */
  int[] members(int household) {
    return people.members(household);
  }
}
