package org.hearth.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Disclosure control holds for any table: nothing shown is below the threshold, everything shown is
 * true, and no suppressed entry can be worked out from what is shown. Recoverability is checked
 * here independently of the implementation, by exact rank over the rationals.
 */
class ProtectedTableProperties {

  @Provide
  Arbitrary<long[][]> tables() {
    Arbitrary<Long> count =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(0, 4)),
            net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(5, 80)));
    return Arbitraries.integers()
        .between(1, 6)
        .flatMap(
            r ->
                Arbitraries.integers()
                    .between(1, 4)
                    .flatMap(
                        c -> count.array(long[].class).ofSize(c).array(long[][].class).ofSize(r)));
  }

  @Property(tries = 400)
  void nothingShownIsBelowTheThreshold(
      @ForAll("tables") long[][] counts, @ForAll @IntRange(min = 1, max = 10) int min) {
    DisclosureRules rules = DisclosureRules.suppression(min, Math.max(min, 10));
    ProtectedTable t = ProtectedTable.protect(counts, rules);
    long[][] truth = extended(counts);
    for (int i = 0; i <= t.rows(); i++) {
      for (int j = 0; j <= t.columns(); j++) {
        if (!t.suppressed(i, j)) {
          assertThat(t.shown(i, j).getAsLong()).isGreaterThanOrEqualTo(min).isEqualTo(truth[i][j]);
        }
      }
    }
  }

  @Property(tries = 400)
  void noSuppressedEntryCanBeWorkedOutFromTheTotals(@ForAll("tables") long[][] counts) {
    ProtectedTable t = ProtectedTable.protect(counts, DisclosureRules.SUPPRESSION);
    int r = t.rows();
    int c = t.columns();
    List<int[]> hidden = new ArrayList<>();
    for (int i = 0; i <= r; i++) {
      for (int j = 0; j <= c; j++) {
        if (t.suppressed(i, j)) {
          hidden.add(new int[] {i, j});
        }
      }
    }
    List<BigInteger[]> constraints = constraints(hidden, r, c);
    int rank = rank(constraints, hidden.size());
    for (int k = 0; k < hidden.size(); k++) {
      List<BigInteger[]> plusUnit = new ArrayList<>(constraints);
      BigInteger[] unit = zeros(hidden.size());
      unit[k] = BigInteger.ONE;
      plusUnit.add(unit);
      assertThat(rank(plusUnit, hidden.size()))
          .as("suppressed entry (%d,%d) is recoverable", hidden.get(k)[0], hidden.get(k)[1])
          .isEqualTo(rank + 1);
    }
  }

  @Example
  void aSmallCellHidesItsPartnersInItsRowAndColumn() {
    // ward A: 3 ready, 20 not; ward B: 30 ready, 25 not
    ProtectedTable t =
        ProtectedTable.protect(new long[][] {{3, 20}, {30, 25}}, DisclosureRules.SUPPRESSION);
    assertThat(t.suppressed(0, 0)).isTrue();
    // 20 alone would give 3 from ward A's total 23, and 30 from the column total 33
    assertThat(t.suppressed(0, 1) || t.suppressed(0, 2)).isTrue();
    assertThat(t.suppressed(1, 0) || t.suppressed(2, 0)).isTrue();
    assertThat(t.shown(2, 2)).hasValue(78);
  }

  @Example
  void aTableWithNothingSmallIsShownWhole() {
    ProtectedTable t =
        ProtectedTable.protect(new long[][] {{12, 20}, {30, 25}}, DisclosureRules.SUPPRESSION);
    assertThat(t.suppressedCount()).isZero();
  }

  private static long[][] extended(long[][] counts) {
    int r = counts.length;
    int c = counts[0].length;
    long[][] v = new long[r + 1][c + 1];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        v[i][j] = counts[i][j];
        v[i][c] += counts[i][j];
        v[r][j] += counts[i][j];
        v[r][c] += counts[i][j];
      }
    }
    return v;
  }

  /** Each row and column: its parts minus its total is zero, over the hidden entries only. */
  private static List<BigInteger[]> constraints(List<int[]> hidden, int r, int c) {
    List<BigInteger[]> out = new ArrayList<>();
    for (int line = 0; line < r + 1 + c + 1; line++) {
      BigInteger[] a = zeros(hidden.size());
      for (int k = 0; k < hidden.size(); k++) {
        int i = hidden.get(k)[0];
        int j = hidden.get(k)[1];
        if (line <= r && i == line) {
          a[k] = BigInteger.valueOf(j == c ? -1 : 1);
        } else if (line > r && j == line - r - 1) {
          a[k] = BigInteger.valueOf(i == r ? -1 : 1);
        }
      }
      out.add(a);
    }
    return out;
  }

  /** Fraction-free Gaussian elimination. */
  private static int rank(List<BigInteger[]> rows, int n) {
    List<BigInteger[]> m = new ArrayList<>();
    for (BigInteger[] row : rows) {
      m.add(row.clone());
    }
    int rank = 0;
    for (int col = 0; col < n && rank < m.size(); col++) {
      int pivot = -1;
      for (int i = rank; i < m.size(); i++) {
        if (m.get(i)[col].signum() != 0) {
          pivot = i;
          break;
        }
      }
      if (pivot < 0) {
        continue;
      }
      BigInteger[] p = m.get(pivot);
      m.set(pivot, m.get(rank));
      m.set(rank, p);
      for (int i = rank + 1; i < m.size(); i++) {
        BigInteger[] row = m.get(i);
        BigInteger f = row[col];
        if (f.signum() == 0) {
          continue;
        }
        for (int k = 0; k < n; k++) {
          row[k] = row[k].multiply(p[col]).subtract(p[k].multiply(f));
        }
      }
      rank++;
    }
    return rank;
  }

  private static BigInteger[] zeros(int n) {
    BigInteger[] a = new BigInteger[n];
    java.util.Arrays.fill(a, BigInteger.ZERO);
    return a;
  }
}
