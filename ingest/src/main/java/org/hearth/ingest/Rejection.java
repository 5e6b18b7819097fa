package org.hearth.ingest;

/**
 * One problem with one row: where it is (file, row, column) and which rule it broke, with a detail
 * that locates it further (null when there is none; "repeats row 12" for a duplicate). Never the
 * value: the reject report is read by people who must not see it, and it can travel.
 */
public record Rejection(
    String file, long row, String column, String rule, Severity severity, String detail) {

  public Rejection(String file, long row, String column, String rule, Severity severity) {
    this(file, row, column, rule, severity, null);
  }

  public enum Severity {
    /** The row was not published. */
    ERROR,
    /** The row was published without the named value or key. */
    WARNING
  }
}
