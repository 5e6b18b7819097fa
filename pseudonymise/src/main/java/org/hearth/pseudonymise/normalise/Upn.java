package org.hearth.pseudonymise.normalise;

import java.util.Locale;

/**
 * Unique Pupil Numbers: 13 characters, a check letter then LA (3), establishment (4), year (2) and
 * serial (3 digits, or 2 digits and a letter for a temporary UPN).
 */
public final class Upn {
  private static final String CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

  private Upn() {}

  public static Normalised<String> normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("upn-missing", "no UPN");
    }
    String u = raw.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (u.length() != 13) {
      return Normalised.rejected("upn-length", "UPN must have 13 characters");
    }
    for (int i = 1; i < 12; i++) {
      if (!Character.isDigit(u.charAt(i)) || u.charAt(i) > '9') {
        return Normalised.rejected("upn-format", "UPN characters 2-12 must be digits");
      }
    }
    char last = u.charAt(12);
    boolean temporary = CHECK_LETTERS.indexOf(last) >= 0;
    if (!(last >= '0' && last <= '9') && !temporary) {
      return Normalised.rejected(
          "upn-format", "UPN character 13 must be a digit or check-set letter");
    }
    if (CHECK_LETTERS.indexOf(u.charAt(0)) < 0) {
      return Normalised.rejected("upn-format", "UPN must start with a check letter");
    }
    if (u.charAt(0) != checkLetter(u)) {
      return Normalised.rejected("upn-check-letter", "UPN check letter does not match");
    }
    return Normalised.ok(u);
  }

  /** Sum of value x position over positions 2..13, mod 23, mapped through A-Z less I, O, S. */
  public static char checkLetter(String upn) {
    int sum = 0;
    for (int pos = 2; pos <= 13; pos++) {
      char c = upn.charAt(pos - 1);
      int v = c >= '0' && c <= '9' ? c - '0' : CHECK_LETTERS.indexOf(c);
      sum += v * pos;
    }
    return CHECK_LETTERS.charAt(sum % 23);
  }
}
