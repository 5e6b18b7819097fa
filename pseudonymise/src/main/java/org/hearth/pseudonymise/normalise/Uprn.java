package org.hearth.pseudonymise.normalise;

/** UPRNs: 1-12 digits, no check digit, often zero-padded to 12 in exports; compared numerically. */
public final class Uprn {
  private Uprn() {}

  public static Normalised<String> normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("uprn-missing", "no UPRN");
    }
    String s = raw.strip();
    // spreadsheets turn UPRNs into numbers: 100012345678.0 or 1.00012345678E11
    if (s.matches("\\d+\\.0+")) {
      s = s.substring(0, s.indexOf('.'));
    } else if (s.matches("\\d(\\.\\d+)?[eE]\\+?\\d{1,2}")) {
      try {
        s = new java.math.BigDecimal(s).toBigIntegerExact().toString();
      } catch (ArithmeticException e) {
        return Normalised.rejected("uprn-format", "UPRN is not a whole number");
      }
    }
    if (!s.matches("\\d{1,12}")) {
      return Normalised.rejected("uprn-format", "UPRN must be 1 to 12 digits");
    }
    String trimmed = s.replaceFirst("^0+", "");
    if (trimmed.isEmpty()) {
      return Normalised.rejected("uprn-zero", "UPRN cannot be zero");
    }
    return Normalised.ok(trimmed);
  }
}
