package org.hearth.analytics.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A two-way table of counts with its row, column and grand totals, after disclosure control.
 *
 * <p>Primary suppression hides every count below the threshold, totals included. Secondary
 * suppression then hides more cells until no hidden count can be worked out from what is shown:
 * first so that no row or column (with its total) has exactly one hidden entry, then by checking
 * the whole table's linear constraints, because hidden cells can still be pinned down across
 * several rows and columns (a hidden cell that is the only link between two groups of hidden cells,
 * for example). Cells added by secondary suppression are the smallest available, so the least
 * information is lost.
 *
 * <p>Positions run over the extended grid: row {@code rows()} holds the column totals, column
 * {@code columns()} the row totals, and their corner the grand total.
 */
public final class ProtectedTable implements PublishedGrid {
  private static final double EPS = 1e-9;

  private final long[][] values;
  private final boolean[][] hidden;

  private ProtectedTable(long[][] values, boolean[][] hidden) {
    this.values = values;
    this.hidden = hidden;
  }

  /** Protects a table of non-negative counts (at least one row and one column). */
  public static ProtectedTable protect(long[][] counts, DisclosureRules rules) {
    if (rules.perturbs()) {
      throw new IllegalArgumentException("suppression needs threshold suppression rules");
    }
    int r = counts.length;
    int c = r == 0 ? 0 : counts[0].length;
    if (r == 0 || c == 0) {
      throw new IllegalArgumentException("a table needs at least one row and one column");
    }
    long[][] v = new long[r + 1][c + 1];
    for (int i = 0; i < r; i++) {
      if (counts[i].length != c) {
        throw new IllegalArgumentException("every row needs " + c + " columns");
      }
      for (int j = 0; j < c; j++) {
        if (counts[i][j] < 0) {
          throw new IllegalArgumentException("counts cannot be negative");
        }
        v[i][j] = counts[i][j];
        v[i][c] += counts[i][j];
        v[r][j] += counts[i][j];
        v[r][c] += counts[i][j];
      }
    }
    boolean[][] h = new boolean[r + 1][c + 1];
    for (int i = 0; i <= r; i++) {
      for (int j = 0; j <= c; j++) {
        h[i][j] = v[i][j] < rules.minCount();
      }
    }
    ProtectedTable t = new ProtectedTable(v, h);
    do {
      t.closeLines();
    } while (t.hideOneMoreIfRecoverable());
    return t;
  }

  @Override
  public int rows() {
    return values.length - 1;
  }

  @Override
  public int columns() {
    return values[0].length - 1;
  }

  /** The published count, or empty when suppressed. */
  @Override
  public OptionalLong shown(int row, int column) {
    return hidden[row][column] ? OptionalLong.empty() : OptionalLong.of(values[row][column]);
  }

  public boolean suppressed(int row, int column) {
    return hidden[row][column];
  }

  /** The number of suppressed entries, totals included. */
  public int suppressedCount() {
    int n = 0;
    for (boolean[] row : hidden) {
      for (boolean x : row) {
        n += x ? 1 : 0;
      }
    }
    return n;
  }

  /** Every row and column, as positions with the line's total last. */
  private List<int[][]> lines() {
    int r = rows();
    int c = columns();
    List<int[][]> lines = new ArrayList<>(r + c + 2);
    for (int i = 0; i <= r; i++) {
      int[][] line = new int[c + 1][];
      for (int j = 0; j <= c; j++) {
        line[j] = new int[] {i, j};
      }
      lines.add(line);
    }
    for (int j = 0; j <= c; j++) {
      int[][] line = new int[r + 1][];
      for (int i = 0; i <= r; i++) {
        line[i] = new int[] {i, j};
      }
      lines.add(line);
    }
    return lines;
  }

