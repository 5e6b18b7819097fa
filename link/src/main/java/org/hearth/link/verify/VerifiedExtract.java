package org.hearth.link.verify;

import org.hearth.link.PartnerEvent;

/**
 * Part of an extract whose manifest verified and whose records all arrived: the guard's survivors.
 * The gate passes a verified extract on in chunks of at most {@link ExtractGate#CHUNK} records, in
 * sequence order, numbered from 0; the last says so. An extract the size of a police force's
 * incidents would otherwise travel as one element, held whole on the heap at every step.
 */
public record VerifiedExtract(
    ExtractHeader header, PartnerEvent[] records, int chunk, boolean last) {

  /** An extract in one chunk. */
  public static VerifiedExtract whole(ExtractHeader header, PartnerEvent[] records) {
    return new VerifiedExtract(header, records, 0, true);
  }

  @Override
  public String toString() {
    return "VerifiedExtract["
        + header
        + ", chunk "
        + chunk
        + (last ? " (last)" : "")
        + ", "
        + records.length
        + " records]";
  }
}
