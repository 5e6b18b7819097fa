package org.hearth.analytics.disclosure;

/**
 * Thresholds of statistical disclosure control.
 *
 * @param minCount counts below this are suppressed (zero included: "none of the children in this
 *     ward" discloses as much as "one")
 * @param minDenominator rates and ratios are shown only over at least this many
 */
public record DisclosureRules(int minCount, int minDenominator) {
  /** The protocols' thresholds: counts below 5 suppressed, rates over at least 10. */
  public static final DisclosureRules DEFAULT = new DisclosureRules(5, 10);

  public DisclosureRules {
    if (minCount < 1 || minDenominator < minCount) {
      throw new IllegalArgumentException(
          "disclosure thresholds need 1 <= min count <= min denominator");
    }
  }
}
