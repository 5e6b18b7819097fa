package org.hearth.ingest;

/**
 * One problem with one row: where it is (file, row, column) and which rule it broke. Never the
 * value: the reject report is read by people who must not see it, and it can travel.
 */
public record Rejection(String file, long row, String column, String rule, Severity severity) {
  public enum Severity {
    /** The row was not published. */
    ERROR,
    /** The row was published without the named value or key. */
    WARNING
  }
}
