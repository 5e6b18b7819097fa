package org.hearth.link.resolve.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.hearth.link.resolve.LinkRecord;
import org.hearth.link.resolve.TestPersons;
import org.junit.jupiter.api.Test;

/** Levels read off the tokens two records share, from the edge's own token rules. */
class AgreementPatternTest {
  static LinkRecord person(
      String id, String forename, String surname, LocalDate dob, String postcode, String address) {
    return TestPersons.person(id, forename, surname, dob, postcode, address);
  }

  static LinkRecord withReference(LinkRecord r, String ref) {
    return TestPersons.withReference(r, ref);
  }

  static final LocalDate DOB = LocalDate.of(2019, 3, 5);

  @Test
  void theBestSharedFamilySetsTheLevel() {
    LinkRecord amy = person("1", "Amy", "Jones", DOB, "SS143AB", "10");
    assertThat(AgreementPattern.of(amy, person("2", "Amy", "Jones", DOB, "SS143AB", "10")))
        .containsExactly(7, 2, -1);
    // one wrong day: names and two parts of the date
    assertThat(
            AgreementPattern.of(amy, person("3", "Amy", "Jones", DOB.plusDays(1), "CM11AA", "4")))
        .containsExactly(6, 0, -1);
    // swapped names, a different date: the names alone
    assertThat(
            AgreementPattern.of(
                amy, person("4", "Jones", "Amy", LocalDate.of(1990, 1, 1), "CM11AA", "4")))
        .containsExactly(2, 0, -1);
    // surname and date at the same address: one name and the date
    assertThat(AgreementPattern.of(amy, person("5", "Ann", "Jones", DOB, "SS143AB", "10")))
        .containsExactly(5, 2, -1);
    // no date of birth on one side: the names still compare, the date cannot
    assertThat(AgreementPattern.of(amy, person("6", "Amy", "Jones", null, null, null)))
        .containsExactly(2, -1, -1);
  }

  @Test
  void declaredIdentifiersCompareOnlyWhenBothHaveThem() {
    LinkRecord a = withReference(person("1", "Amy", "Jones", DOB, null, null), "A1");
    LinkRecord b = withReference(person("2", "Amy", "Jones", DOB, null, null), "A1");
    LinkRecord c = withReference(person("3", "Amy", "Jones", DOB, null, null), "B2");
    LinkRecord none = person("4", "Amy", "Jones", DOB, null, null);
    assertThat(AgreementPattern.of(a, b)[Comparison.IDENTIFIER.ordinal()]).isEqualTo(1);
    assertThat(AgreementPattern.of(a, c)[Comparison.IDENTIFIER.ordinal()]).isZero();
    assertThat(AgreementPattern.of(a, none)[Comparison.IDENTIFIER.ordinal()]).isEqualTo(-1);
    assertThat(AgreementPattern.shareIdentifier(a, b)).isTrue();
  }

  @Test
  void twinsAndAParentOfTheSameNameContradict() {
    LinkRecord amy = person("1", "Amy", "Jones", DOB, "SS143AB", "10");
    LinkRecord twin = person("2", "Zoe", "Jones", DOB, "SS143AB", "10");
    LinkRecord mother = person("3", "Amy", "Jones", LocalDate.of(1985, 11, 20), "SS143AB", "10");
    LinkRecord typo = person("4", "Aimy", "Jones", DOB, "SS143AB", "10");
    assertThat(AgreementPattern.forenamesContradict(amy, twin)).isTrue();
    assertThat(AgreementPattern.datesContradict(amy, mother)).isTrue();
    // a typo keeps the initial (and often the phonetic code): no contradiction
    assertThat(AgreementPattern.forenamesContradict(amy, typo)).isFalse();
    assertThat(AgreementPattern.datesContradict(amy, typo)).isFalse();
  }
}
