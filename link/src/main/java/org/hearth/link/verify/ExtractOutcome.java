package org.hearth.link.verify;

/**
 * What became of one extract: landed, or quarantined with the reason. Counts always add up: every
 * record the manifest declares was refused by the guard, quarantined with its extract, or landed.
 * Records whose manifest never came ({@code missing-manifest}, or {@code incomplete-at-end-of-run}
 * without one) have an empty period and mode and a record count of 0: nothing signed declared them.
 */
public record ExtractOutcome(
    String partner,
    String dataset,
    String extractId,
    String period,
    String mode,
    int keyVersion,
    long recordCount,
    long received,
    long refused,
    long quarantined,
    long landed,
    String status,
    String reason,
    long ambiguities,
    long decidedAtMillis) {

  public static final String LANDED = "LANDED";
  public static final String QUARANTINED = "QUARANTINED";

  public static ExtractOutcome landed(
      ExtractHeader h, long landed, long ambiguities, long decidedAtMillis) {
    return new ExtractOutcome(
        h.partner(),
        h.dataset(),
        h.extractId(),
        h.period(),
        h.mode(),
        h.keyVersion(),
        h.recordCount(),
        h.recordCount(),
        h.refused(),
        0,
        landed,
        LANDED,
        null,
        ambiguities,
        decidedAtMillis);
  }

  /** Refused as a whole: of what arrived, what the guard had not refused is quarantined. */
  public static ExtractOutcome quarantined(
      ExtractHeader h, long received, String reason, long decidedAtMillis) {
    return new ExtractOutcome(
        h.partner(),
        h.dataset(),
        h.extractId(),
        h.period(),
        h.mode(),
        h.keyVersion(),
        h.recordCount(),
        received,
        h.refused(),
        received - h.refused(),
        0,
        QUARANTINED,
        reason,
        0,
        decidedAtMillis);
  }
}
