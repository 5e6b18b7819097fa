package org.hearth.analytics.disclosure;

import java.util.OptionalLong;

/**
 * A two-way table of published counts with its row, column and grand totals. Positions run over the
 * extended grid: row {@code rows()} holds the column totals, column {@code columns()} the row
 * totals, and their corner the grand total.
 */
public interface PublishedGrid {
  int rows();

  int columns();

  /** The published count, or empty when suppressed. */
  OptionalLong shown(int row, int column);
}
