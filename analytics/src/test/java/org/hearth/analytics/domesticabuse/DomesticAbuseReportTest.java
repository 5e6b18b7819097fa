package org.hearth.analytics.domesticabuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.reference.Names;
import org.junit.jupiter.api.Test;

class DomesticAbuseReportTest {
  private static final Names.All NAMES =
      new Names.All(Map.of(), Map.of("basildon-council", "Basildon Council"));

  private static DomesticAbuseNeeds.Figures figures(DisclosureRules rules) {
    Random r = new Random(5);
    List<DomesticAbuseNeeds.Case> cases = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      cases.add(
          new DomesticAbuseNeeds.Case(
              "2026-Q1",
              i < 27 ? "basildon-council" : "rochford-council",
              i % 2 == 0 ? "Couple" : "Single parent with children",
              r.nextLong() >>> 11));
    }
    return DomesticAbuseNeeds.figures(cases, 2, rules, Instant.parse("2026-04-01T00:00:00Z"));
  }

  @Test
  void thePageNamesDistrictsByTheirCouncilWhereANameIsLoaded() {
    String html = DomesticAbuseReport.html(figures(DisclosureRules.SUPPRESSION), NAMES);
    assertThat(html)
        .contains("<title>Domestic abuse needs assessment</title>")
        .contains("<td>Basildon Council</td>")
        .doesNotContain("<td>basildon-council</td>")
        // no name loaded: the partner id stands
        .contains("<td>rochford-council</td>")
        .contains("Area: Basildon Council, rochford-council")
        .contains("Data period: applications dated in 2026-Q1")
        .contains("Applications without a date of application, in no table: 2")
        .contains("<span class=\"sup\">suppressed</span>")
        .contains("<div class=\"scroll\">", "@media print");
  }

  @Test
  void theCsvHasOneRowPerPublishedCellWithNamesAndIds() {
    DomesticAbuseNeeds.Figures f = figures(DisclosureRules.SUPPRESSION);
    List<List<String>> rows = DomesticAbuseReport.csv(f, NAMES);
    assertThat(rows.get(0))
        .containsExactly(
            "quarter", "district", "household_type", "applications", "partner", "disclosure");
    // 2 districts and the total, by 2 types and the total
    assertThat(rows).hasSize(1 + 3 * 3);
    assertThat(rows)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("2026-Q1", "Basildon Council", "Couple")
                    .contains("basildon-council"));
    // rochford's 3 are suppressed: an empty cell, not a number
    assertThat(rows)
        .anySatisfy(r -> assertThat(r).startsWith("2026-Q1", "rochford-council", "Couple", ""));
    assertThat(rows)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith(
                        "2026-Q1",
                        DomesticAbuseNeeds.ALL_DISTRICTS,
                        DomesticAbuseNeeds.ALL_HOUSEHOLD_TYPES,
                        "30"));
    List<List<String>> perturbed = DomesticAbuseReport.csv(figures(DisclosureRules.DEFAULT), NAMES);
    assertThat(perturbed).allSatisfy(r -> assertThat(r.get(3)).isNotEmpty());
  }
}
