package org.hearth.analytics.disclosure;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.hearth.analytics.disclosure.OutputCheck.Rule;

/** The output checks of published tables, with the reasons given for each rule. */
public final class OutputChecks {
  private OutputChecks() {}

  /** Why a perturbed cell is what it is. */
  public static String perturbedReason(DisclosureRules rules) {
    return "perturbed by the cell key method, perturbation table "
        + rules.ptable().describe()
        + "; the same records give the same value in every release, and any change to the"
        + " publication's records redraws every cell";
  }

  public static String sumReason(String of) {
    return "the sum of the published "
        + of
        + ", so the table adds up and no record is in a second"
        + " perturbed cell of it";
  }

  public static String shownReason(DisclosureRules rules) {
    return "at least " + rules.minCount() + " and not needed to protect a suppressed cell";
  }

  public static String suppressedReason(DisclosureRules rules) {
    return "below "
        + rules.minCount()
        + ", or hidden so that no suppressed count can be worked out from the totals (the two are"
        + " not told apart here: that would say which counts are below "
        + rules.minCount()
        + ")";
  }

  /** One check per cell of a grid, totals included; names cells by row and column index. */
  public static void grid(
      List<OutputCheck> out,
      String table,
      PublishedGrid g,
      DisclosureRules rules,
      BiFunction<Integer, Integer, String> cellName,
      String rowTotalOf,
      String columnTotalOf) {
    for (int i = 0; i <= g.rows(); i++) {
      for (int j = 0; j <= g.columns(); j++) {
        OptionalLong v = g.shown(i, j);
        String published = v.isPresent() ? Long.toString(v.getAsLong()) : null;
        String name = cellName.apply(i, j);
        if (!rules.perturbs()) {
          out.add(
              v.isPresent()
                  ? new OutputCheck(
                      table, name, published, Rule.THRESHOLD_SHOWN, shownReason(rules))
                  : new OutputCheck(
                      table, name, null, Rule.THRESHOLD_SUPPRESSED, suppressedReason(rules)));
        } else if (i < g.rows() && j < g.columns()) {
          out.add(
              new OutputCheck(
                  table, name, published, Rule.CELL_KEY_PERTURBATION, perturbedReason(rules)));
        } else {
          String of =
              i == g.rows() && j == g.columns()
                  ? "cells of the table"
                  : j == g.columns() ? rowTotalOf : columnTotalOf;
          out.add(
              new OutputCheck(table, name, published, Rule.SUM_OF_PUBLISHED_CELLS, sumReason(of)));
        }
      }
    }
  }
}
