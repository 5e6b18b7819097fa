package org.hearth.link;

/**
 * What the landing step keeps of a partner record: provenance and counts, no pseudonym and no
 * attribute value. A plain record, so Flink serialises it as a POJO.
 */
public record LandedRecord(
    String partner,
    String dataset,
    String extractId,
    long sequence,
    String operation,
    int keyVersion,
    int matchKeys,
    int attributes) {}
