package org.hearth.link.verify;

import org.hearth.link.resolve.LinkRecord;

/**
 * A verified extract in the linkage domain: its upserts re-keyed, and the record ids it deletes.
 */
public record LinkedExtract(ExtractHeader header, LinkRecord[] upserts, String[] deletes) {
  @Override
  public String toString() {
    return "LinkedExtract["
        + header
        + ", "
        + upserts.length
        + " upserts, "
        + deletes.length
        + " deletes]";
  }
}
