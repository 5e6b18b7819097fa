package org.hearth.link.verify;

import org.hearth.link.resolve.LinkRecord;
import org.hearth.link.resolve.SubjectRequest;

/**
 * A verified extract in the linkage domain: its upserts re-keyed, the record ids it deletes, and
 * the subject requests it carries.
 */
public record LinkedExtract(
    ExtractHeader header, LinkRecord[] upserts, String[] deletes, SubjectRequest[] requests) {

  /** Records applied: every upsert, delete and request. */
  public long size() {
    return upserts.length + deletes.length + requests.length;
  }

  @Override
  public String toString() {
    return "LinkedExtract["
        + header
        + ", "
        + upserts.length
        + " upserts, "
        + deletes.length
        + " deletes, "
        + requests.length
        + " subject requests]";
  }
}
