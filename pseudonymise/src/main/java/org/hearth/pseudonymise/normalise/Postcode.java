package org.hearth.pseudonymise.normalise;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A UK postcode, normalised ("SS14 1AB") and validated; or a recognised pseudo-postcode such as
 * {@code ZZ99 3VZ} (no fixed abode), which is kept as such and never matched as an address.
 */
public record Postcode(String outward, String inward, boolean pseudo) {
  // A9, A99, AA9, AA99, A9A, AA9A with the letter rules of the Royal Mail format
  private static final Pattern OUTWARD =
      Pattern.compile(
          "[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])");
  private static final Pattern INWARD = Pattern.compile("[0-9][ABD-HJLNP-UW-Z]{2}");
  private static final Pattern PSEUDO = Pattern.compile("ZZ99[0-9][A-Z]{2}");

  public static Normalised<Postcode> normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("postcode-missing", "no postcode");
    }
    String s = raw.toUpperCase(Locale.ROOT).replaceAll("[\\s\\u00a0.,-]", "");
    if (s.length() < 5 || s.length() > 7) {
      return Normalised.rejected("postcode-length", "postcode must have 5 to 7 characters");
    }
    if (PSEUDO.matcher(s).matches()) {
      return Normalised.ok(new Postcode("ZZ99", s.substring(4), true));
    }
    String out = s.substring(0, s.length() - 3);
    char[] in = s.substring(s.length() - 3).toCharArray();
    // the inward code starts with a digit: O and I typed for 0 and 1 are common
    if (in[0] == 'O') {
      in[0] = '0';
    } else if (in[0] == 'I' || in[0] == 'L') {
      in[0] = '1';
    }
    String inward = new String(in);
    if (s.equals("GIR0AA")) {
      return Normalised.ok(new Postcode("GIR", "0AA", false));
    }
    if (!OUTWARD.matcher(out).matches() || !INWARD.matcher(inward).matches()) {
      return Normalised.rejected("postcode-format", "not a valid UK postcode format");
    }
    return Normalised.ok(new Postcode(out, inward, false));
  }

  /** "SS14 1AB". */
  public String full() {
    return outward + " " + inward;
  }

  /** "SS141AB". */
  public String compact() {
    return outward + inward;
  }

  /** The postcode sector, "SS14 1": a generalised area safe to carry. */
  public String sector() {
    return outward + " " + inward.charAt(0);
  }

  public String district() {
    return outward;
  }

  /** Never print a full postcode: it is an identifier at this resolution. */
  @Override
  public String toString() {
    return pseudo ? "Postcode[pseudo]" : "Postcode[" + sector() + "**]";
  }
}
