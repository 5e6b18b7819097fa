package org.hearth.link.verify;

import org.hearth.link.PartnerEvent;

/** An extract whose manifest verified and whose records all arrived: the guard's survivors. */
public record VerifiedExtract(ExtractHeader header, PartnerEvent[] records) {
  @Override
  public String toString() {
    return "VerifiedExtract[" + header + ", " + records.length + " records]";
  }
}
