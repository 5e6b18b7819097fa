package org.hearth.link.verify;

import org.hearth.link.resolve.LinkRecord;
import org.hearth.link.resolve.SubjectRequest;

/**
 * A chunk of a verified extract in the linkage domain: its upserts re-keyed, the record ids it
 * deletes, and the subject requests it carries; numbered as the gate numbered it ({@link
 * VerifiedExtract}). A chunk re-keying refused carries the refusal (an incident rule) and nothing
 * else: the resolver then applies none of the extract.
 */
public record LinkedExtract(
    ExtractHeader header,
    LinkRecord[] upserts,
    String[] deletes,
    SubjectRequest[] requests,
    int chunk,
    boolean last,
    String refusal) {

  /** An extract in one chunk, nothing refused. */
  public static LinkedExtract whole(
      ExtractHeader header, LinkRecord[] upserts, String[] deletes, SubjectRequest[] requests) {
    return new LinkedExtract(header, upserts, deletes, requests, 0, true, null);
  }

  /** A chunk re-keying refused: the whole extract is quarantined for this reason. */
  public static LinkedExtract refused(ExtractHeader header, int chunk, boolean last, String rule) {
    return new LinkedExtract(
        header, new LinkRecord[0], new String[0], new SubjectRequest[0], chunk, last, rule);
  }

  /** Records applied: every upsert, delete and request. */
  public long size() {
    return upserts.length + deletes.length + requests.length;
  }

  @Override
  public String toString() {
    return "LinkedExtract["
        + header
        + ", chunk "
        + chunk
        + (last ? " (last)" : "")
        + (refusal != null ? ", refused " + refusal : "")
        + ", "
        + upserts.length
        + " upserts, "
        + deletes.length
        + " deletes, "
        + requests.length
        + " subject requests]";
  }
}
