package org.hearth.link.verify;

/**
 * What a verified manifest says about its extract, plus how many of its records the guard refused.
 */
public record ExtractHeader(
    String partner,
    String dataset,
    String extractId,
    String period,
    String mode,
    int keyVersion,
    long recordCount,
    long refused) {

  public boolean full() {
    return "FULL".equals(mode);
  }
}
