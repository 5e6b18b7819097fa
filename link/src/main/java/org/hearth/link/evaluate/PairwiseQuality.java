package org.hearth.link.evaluate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Linkage quality the usual way: over every pair of records, a link is a pair put in the same
 * entity; precision is the share of links that are true, recall the share of true pairs linked.
 * Counted from cluster sizes, so a county's worth of records costs no pair enumeration.
 */
public record PairwiseQuality(long records, long truePairs, long linkedPairs, long correctPairs) {

  /** One record's predicted entity and true entity. */
  public record Labelled(String predicted, String truth) {}

  public static PairwiseQuality of(List<Labelled> records) {
    Map<String, Long> predicted = new HashMap<>();
    Map<String, Long> truth = new HashMap<>();
    Map<String, Long> both = new HashMap<>();
    for (Labelled r : records) {
      predicted.merge(r.predicted(), 1L, Long::sum);
      truth.merge(r.truth(), 1L, Long::sum);
      both.merge(r.predicted() + "\u0000" + r.truth(), 1L, Long::sum);
    }
    return new PairwiseQuality(records.size(), pairs(truth), pairs(predicted), pairs(both));
  }

  public double precision() {
    return linkedPairs == 0 ? 1.0 : (double) correctPairs / linkedPairs;
  }

  public double recall() {
    return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  private static long pairs(Map<String, Long> sizes) {
    long n = 0;
    for (long s : sizes.values()) {
      n += s * (s - 1) / 2;
    }
    return n;
  }
}