  /** Until no line has exactly one hidden entry: hide that line's smallest shown entry. */
  private void closeLines() {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int[][] line : lines()) {
        int hiddenHere = 0;
        for (int[] p : line) {
          hiddenHere += hidden[p[0]][p[1]] ? 1 : 0;
        }
        if (hiddenHere == 1) {
          hideSmallestShown(line);
          changed = true;
        }
      }
    }
  }

  private void hideSmallestShown(int[][] line) {
    int[] best = null;
    for (int[] p : line) {
      if (!hidden[p[0]][p[1]] && (best == null || values[p[0]][p[1]] < values[best[0]][best[1]])) {
        best = p;
      }
    }
    if (best != null) {
      hidden[best[0]][best[1]] = true;
    }
  }

  /**
   * Finds a hidden entry the table's constraints still determine and hides the smallest shown entry
   * of its row or column (or, when both are all hidden, of the table); false when none is
   * determined.
   */
  private boolean hideOneMoreIfRecoverable() {
    int[] determined = firstDetermined();
    if (determined == null) {
      return false;
    }
    int before = suppressedCount();
    for (int[][] line : lines()) {
      boolean through = false;
      for (int[] p : line) {
        through |= p[0] == determined[0] && p[1] == determined[1];
      }
      if (through) {
        hideSmallestShown(line);
        if (suppressedCount() > before) {
          return true;
        }
      }
    }
    List<int[]> all = new ArrayList<>();
    for (int[][] line : lines().subList(0, rows() + 1)) {
      all.addAll(List.of(line));
    }
    hideSmallestShown(all.toArray(int[][]::new));
    return suppressedCount() > before;
  }

  /**
   * The first hidden entry fixed by the totals: its unit vector lies in the row space of the
   * constraints restricted to hidden entries, i.e. it is a pivot of the reduced row echelon form
   * whose row has no free variable.
   */
  private int[] firstDetermined() {
    int r = rows();
    int c = columns();
    List<int[]> vars = new ArrayList<>();
    int[][] index = new int[r + 1][c + 1];
    for (int i = 0; i <= r; i++) {
      for (int j = 0; j <= c; j++) {
        index[i][j] = -1;
        if (hidden[i][j]) {
          index[i][j] = vars.size();
          vars.add(new int[] {i, j});
        }
      }
    }
    if (vars.isEmpty()) {
      return null;
    }
    List<double[]> rowsOfA = new ArrayList<>();
    for (int[][] line : lines()) {
      double[] a = new double[vars.size()];
      boolean any = false;
      for (int k = 0; k < line.length; k++) {
        int x = index[line[k][0]][line[k][1]];
        if (x >= 0) {
          // a line's total is its last entry: the sum of the others
          a[x] = k == line.length - 1 ? -1 : 1;
          any = true;
        }
      }
      if (any) {
        rowsOfA.add(a);
      }
    }
    double[][] m = rowsOfA.toArray(double[][]::new);
    int n = vars.size();
    int[] pivotOfRow = new int[m.length];
    int rank = 0;
    for (int col = 0; col < n && rank < m.length; col++) {
      int pivot = -1;
      for (int i = rank; i < m.length; i++) {
        if (Math.abs(m[i][col]) > EPS
            && (pivot < 0 || Math.abs(m[i][col]) > Math.abs(m[pivot][col]))) {
          pivot = i;
        }
      }
      if (pivot < 0) {
        continue;
      }
      double[] tmp = m[pivot];
      m[pivot] = m[rank];
      m[rank] = tmp;
      double p = m[rank][col];
      for (int k = 0; k < n; k++) {
        m[rank][k] /= p;
      }
      for (int i = 0; i < m.length; i++) {
        if (i != rank && Math.abs(m[i][col]) > EPS) {
          double f = m[i][col];
          for (int k = 0; k < n; k++) {
            m[i][k] -= f * m[rank][k];
          }
        }
      }
      pivotOfRow[rank] = col;
      rank++;
    }
    for (int i = 0; i < rank; i++) {
      int nonZero = 0;
      for (int k = 0; k < n; k++) {
        nonZero += Math.abs(m[i][k]) > EPS ? 1 : 0;
      }
      if (nonZero == 1) {
        return vars.get(pivotOfRow[i]);
      }
    }
    return null;
  }
}
