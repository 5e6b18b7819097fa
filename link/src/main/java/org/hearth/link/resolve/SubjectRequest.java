package org.hearth.link.resolve;

/**
 * A data subject's request as resolution receives it: which partner asked, where in which request
 * extract, what to do, and the subject's person keys in the linkage domain. Never who the subject
 * is.
 */
public record SubjectRequest(
    String partner, String requestId, long sequence, Kind kind, String[] personKeys) {

  public enum Kind {
    /** Withhold the subject's contributions everywhere until lifted. */
    RESTRICT,
    /** Remove the subject's contributions everywhere, and keep removing them. */
    ERASE,
    /** Lift a restriction the same keys placed. */
    LIFT
  }

  @Override
  public String toString() {
    return "SubjectRequest[" + partner + "/" + requestId + "#" + sequence + " " + kind + "]";
  }
}
