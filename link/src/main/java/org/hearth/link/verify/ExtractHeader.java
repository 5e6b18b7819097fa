package org.hearth.link.verify;

import java.util.Map;

/**
 * What a verified manifest says about its extract, plus how many of its records the guard refused.
 *
 * @param fieldCollisions the edge's measured collision rate per identifying field (empty from edges
 *     that measure none): the u-probabilities scoring uses
 */
public record ExtractHeader(
    String partner,
    String dataset,
    String extractId,
    String period,
    String mode,
    int keyVersion,
    long recordCount,
    long refused,
    Map<String, Double> fieldCollisions) {

  public ExtractHeader {
    fieldCollisions = fieldCollisions == null ? Map.of() : Map.copyOf(fieldCollisions);
  }

  /** A header without field collision rates. */
  public ExtractHeader(
      String partner,
      String dataset,
      String extractId,
      String period,
      String mode,
      int keyVersion,
      long recordCount,
      long refused) {
    this(partner, dataset, extractId, period, mode, keyVersion, recordCount, refused, Map.of());
  }

  public boolean full() {
    return "FULL".equals(mode);
  }
}
