package org.hearth.pseudonymise.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MatchKeysTest {

  private static Set<String> keys(List<MatchKey> ks, MatchKeyType type) {
    return ks.stream()
        .filter(k -> k.type() == type)
        .map(MatchKey::plaintext)
        .collect(Collectors.toSet());
  }

  @Test
  void addressVariantsOfOneDwellingShareKeys() {
    var a = MatchKeys.address(null, List.of("10A High St", "Basildon"), "ss14 1ab");
    var b = MatchKeys.address("", List.of("Flat A, 10 High Street, Basildon"), "SS141AB");
    assertThat(keys(a, MatchKeyType.ADDRESS))
        .containsExactlyInAnyOrderElementsOf(keys(b, MatchKeyType.ADDRESS));
    assertThat(keys(a, MatchKeyType.ADDRESS)).containsExactly("ADDR|PC|SS141AB|10|A");
    assertThat(keys(a, MatchKeyType.STREET_ADDRESS))
        .containsExactly("STA|HIGH STREET|BASILDON|10|A")
        .isEqualTo(keys(b, MatchKeyType.STREET_ADDRESS));
    // the neighbouring flat and the house itself stay apart
    var flatB = MatchKeys.address(null, List.of("Flat B, 10 High Street, Basildon"), "SS14 1AB");
    var house = MatchKeys.address(null, List.of("10 High Street, Basildon"), "SS14 1AB");
    assertThat(keys(flatB, MatchKeyType.ADDRESS))
        .doesNotContainAnyElementsOf(keys(a, MatchKeyType.ADDRESS));
    assertThat(keys(house, MatchKeyType.ADDRESS))
        .doesNotContainAnyElementsOf(keys(a, MatchKeyType.ADDRESS));
  }

  @Test
  void missingPostcodeStillLinksThroughTheStreetKey() {
    var withPostcode = MatchKeys.address(null, List.of("22 Mill Road", "Pitsea"), "SS13 3AB");
    var without = MatchKeys.address(null, List.of("22 Mill Rd", "Pitsea"), "");
    assertThat(keys(without, MatchKeyType.ADDRESS)).isEmpty();
    assertThat(keys(without, MatchKeyType.STREET_ADDRESS))
        .hasSize(1)
        .isEqualTo(keys(withPostcode, MatchKeyType.STREET_ADDRESS));
  }

  @Test
  void neverJustThePostcodeAndNeverAPseudoPostcode() {
    assertThat(MatchKeys.address(null, List.of("Basildon"), "SS14 1AB")).isEmpty();
    assertThat(MatchKeys.address(null, List.of(), "SS14 1AB")).isEmpty();
    var nfa = MatchKeys.address(null, List.of("12 Station Road"), "ZZ99 3VZ");
    assertThat(nfa).noneMatch(k -> k.plaintext().contains("ZZ99"));
  }

  @Test
  void uprnsCompareNumerically() {
    assertThat(MatchKeys.address("000100012345", null, null))
        .containsExactly(MatchKey.of(MatchKeyType.UPRN, "100012345"));
    assertThat(MatchKeys.address("100012345", null, null))
        .isEqualTo(MatchKeys.address("000100012345", null, null));
  }

  @Test
  void personKeysSurviveNicknamesTyposAndTransposedDates() {
    LocalDate dob = LocalDate.of(2019, 3, 5);
    var robert = MatchKeys.person("943 476 5919", null, "Robert", "Smith", dob, 'M');
    var bob = MatchKeys.person("9434765919", null, "Bob", "SMITH", dob, 'm');
    var smyth = MatchKeys.person(null, null, "Robert", "Smyth", dob, 'M');
    var swapped = MatchKeys.person(null, null, "Robert", "Smith", LocalDate.of(2019, 5, 3), 'M');
    assertThat(keys(bob, MatchKeyType.NHS_NUMBER))
        .isEqualTo(keys(robert, MatchKeyType.NHS_NUMBER))
        .hasSize(1);
    assertThat(keys(bob, MatchKeyType.NAME_DOB_SEX))
        .isEqualTo(keys(robert, MatchKeyType.NAME_DOB_SEX));
    assertThat(keys(smyth, MatchKeyType.PHONETIC_DOB))
        .isEqualTo(keys(robert, MatchKeyType.PHONETIC_DOB));
    assertThat(keys(smyth, MatchKeyType.NAME_DOB_SEX))
        .isNotEqualTo(keys(robert, MatchKeyType.NAME_DOB_SEX));
    assertThat(keys(swapped, MatchKeyType.DOB_SWAPPED_NAME))
        .isEqualTo(keys(robert, MatchKeyType.DOB_SWAPPED_NAME));
    assertThat(keys(swapped, MatchKeyType.NAME_DOB))
        .isNotEqualTo(keys(robert, MatchKeyType.NAME_DOB));
    // a misspelt surname keeps the forename and date of birth
    assertThat(keys(smyth, MatchKeyType.FORENAME_DOB))
        .isEqualTo(keys(robert, MatchKeyType.FORENAME_DOB))
        .hasSize(1);
    assertThat(MatchKeyType.FORENAME_DOB.strength()).isEqualTo(MatchKeyType.Strength.WEAK);
  }

  @Test
  void swappedNamesAndOneWrongDatePartStillShareTokens() {
    LocalDate dob = LocalDate.of(2019, 3, 5);
    var robert =
        MatchKeys.personFrom(null, null, "Robert", "Smith", BirthDate.of(dob), 'M', "SS143AB");
    var swapped = MatchKeys.person(null, null, "Smith", "Robert", LocalDate.of(2019, 3, 15), 'M');
    var otherYear = MatchKeys.person(null, null, "Robert", "Smith", LocalDate.of(2018, 3, 5), 'M');
    assertThat(keys(swapped, MatchKeyType.NAMES)).isEqualTo(keys(robert, MatchKeyType.NAMES));
    assertThat(keys(swapped, MatchKeyType.NAMES_YEAR_MONTH))
        .isEqualTo(keys(robert, MatchKeyType.NAMES_YEAR_MONTH));
    assertThat(keys(otherYear, MatchKeyType.NAMES_MONTH_DAY))
        .isEqualTo(keys(robert, MatchKeyType.NAMES_MONTH_DAY));
    assertThat(keys(otherYear, MatchKeyType.NAMES_YEAR_MONTH))
        .isNotEqualTo(keys(robert, MatchKeyType.NAMES_YEAR_MONTH));
    assertThat(keys(robert, MatchKeyType.DOB_POSTCODE)).hasSize(1);
    assertThat(keys(robert, MatchKeyType.SURNAME_POSTCODE)).hasSize(1);
  }

  /**
   * No token is one low-entropy field alone (a surname, a forename, a year, a postcode): the link
   * job could learn values by counting how often each token occurs. Only identifiers that are
   * unique by design (NHS number, UPN, declared identifiers) stand alone.
   */
  @Test
  void everyTokenIsCompound() {
    var all =
        MatchKeys.personFrom(
            "943 476 5919",
            null,
            "Robert",
            "Smith",
            BirthDate.of(LocalDate.of(2019, 3, 5)),
            'M',
            "SS143AB");
    for (MatchKey k : all) {
      if (k.type() == MatchKeyType.NHS_NUMBER) {
        continue;
      }
      String value = k.plaintext().substring(k.plaintext().indexOf('|') + 1);
      assertThat(value.split("\\|")).as(k.type().name()).hasSizeGreaterThanOrEqualTo(2);
      if (k.type() != MatchKeyType.SURNAME_YOB) {
        assertThat(value).as(k.type().name()).matches(".*[A-Z]{2}.*\\|.*");
      }
    }
  }

  @Test
  void declaredIdentifiersNormaliseOrAreRefused() {
    assertThat(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.NI_NUMBER, null, "qq 12 34 56 c"))
        .isEmpty(); // QQ is not an issued prefix
    assertThat(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.NI_NUMBER, null, "ab 12 34 56 c"))
        .isEqualTo(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.NI_NUMBER, null, "AB123456C"));
    assertThat(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.EMAIL, null, " Amy.Jones@Example.org "))
        .isEqualTo(
            OtherIdentifiers.keyOf(OtherIdentifiers.Kind.EMAIL, null, "amy.jones@example.org"));
    assertThat(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.EMAIL, null, "not an address"))
        .isEmpty();
    assertThat(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.PHONE, null, "07700 900123"))
        .isEqualTo(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.PHONE, null, "+44 7700 900123"))
        .isEqualTo(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.PHONE, null, "(0044) 7700-900123"));
    assertThat(OtherIdentifiers.keyOf(OtherIdentifiers.Kind.PHONE, null, "12")).isEmpty();
    assertThat(
            OtherIdentifiers.keyOf(OtherIdentifiers.Kind.SHARED_REFERENCE, "la-case", "ab-12 345"))
        .isEqualTo(
            OtherIdentifiers.keyOf(OtherIdentifiers.Kind.SHARED_REFERENCE, "la-case", "AB12345"))
        .isNotEqualTo(
            OtherIdentifiers.keyOf(
                OtherIdentifiers.Kind.SHARED_REFERENCE, "police-ref", "AB12345"));
    assertThat(OtherIdentifiers.validNamespace("Bad Namespace")).isFalse();
  }

  @Test
  void aStreetKeyIsWeakAndOnlyComesWithAParsedStreetAndTown() {
    var noPostcode = MatchKeys.address(null, List.of("10 High Street", "Basildon"), null);
    assertThat(keys(noPostcode, MatchKeyType.ADDRESS)).isEmpty();
    assertThat(keys(noPostcode, MatchKeyType.STREET_ADDRESS)).hasSize(1);
    assertThat(MatchKeyType.STREET_ADDRESS.strength()).isEqualTo(MatchKeyType.Strength.WEAK);
    assertThat(MatchKeyType.STREET_ADDRESS.kind()).isEqualTo(MatchKeyType.Kind.ADDRESS);
  }

  @Test
  void twinsDifferInTheirStrongerKeys() {
    LocalDate dob = LocalDate.of(2020, 6, 1);
    var amy = MatchKeys.person(null, null, "Amy", "Jones", dob, 'F');
    var anna = MatchKeys.person(null, null, "Anna", "Jones", dob, 'F');
    assertThat(keys(amy, MatchKeyType.NAME_DOB_SEX))
        .doesNotContainAnyElementsOf(keys(anna, MatchKeyType.NAME_DOB_SEX));
    // the weak keys collide, which is why a weak key alone never merges two people
    assertThat(keys(amy, MatchKeyType.SURNAME_YOB)).isEqualTo(keys(anna, MatchKeyType.SURNAME_YOB));
    assertThat(MatchKeyType.SURNAME_YOB.strength()).isEqualTo(MatchKeyType.Strength.WEAK);
  }

  @Test
  void invalidIdentifiersYieldNoKeyRatherThanAWrongOne() {
    var keys = MatchKeys.person("943 476 5918", "A12345678901", "Robert", "Smith", null, 'M');
    assertThat(keys)
        .extracting(MatchKey::type)
        .doesNotContain(MatchKeyType.NHS_NUMBER, MatchKeyType.UPN)
        .containsExactlyInAnyOrder(MatchKeyType.NAMES, MatchKeyType.PHONETIC_NAMES);
  }

  @Test
  void aRecordMakesTheKeysItsPartsAllow() {
    LocalDate dob = LocalDate.of(1911, 4, 2);
    var whole = MatchKeys.person(null, null, "Amy", "Jones", dob, 'F');
    // no surname: forename and date of birth still make their tokens, nothing else
    var noSurname = MatchKeys.person(null, null, "Amy", "", dob, 'F');
    assertThat(noSurname)
        .extracting(MatchKey::type)
        .containsExactlyInAnyOrder(MatchKeyType.FORENAME_DOB, MatchKeyType.PHONETIC_FORENAME_DOB);
    assertThat(keys(noSurname, MatchKeyType.FORENAME_DOB))
        .isEqualTo(keys(whole, MatchKeyType.FORENAME_DOB));
    // a year: the names, and surname + year of birth (carried, never compared); a month as well
    // makes the names with year and month
    var year = MatchKeys.personFrom(null, null, "Amy", "Jones", new BirthDate(1911, 0, 0), 'F');
    var month = MatchKeys.personFrom(null, null, "Amy", "Jones", new BirthDate(1911, 4, 0), 'F');
    assertThat(year)
        .extracting(MatchKey::type)
        .containsExactlyInAnyOrder(
            MatchKeyType.NAMES, MatchKeyType.PHONETIC_NAMES, MatchKeyType.SURNAME_YOB);
    assertThat(month)
        .extracting(MatchKey::type)
        .containsExactlyInAnyOrder(
            MatchKeyType.NAMES,
            MatchKeyType.PHONETIC_NAMES,
            MatchKeyType.NAMES_YEAR_MONTH,
            MatchKeyType.SURNAME_YOB);
    assertThat(keys(month, MatchKeyType.NAMES_YEAR_MONTH))
        .isEqualTo(keys(whole, MatchKeyType.NAMES_YEAR_MONTH));
    assertThat(keys(year, MatchKeyType.SURNAME_YOB))
        .isEqualTo(keys(whole, MatchKeyType.SURNAME_YOB));
    // a forename that is only a title is no forename: no key takes "MISS" as a name
    var title = MatchKeys.person(null, null, "Miss", "Jones", dob, 'F');
    assertThat(title)
        .extracting(MatchKey::type)
        .containsExactlyInAnyOrder(
            MatchKeyType.SURNAME_DOB, MatchKeyType.PHONETIC_SURNAME_DOB, MatchKeyType.SURNAME_YOB);
    assertThat(MatchKeys.person(null, null, "Miss", "Mrs", dob, 'F')).isEmpty();
    // before 1900 is a real date of birth now; before 1850 and the future are not
    assertThat(DatesOfBirth.parse("02/04/1880", LocalDate.of(2026, 11, 21)).value())
        .contains(LocalDate.of(1880, 4, 2));
    assertThat(DatesOfBirth.parse("2019", LocalDate.of(2026, 11, 21)).invalid())
        .hasValueSatisfying(i -> assertThat(i.rule()).isEqualTo("dob-partial"));
    assertThat(new BirthDate(1911, 4, 2).toString()).doesNotContain("1911");
  }

  @Test
  void matchKeysNeverPrintTheirValue() {
    MatchKey k = MatchKey.of(MatchKeyType.NHS_NUMBER, "9434765919");
    assertThat(k.toString()).isEqualTo("MatchKey[NHS_NUMBER]");
  }
}
