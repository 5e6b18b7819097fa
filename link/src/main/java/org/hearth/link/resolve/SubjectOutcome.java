package org.hearth.link.resolve;

/**
 * What the platform did about one subject request: how many persons it found for the subject, and
 * how many records of how many partners it withheld, removed or released. Counts only.
 */
public record SubjectOutcome(
    String partner,
    String requestId,
    long sequence,
    SubjectRequest.Kind kind,
    int persons,
    int records,
    int partners,
    String action,
    long decidedAtMillis) {}
