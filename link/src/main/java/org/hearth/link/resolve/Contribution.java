package org.hearth.link.resolve;

/**
 * One row of {@code linked.contributions}: a partner record as analysts see it, attributed to a
 * household and a person by project-scoped analyst ids. A deleted or withheld contribution keeps
 * only its ids and provenance: its attributes and attribution are gone from the table.
 *
 * @param attributesJson the record's attributes as a JSON object; null when deleted or withheld
 * @param withheld held back by a data subject's restriction; the link job still holds it
 * @param recordKey the record's secret key for cell-key perturbation, uniform in [0,1) on the 2^-53
 *     grid: a keyed PRF of the record's linkage id under the project key, so it is fixed for the
 *     record's life, survives replays and rebuilds, and no partner can compute it
 */
public record Contribution(
    String recordId,
    String partner,
    String dataset,
    String extractId,
    long sequence,
    String householdId,
    String personId,
    String attributesJson,
    boolean deleted,
    boolean withheld,
    double recordKey) {

  @Override
  public String toString() {
    return "Contribution[" + recordId + (deleted ? " deleted" : withheld ? " withheld" : "") + "]";
  }
}
