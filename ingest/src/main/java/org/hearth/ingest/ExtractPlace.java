package org.hearth.ingest;

/**
 * Where an extract stands in its partner dataset, as its manifest signs it: the edge's sequence
 * number for the dataset, the extract id it follows, and whether the partner confirmed that it may
 * shrink the dataset beyond the platform's limit.
 */
public record ExtractPlace(long sequence, String replaces, boolean confirmShrink) {
  /** No place: what edges signed before manifests carried one. */
  public static final ExtractPlace NONE = new ExtractPlace(0, "", false);

  public ExtractPlace {
    if (sequence < 0) {
      throw new IllegalArgumentException("a sequence number is never negative");
    }
    replaces = replaces == null ? "" : replaces;
  }
}
