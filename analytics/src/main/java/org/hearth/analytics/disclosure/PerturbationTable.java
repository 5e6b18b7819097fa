package org.hearth.analytics.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A perturbation table (ptable) of the cell key method: for each true count, the probability of
 * each noise value. A cell's position in [0,1) picks the noise by cumulative probability, so the
 * same count at the same position always gets the same noise. The last row applies to every larger
 * count.
 *
 * <p>{@link #HEARTH_1}, the table Hearth publishes with: 0 stays 0 (an empty cell has no records to
 * key on); 1 becomes 0 (probability 2/3) or 3 (1/3); every count from 2 up gets noise drawn
 * uniformly from −2..+2. Every row has mean 0 and variance 2 (row 0: none), so no total is biased,
 * and no count goes negative. Uniform noise is deliberate: republication differencing shows an
 * attacker the change of each cell between two releases, and the chance that one removed record is
 * visible in that change is bounded by the largest probability of the noise difference, which the
 * uniform distribution makes as small as noise of at most ±2 can (1/5). A table that leaves most
 * cells unchanged (as the Census 2021 one does) would let the change of one record show through.
 */
public final class PerturbationTable {
  /** Positions are integers in [0, 2^53): the grid of record keys. */
  public static final long POSITIONS = 1L << 53;

  public static final PerturbationTable HEARTH_1 =
      new PerturbationTable(
          "hearth-ptable-1",
          2,
          List.of(
              new Row(new int[] {0}, new long[] {1}),
              new Row(new int[] {-1, 2}, new long[] {2, 1}),
              new Row(new int[] {-2, -1, 0, 1, 2}, new long[] {1, 1, 1, 1, 1})));

  /** Noise values and their weights (probability = weight / sum of weights). */
  record Row(int[] noise, long[] weights) {
    Row {
      if (noise.length != weights.length || noise.length == 0) {
        throw new IllegalArgumentException("a row needs a weight per noise value");
      }
    }

    long total() {
      long t = 0;
      for (long w : weights) {
        t += w;
      }
      return t;
    }

    double probability(int i) {
      return (double) weights[i] / total();
    }
  }

  private final String version;
  private final int maxNoise;
  private final List<Row> rows;
  // upper position bound of each noise value, per row
  private final long[][] bounds;

  PerturbationTable(String version, int maxNoise, List<Row> rows) {
    this.version = version;
    this.maxNoise = maxNoise;
    this.rows = List.copyOf(rows);
    this.bounds = new long[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      long total = row.total();
      long cumulative = 0;
      bounds[r] = new long[row.weights().length];
      for (int i = 0; i < row.weights().length; i++) {
        int v = row.noise()[i];
        if (Math.abs(v) > maxNoise || r + v < 0) {
          throw new IllegalArgumentException("row " + r + " noise " + v + " is out of range");
        }
        cumulative += row.weights()[i];
        // exact: POSITIONS * cumulative fits in a long for the small weights of a ptable
        bounds[r][i] = Math.multiplyExact(POSITIONS, cumulative) / total;
      }
    }
  }

  public String version() {
    return version;
  }

  public int maxNoise() {
    return maxNoise;
  }

  /** The published count of a cell with this true count at this position in [0, 2^53). */
  public long perturb(long count, long position) {
    if (count < 0 || position < 0 || position >= POSITIONS) {
      throw new IllegalArgumentException("a count is not negative and a position is in [0, 2^53)");
    }
    int r = (int) Math.min(count, rows.size() - 1);
    long[] b = bounds[r];
    for (int i = 0; i < b.length; i++) {
      if (position < b[i]) {
        return count + rows.get(r).noise()[i];
      }
    }
    throw new IllegalStateException("the last bound of a row is 2^53");
  }

  /** The probability that a cell of this true count is published as count + noise. */
  public double probability(long count, int noise) {
    Row row = rows.get((int) Math.min(count, rows.size() - 1));
    for (int i = 0; i < row.noise().length; i++) {
      if (row.noise()[i] == noise) {
        return row.probability(i);
      }
    }
    return 0;
  }

  /** Rows of the table, the last one standing for every larger count. */
  public int rows() {
    return rows.size();
  }

  public double mean(int row) {
    Row r = rows.get(row);
    double m = 0;
    for (int i = 0; i < r.noise().length; i++) {
      m += r.probability(i) * r.noise()[i];
    }
    return m;
  }

  public double variance(int row) {
    Row r = rows.get(row);
    double m = mean(row);
    double v = 0;
    for (int i = 0; i < r.noise().length; i++) {
      v += r.probability(i) * (r.noise()[i] - m) * (r.noise()[i] - m);
    }
    return v;
  }

  /** The largest variance of any row: the variance the table is stated with. */
  public double variance() {
    double v = 0;
    for (int r = 0; r < rows.size(); r++) {
      v = Math.max(v, variance(r));
    }
    return v;
  }

  /** One line: version, maximum noise, variance and what happens to small counts. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s (noise at most ±%d, variance %s, unbiased, never negative; %s)",
        version,
        maxNoise,
        trim(variance()),
        rowsInWords());
  }

  /** Each row in words, e.g. "0 stays 0; 1 becomes 0 (2/3) or 3 (1/3); n ≥ 2: n−2..n+2". */
  public String rowsInWords() {
    List<String> parts = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      boolean last = r == rows.size() - 1;
      String from = last ? "n ≥ " + r : Integer.toString(r);
      if (row.noise().length == 1) {
        parts.add(
            from + (row.noise()[0] == 0 ? " stays " + r : " becomes " + (r + row.noise()[0])));
        continue;
      }
      boolean uniform = true;
      for (long w : row.weights()) {
        uniform &= w == row.weights()[0];
      }
      if (last && uniform) {
        parts.add(
            from
                + ": n"
                + row.noise()[0]
                + "..n+"
                + row.noise()[row.noise().length - 1]
                + ", each equally likely");
        continue;
      }
      List<String> to = new ArrayList<>();
      long total = row.total();
      for (int i = 0; i < row.noise().length; i++) {
        to.add((r + row.noise()[i]) + " (" + fraction(row.weights()[i], total) + ")");
      }
      parts.add(from + " becomes " + String.join(" or ", to));
    }
    return String.join("; ", parts);
  }

  private static String fraction(long a, long b) {
    long g = gcd(a, b);
    return (a / g) + "/" + (b / g);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static String trim(double v) {
    return v == Math.rint(v)
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }
}
