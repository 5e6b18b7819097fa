package org.hearth.link.resolve;

/**
 * A partner record as resolution holds it: where it came from, its match keys in the linkage domain
 * ({@link KeyId}s), and its attributes. No pseudonym a partner could recognise and no identifier.
 *
 * @param id partner, dataset and the partner's record key: unique per record, stable across
 *     extracts, and the canonical order in which resolution considers records
 * @param attributes names and values alternating, sorted by name
 * @param arrivedAtMillis when the extract that last carried the record was published: retention
 *     counts from here
 */
public record LinkRecord(
    String id,
    String partner,
    String dataset,
    String extractId,
    long sequence,
    String[] addressKeys,
    String[] personKeys,
    String[] attributes,
    long arrivedAtMillis) {

  /** The attribute's value, or null. */
  public String attribute(String name) {
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i].equals(name)) {
        return attributes[i + 1];
      }
    }
    return null;
  }

  public static String id(String partner, String dataset, String recordKey) {
    return partner + "|" + dataset + "|" + recordKey;
  }

  /** The prefix shared by every record id of one partner's dataset. */
  public static String datasetPrefix(String partner, String dataset) {
    return partner + "|" + dataset + "|";
  }

  @Override
  public String toString() {
    return "LinkRecord[" + partner + "/" + dataset + "/" + extractId + "#" + sequence + "]";
  }
}
