package org.hearth.link.resolve;

/**
 * One row of {@code linked.contributions}: a partner record as analysts see it, attributed to a
 * household and a person by project-scoped analyst ids. A deleted contribution keeps only its ids
 * and provenance: its attributes and attribution are gone.
 *
 * @param attributesJson the record's attributes as a JSON object; null when deleted
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
    boolean deleted) {

  @Override
  public String toString() {
    return "Contribution[" + recordId + (deleted ? " deleted" : "") + "]";
  }
}
