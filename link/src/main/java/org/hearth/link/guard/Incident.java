package org.hearth.link.guard;

/**
 * A record refused because it was not pseudonymised as promised: who sent it, in which extract,
 * which field and which rule. Never the value. The record itself is stored nowhere.
 */
public record Incident(
    String partner,
    String dataset,
    String extractId,
    long sequence,
    String field,
    String rule,
    long detectedAtMillis) {}
