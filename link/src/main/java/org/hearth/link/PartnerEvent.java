package org.hearth.link;

import java.util.Map;
import org.hearth.events.PartnerRecord;

/**
 * A partner record as the link job carries it between operators: no pseudonym in this shape yet
 * (re-keying is the next step), attributes as sent.
 */
public record PartnerEvent(
    String partner,
    String dataset,
    String extractId,
    long sequence,
    String operation,
    int keyVersion,
    int matchKeys,
    Map<String, String> attributes) {

  public static PartnerEvent of(PartnerRecord r) {
    return new PartnerEvent(
        r.getPartner(),
        r.getDataset(),
        r.getExtractId(),
        r.getSequence(),
        r.getOperation().name(),
        r.getKeyVersion(),
        r.getMatchKeys().size(),
        Map.copyOf(r.getAttributes()));
  }

  public LandedRecord landed() {
    return new LandedRecord(
        partner, dataset, extractId, sequence, operation, keyVersion, matchKeys, attributes.size());
  }

  /** Never print attribute values: a record that fails the guard carries an identifier. */
  @Override
  public String toString() {
    return "PartnerEvent[" + partner + "/" + dataset + "/" + extractId + "#" + sequence + "]";
  }
}
