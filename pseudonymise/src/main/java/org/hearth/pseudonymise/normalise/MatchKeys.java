package org.hearth.pseudonymise.normalise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
   * Person keys from what the record has. Every key needs the date of birth's parts it names: a
   * whole date makes the name and date keys (those with a surname only when there is one; a record
   * with no surname still makes forename + date of birth, which links only within a household); a
   * year, or a year and month, makes only surname + year of birth, which never links on its own.
   */
  public static List<MatchKey> personFrom(
      String nhsNumber, String upn, String forename, String surname, BirthDate birth, char sex) {
    List<MatchKey> keys = new ArrayList<>(8);
    NhsNumber.normalise(nhsNumber)
        .value()
        .ifPresent(n -> keys.add(MatchKey.of(MatchKeyType.NHS_NUMBER, n)));
    Upn.normalise(upn).value().ifPresent(u -> keys.add(MatchKey.of(MatchKeyType.UPN, u)));
    if (birth == null) {
      return keys;
    }
    Optional<String> sn = Names.surname(surname).value();
    Optional<String> fn = Names.forename(forename, sex).value();
    char sx =
        Character.toUpperCase(sex) == 'M' || Character.toUpperCase(sex) == 'F'
            ? Character.toUpperCase(sex)
            : 'U';
    Optional<LocalDate> whole = birth.date();
    if (whole.isPresent() && fn.isPresent()) {
      LocalDate dob = whole.get();
      String d = dob.toString();
      String f = fn.get();
      if (sn.isPresent()) {
        String s = sn.get();
        if (sx != 'U') {
          keys.add(MatchKey.of(MatchKeyType.NAME_DOB_SEX, f + "|" + s + "|" + d + "|" + sx));
        }
        keys.add(MatchKey.of(MatchKeyType.NAME_DOB, f.charAt(0) + "|" + s + "|" + d));
      }
      keys.add(MatchKey.of(MatchKeyType.FORENAME_DOB, f + "|" + d));
      if (sn.isPresent()) {
        String s = sn.get();
        keys.add(
            MatchKey.of(
                MatchKeyType.PHONETIC_DOB, Names.phonetic(f) + "|" + Names.phonetic(s) + "|" + d));
        int lo = Math.min(dob.getDayOfMonth(), dob.getMonthValue());
        int hi = Math.max(dob.getDayOfMonth(), dob.getMonthValue());
        if (hi <= 31 && lo <= 12) {
          keys.add(
              MatchKey.of(
                  MatchKeyType.DOB_SWAPPED_NAME,
                  f + "|" + s + "|" + dob.getYear() + "|" + lo + "|" + hi));
        }
      }
    }
    if (sn.isPresent()) {
      keys.add(MatchKey.of(MatchKeyType.SURNAME_YOB, sn.get() + "|" + birth.year() + "|" + sx));
    }
    return keys;
  }
}
