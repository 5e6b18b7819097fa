package org.hearth.pseudonymise.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers in free text, found by libphonenumber as a UK reader would dial them: "020 7946
 * 0018", "(028) 9649 6000", "0044 20 7946 0018", "+44 (0)7700 900123", "+33 1 42 68 53 00".
 *
 * <p>Only a number written the way numbers are dialled counts: with a trunk 0, a + or an
 * international 00. A bare run of digits is a reference (and the NHS rule judges it), not a phone
 * number. A UK number counts if libphonenumber holds it valid, or if it has the ten national digits
 * every UK mobile and geographic number has: "possible" by length, which the fictitious Ofcom drama
 * ranges (07700 900xxx, 01632 960xxx) and numbers allocated after the library's metadata need. A
 * shorter UK number must be valid, so a ten-digit reference that starts with 0 is not taken for
 * one. An international number (+ or 00 and a country code) needs only be possible.
 */
final class PhoneNumbers {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  static boolean contains(String text) {
    return contains(text, PhoneNumberUtil.Leniency.POSSIBLE, false);
  }

  /** {@code validOnly}: only numbers libphonenumber holds valid (measured against the default). */
  static boolean contains(String text, PhoneNumberUtil.Leniency leniency, boolean validOnly) {
    for (PhoneNumberMatch m : PHONES.findNumbers(text, "GB", leniency, Long.MAX_VALUE)) {
      String raw = m.rawString();
      int k = 0;
      while (k < raw.length() && raw.charAt(k) == '(') {
        k++;
      }
      if (k == raw.length()) {
        continue;
      }
      char first = raw.charAt(k);
      if (first != '+' && first != '0' && first != '\uff0b') {
        continue;
      }
      PhoneNumber n = m.number();
      if (PHONES.isValidNumber(n)) {
        return true;
      }
      if (validOnly) {
        continue;
      }
      if (n.getCountryCode() != 44 || Long.toString(n.getNationalNumber()).length() == 10) {
        return true;
      }
    }
    return false;
  }
}
