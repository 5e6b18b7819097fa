package org.hearth.analytics.disclosure;

/**
 * The output check of one published cell: what was published, by which rule, and why. Built only
 * from the published value and public rules, so the check itself discloses nothing more than the
 * publication does: no true count, no key, and suppressed cells are not told apart into those below
 * the threshold and those hidden to protect them.
 *
 * @param published the value as published; null when suppressed or withheld
 */
public record OutputCheck(String table, String cell, String published, Rule rule, String reason) {

  public enum Rule {
    CELL_KEY_PERTURBATION("cell-key-perturbation"),
    SUM_OF_PUBLISHED_CELLS("sum-of-published-cells"),
    TOTAL_MINUS_PUBLISHED_CELLS("total-minus-published-cells"),
    THRESHOLD_SHOWN("threshold-shown"),
    THRESHOLD_SUPPRESSED("threshold-suppressed"),
    COMPUTED_FROM_PUBLISHED_COUNTS("computed-from-published-counts"),
    WITHHELD_SMALL_DENOMINATOR("withheld-small-denominator"),
    WITHHELD_SUPPRESSED_COUNT("withheld-suppressed-count"),
    WITHHELD_NO_OUTCOMES("withheld-no-outcomes");

    private final String code;

    Rule(String code) {
      this.code = code;
    }

    /** As governance.output_checks.rule records it. */
    public String code() {
      return code;
    }
  }
}
