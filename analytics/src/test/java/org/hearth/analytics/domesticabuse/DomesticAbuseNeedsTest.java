package org.hearth.analytics.domesticabuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.junit.jupiter.api.Test;

class DomesticAbuseNeedsTest {
  private static final Random KEYS = new Random(7);

  private static void add(
      List<DomesticAbuseNeeds.Case> cases, int n, String q, String d, String t) {
    for (int i = 0; i < n; i++) {
      cases.add(new DomesticAbuseNeeds.Case(q, d, t, KEYS.nextLong() >>> 11));
    }
  }

  @Test
  void eachQuarterIsItsOwnTableWithMarginsAndSmallCountsHidden() {
    List<DomesticAbuseNeeds.Case> cases = new ArrayList<>();
    add(cases, 12, "2026-Q1", "basildon-council", "Couple with children");
    add(cases, 9, "2026-Q1", "basildon-council", "Single parent with children");
    add(cases, 7, "2026-Q1", "castle-point-council", "Couple with children");
    add(cases, 2, "2026-Q1", "castle-point-council", "Single parent with children");
    add(cases, 8, "2026-Q1", "rochford-council", "Couple with children");
    add(cases, 6, "2026-Q1", "rochford-council", "Single parent with children");
    add(cases, 6, "2026-Q2", "basildon-council", "Couple");

    DomesticAbuseNeeds.Figures f =
        DomesticAbuseNeeds.figures(cases, 3, DisclosureRules.SUPPRESSION, Instant.EPOCH);

    assertThat(f.quarters())
        .extracting(DomesticAbuseNeeds.Quarter::quarter)
        .containsExactly("2026-Q1", "2026-Q2");
    assertThat(f.undated()).isEqualTo(3);
    DomesticAbuseNeeds.Quarter q1 = f.quarters().get(0);
    assertThat(q1.rowNames())
        .containsExactly(
            "basildon-council",
            "castle-point-council",
            "rochford-council",
            DomesticAbuseNeeds.ALL_DISTRICTS);
    assertThat(q1.columnNames())
        .containsExactly(
            "Couple with children",
            "Single parent with children",
            DomesticAbuseNeeds.ALL_HOUSEHOLD_TYPES);
    // the 2 is hidden, and with it enough others that it cannot be worked out from the margins
    assertThat(q1.applications(1, 1)).isEmpty();
    assertThat(q1.applications(0, 0)).hasValue(12);
    assertThat(q1.applications(3, 2)).hasValue(44);
    int hiddenInRow = 0;
    int hiddenInColumn = 0;
    for (int j = 0; j <= 2; j++) {
      hiddenInRow += q1.applications(1, j).isEmpty() ? 1 : 0;
    }
    for (int i = 0; i <= 3; i++) {
      hiddenInColumn += q1.applications(i, 1).isEmpty() ? 1 : 0;
    }
    assertThat(hiddenInRow).isGreaterThanOrEqualTo(2);
    assertThat(hiddenInColumn).isGreaterThanOrEqualTo(2);
    for (DomesticAbuseNeeds.Quarter q : f.quarters()) {
      for (int i = 0; i < q.rowNames().size(); i++) {
        for (int j = 0; j < q.columnNames().size(); j++) {
          OptionalLong v = q.applications(i, j);
          if (v.isPresent()) {
            assertThat(v.getAsLong()).isGreaterThanOrEqualTo(5);
          }
        }
      }
    }
    DomesticAbuseNeeds.Quarter q2 = f.quarters().get(1);
    assertThat(q2.applications(0, 0)).hasValue(6);
    assertThat(q2.applications(1, 1)).hasValue(6);
  }

  @Test
  void perturbedQuartersAddUpAndAChangeInOneQuarterLeavesTheOthersAsTheyWere() {
    List<DomesticAbuseNeeds.Case> cases = new ArrayList<>();
    add(cases, 12, "2026-Q1", "basildon-council", "Couple with children");
    add(cases, 2, "2026-Q1", "castle-point-council", "Single parent with children");
    add(cases, 9, "2026-Q2", "basildon-council", "Couple");
    add(cases, 4, "2026-Q2", "rochford-council", "Couple");
    var f = DomesticAbuseNeeds.figures(cases, 0, DisclosureRules.DEFAULT, Instant.EPOCH);
    DomesticAbuseNeeds.Quarter q1 = f.quarters().get(0);
    // basildon's 12 couples with children: within the table's noise
    assertThat(q1.applications(0, 0).getAsLong()).isBetween(10L, 14L);
    // a count of 2 is published as 0 to 4, never negative
    assertThat(q1.applications(1, 1).getAsLong()).isBetween(0L, 4L);
    // a structural zero stays zero
    assertThat(q1.applications(1, 0)).hasValue(0);
    for (int i = 0; i <= 2; i++) {
      assertThat(q1.applications(i, 2).getAsLong())
          .isEqualTo(q1.applications(i, 0).getAsLong() + q1.applications(i, 1).getAsLong());
    }
    // Q1: three rows by three columns with the totals; Q2: three rows by two
    assertThat(f.checks()).hasSize(9 + 6);

    List<DomesticAbuseNeeds.Case> later = new ArrayList<>(cases);
    later.remove(later.size() - 1);
    var g = DomesticAbuseNeeds.figures(later, 0, DisclosureRules.DEFAULT, Instant.EPOCH);
    assertThat(g.checks().subList(0, 9)).isEqualTo(f.checks().subList(0, 9));
  }

  @Test
  void noCasesGiveNoTables() {
    assertThat(
            DomesticAbuseNeeds.figures(List.of(), 0, DisclosureRules.DEFAULT, Instant.EPOCH)
                .quarters())
        .isEmpty();
  }
}
