package org.hearth.link.retain;

/** One line of {@code governance.destruction_log}: counts only. */
public record Destruction(
    String rule,
    String partner,
    String dataset,
    long records,
    long destroyedAtMillis,
    String destroyedBy) {

  public static final String LINK_JOB = "link-job";
}
