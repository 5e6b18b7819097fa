package org.hearth.pseudonymise.normalise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Derives a record's typed match keys from its identifiers: the one place the rules live, used by
 * the edge (then pseudonymised) and by the plaintext baseline that measures linkage.
 */
public final class MatchKeys {
  private MatchKeys() {}

  /**
   * Address keys: the UPRN when valid; a postcode key (postcode, premises, sub-unit) when the
   * postcode is real; a street key (street, town, premises, sub-unit) when the street parsed. The
   * street key is weak: towns have two streets of one name, so resolution uses it only to place a
   * record that has no postcode. A pseudo-postcode never yields an address key, nor does a postcode
   * alone.
   */
  public static List<MatchKey> address(String uprn, List<String> addressLines, String postcode) {
    List<MatchKey> keys = new ArrayList<>(3);
    Uprn.normalise(uprn).value().ifPresent(u -> keys.add(MatchKey.of(MatchKeyType.UPRN, u)));
    if (addressLines == null || addressLines.stream().allMatch(l -> l == null || l.isBlank())) {
      return keys;
    }
    UkAddress a = UkAddress.parse(addressLines);
    Optional<String> premises = a.premises();
    if (premises.isEmpty()) {
      return keys;
    }
    String unit = a.subUnit().orElse("");
    Optional<Postcode> pc = Postcode.normalise(postcode).value().filter(p -> !p.pseudo());
    pc.ifPresent(
        p ->
            keys.add(
                MatchKey.of(
                    MatchKeyType.ADDRESS,
                    "PC|" + p.compact() + "|" + premises.get() + "|" + unit)));
    if (a.street().isPresent() && a.town().isPresent()) {
      keys.add(
          MatchKey.of(
              MatchKeyType.STREET_ADDRESS,
              a.street().get() + "|" + a.town().get() + "|" + premises.get() + "|" + unit));
    }
    return keys;
  }

  /**
   * Person keys, strongest first: NHS number, UPN, then name and date-of-birth combinations (with
   * sex; initial and surname; forename alone, for a surname misspelt or changed; phonetic; day and
   * month unordered for transpositions; surname and year of birth as the weakest).
   */
  public static List<MatchKey> person(
      String nhsNumber, String upn, String forename, String surname, LocalDate dob, char sex) {
    return personFrom(
        nhsNumber, upn, forename, surname, dob == null ? null : BirthDate.of(dob), sex);
  }

  /**
   * Person keys and comparison tokens from what the record has (see docs/linkage.md, "Tokens").
   * Every token is compound: names with a date of birth or a postcode, both names together, or a
   * date of birth at a postcode; never a surname, a forename or a year alone. A whole date makes
   * every date token; a year and month makes those that need no day; a year only, surname and year
   * of birth (carried, never compared).
   *
   * @param postcode the record's valid postcode, compact, or null
   */
  public static List<MatchKey> personFrom(
      String nhsNumber,
      String upn,
      String forename,
      String surname,
      BirthDate birth,
      char sex,
      String postcode) {
    List<MatchKey> keys = new ArrayList<>(18);
    NhsNumber.normalise(nhsNumber)
        .value()
        .ifPresent(n -> keys.add(MatchKey.of(MatchKeyType.NHS_NUMBER, n)));
    Upn.normalise(upn).value().ifPresent(u -> keys.add(MatchKey.of(MatchKeyType.UPN, u)));
    String f = Names.forename(forename, sex).value().orElse(null);
    String s = Names.surname(surname).value().orElse(null);
    String pf = f == null ? null : Names.phonetic(f);
    String ps = s == null ? null : Names.phonetic(s);
    String names = f != null && s != null ? unordered(f, s) : null;
    String pc = postcode == null || postcode.isBlank() ? null : postcode;
    if (names != null) {
      keys.add(MatchKey.of(MatchKeyType.NAMES, names));
      keys.add(MatchKey.of(MatchKeyType.PHONETIC_NAMES, unordered(pf, ps)));
    }
    if (s != null && pc != null) {
      keys.add(MatchKey.of(MatchKeyType.SURNAME_POSTCODE, pc + "|" + s));
    }
    if (birth == null) {
      return keys;
    }
    int y = birth.year();
    OptionalInt month = birth.knownMonth();
    Optional<LocalDate> whole = birth.date();
    if (names != null && month.isPresent()) {
      keys.add(
          MatchKey.of(MatchKeyType.NAMES_YEAR_MONTH, names + "|" + y + "|" + month.getAsInt()));
    }
    if (whole.isPresent()) {
      LocalDate dob = whole.get();
      String d = dob.toString();
      int day = dob.getDayOfMonth();
      int m = dob.getMonthValue();
      if (f != null) {
        keys.add(MatchKey.of(MatchKeyType.FORENAME_DOB, f + "|" + d));
        keys.add(MatchKey.of(MatchKeyType.PHONETIC_FORENAME_DOB, pf + "|" + d));
      }
      if (s != null) {
        keys.add(MatchKey.of(MatchKeyType.SURNAME_DOB, s + "|" + d));
        keys.add(MatchKey.of(MatchKeyType.PHONETIC_SURNAME_DOB, ps + "|" + d));
      }
      if (f != null && s != null) {
        keys.add(MatchKey.of(MatchKeyType.NAME_DOB_SEX, f + "|" + s + "|" + d));
        keys.add(MatchKey.of(MatchKeyType.NAME_DOB, f.charAt(0) + "|" + s + "|" + d));
        keys.add(MatchKey.of(MatchKeyType.PHONETIC_DOB, pf + "|" + ps + "|" + d));
        keys.add(MatchKey.of(MatchKeyType.NAMES_YEAR_DAY, names + "|" + y + "|" + day));
        keys.add(MatchKey.of(MatchKeyType.NAMES_MONTH_DAY, names + "|" + m + "|" + day));
        if (day <= 12) {
          keys.add(
              MatchKey.of(
                  MatchKeyType.DOB_SWAPPED_NAME,
                  names + "|" + y + "|" + Math.min(day, m) + "|" + Math.max(day, m)));
        }
      }
      if (pc != null) {
        keys.add(MatchKey.of(MatchKeyType.DOB_POSTCODE, pc + "|" + d));
      }
    }
    if (s != null) {
      char sx =
          Character.toUpperCase(sex) == 'M' || Character.toUpperCase(sex) == 'F'
              ? Character.toUpperCase(sex)
              : 'U';
      keys.add(MatchKey.of(MatchKeyType.SURNAME_YOB, s + "|" + y + "|" + sx));
    }
    return keys;
  }

  /** Person keys with no postcode to combine with. */
  public static List<MatchKey> personFrom(
      String nhsNumber, String upn, String forename, String surname, BirthDate birth, char sex) {
    return personFrom(nhsNumber, upn, forename, surname, birth, sex, null);
  }

  /** Two names in a fixed order, so a swapped forename and surname give the same token. */
  static String unordered(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }
}
