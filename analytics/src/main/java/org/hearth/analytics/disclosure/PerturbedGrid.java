package org.hearth.analytics.disclosure;

import java.util.OptionalLong;
import org.hearth.analytics.disclosure.CellKeys.Cell;
import org.hearth.analytics.disclosure.CellKeys.Perturber;

/**
 * A two-way table under cell-key perturbation: every cell perturbed, every total the sum of the
 * published cells. Totals are not perturbed again: each record then sits in exactly one perturbed
 * cell of the table, so a republication shows one noisy change for it rather than one per total,
 * and the table adds up.
 */
public final class PerturbedGrid implements PublishedGrid {
  private final long[][] values;

  private PerturbedGrid(long[][] values) {
    this.values = values;
  }

  /** Perturbs the cells (at least one row and one column) and sums the totals. */
  public static PerturbedGrid of(Cell[][] cells, Perturber perturber) {
    int r = cells.length;
    int c = r == 0 ? 0 : cells[0].length;
    if (r == 0 || c == 0) {
      throw new IllegalArgumentException("a table needs at least one row and one column");
    }
    long[][] v = new long[r + 1][c + 1];
    for (int i = 0; i < r; i++) {
      if (cells[i].length != c) {
        throw new IllegalArgumentException("every row needs " + c + " columns");
      }
      for (int j = 0; j < c; j++) {
        long p = perturber.published(cells[i][j]);
        v[i][j] = p;
        v[i][c] += p;
        v[r][j] += p;
        v[r][c] += p;
      }
    }
    return new PerturbedGrid(v);
  }

  @Override
  public int rows() {
    return values.length - 1;
  }

  @Override
  public int columns() {
    return values[0].length - 1;
  }

  @Override
  public OptionalLong shown(int row, int column) {
    return OptionalLong.of(values[row][column]);
  }
}
