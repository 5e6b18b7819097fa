package org.hearth.link.resolve.scoring;

import java.util.Map;
import java.util.TreeMap;

/**
 * How many candidate pairs show each agreement pattern. There are at most a hundred or so distinct
 * patterns however many pairs there are (a county has millions), so estimation holds counts, not
 * pairs.
 */
public final class PatternCounts {
  private final Map<Integer, Long> counts = new TreeMap<>();
  private long pairs;

  /** Counts one pair's pattern. */
  public void add(int[] pattern) {
    add(pattern, 1);
  }

  /** Counts {@code n} pairs of one pattern. */
  public void add(int[] pattern, long n) {
    counts.merge(encode(pattern), n, Long::sum);
    pairs += n;
  }

  /** Candidate pairs counted. */
  public long pairs() {
    return pairs;
  }

  /** Each distinct pattern with how many pairs show it, in a fixed order. */
  public void forEach(PatternConsumer action) {
    counts.forEach((code, n) -> action.accept(decode(code), n));
  }

  /** Receives one distinct pattern and its count. */
  @FunctionalInterface
  public interface PatternConsumer {
    void accept(int[] pattern, long count);
  }

  private static int encode(int[] pattern) {
    int code = 0;
    for (int c = 0; c < pattern.length; c++) {
      code |= (pattern[c] + 1) << (4 * c); // -1 (cannot tell) as 0; levels are below 15
    }
    return code;
  }

  private static int[] decode(int code) {
    int[] pattern = new int[Comparison.values().length];
    for (int c = 0; c < pattern.length; c++) {
      pattern[c] = ((code >>> (4 * c)) & 0xf) - 1;
    }
    return pattern;
  }
}
