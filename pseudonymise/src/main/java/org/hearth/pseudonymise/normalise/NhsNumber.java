package org.hearth.pseudonymise.normalise;

/** NHS numbers: ten digits, often written 3-3-4, with a modulus 11 check digit. */
public final class NhsNumber {
  private NhsNumber() {}

  public static Normalised<String> normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("nhs-missing", "no NHS number");
    }
    StringBuilder digits = new StringBuilder(10);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-' && c != '\u00a0' && c != '\t') {
        return Normalised.rejected("nhs-format", "NHS number has characters other than digits");
      }
    }
    if (digits.length() != 10) {
      return Normalised.rejected("nhs-length", "NHS number must have 10 digits");
    }
    String d = digits.toString();
    int check = checkDigit(d);
    if (check == 10) {
      return Normalised.rejected("nhs-check-digit", "NHS number can never be issued (check 10)");
    }
    if (check != d.charAt(9) - '0') {
      return Normalised.rejected("nhs-check-digit", "NHS number check digit does not match");
    }
    return Normalised.ok(d);
  }

  /** 11 - (weighted sum of digits 1..9, weights 10..2) mod 11; 11 becomes 0; 10 is invalid. */
  public static int checkDigit(String nineOrMoreDigits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nineOrMoreDigits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check;
  }

  /** True for the 999 000 0000 - 999 999 9999 block reserved for test data. */
  public static boolean isTestRange(String normalised) {
    return normalised.startsWith("999");
  }
}
