package org.hearth.analytics.disclosure;

import java.util.Locale;

/**
 * How published figures are protected.
 *
 * @param method cell-key perturbation (the default: it survives republication) or threshold
 *     suppression (kept as a setting; it does not survive republication, see docs/analytics.md)
 * @param minCount threshold suppression only: counts below this are suppressed (zero included:
 *     "none of the children in this ward" discloses as much as "one")
 * @param minDenominator rates and ratios are shown only over at least this many
 * @param ptable cell-key perturbation only: the perturbation table
 */
public record DisclosureRules(
    Method method, int minCount, int minDenominator, PerturbationTable ptable) {

  public enum Method {
    CELL_KEY_PERTURBATION("cell-key-perturbation"),
    THRESHOLD_SUPPRESSION("threshold-suppression");

    private final String code;

    Method(String code) {
      this.code = code;
    }

    /** As governance.releases.method records it. */
    public String code() {
      return code;
    }
  }

  /** Cell-key perturbation with {@link PerturbationTable#HEARTH_1}, rates over at least 10. */
  public static final DisclosureRules DEFAULT = perturbation(PerturbationTable.HEARTH_1, 10);

  /** The protocols' thresholds: counts below 5 suppressed, rates over at least 10. */
  public static final DisclosureRules SUPPRESSION = suppression(5, 10);

  public DisclosureRules {
    if (minCount < 1 || minDenominator < minCount) {
      throw new IllegalArgumentException(
          "disclosure thresholds need 1 <= min count <= min denominator");
    }
    if ((method == Method.CELL_KEY_PERTURBATION) != (ptable != null)) {
      throw new IllegalArgumentException("a perturbation table goes with cell-key perturbation");
    }
  }

  public static DisclosureRules suppression(int minCount, int minDenominator) {
    return new DisclosureRules(Method.THRESHOLD_SUPPRESSION, minCount, minDenominator, null);
  }

  public static DisclosureRules perturbation(PerturbationTable ptable, int minDenominator) {
    return new DisclosureRules(Method.CELL_KEY_PERTURBATION, 1, minDenominator, ptable);
  }

  public boolean perturbs() {
    return method == Method.CELL_KEY_PERTURBATION;
  }

  /** A short statement for published rows, e.g. "cell-key perturbation, hearth-ptable-1". */
  public String label() {
    return perturbs()
        ? "cell-key perturbation, " + ptable.version()
        : String.format(Locale.ROOT, "threshold suppression, counts below %d", minCount);
  }

  /** A sentence for reports. */
  public String describe() {
    return perturbs()
        ? "Every count is perturbed by the cell key method with perturbation table "
            + ptable.describe()
            + "; totals are sums of the perturbed cells; rates and ratios are computed from the"
            + " published counts, over at least "
            + minDenominator
            + "."
        : "Counts below "
            + minCount
            + " (including zero) are suppressed, with further cells suppressed so that none can"
            + " be worked out from the totals; rates and ratios only over at least "
            + minDenominator
            + " and only where every count behind them is shown.";
  }
}
