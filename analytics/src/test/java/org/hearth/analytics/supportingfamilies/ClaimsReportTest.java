package org.hearth.analytics.supportingfamilies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Area;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Claim;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Earlier;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Link;
import org.junit.jupiter.api.Test;

class ClaimsReportTest {
  private static ClaimsSummary.Figures summary(DisclosureRules rules) {
    Random r = new Random(9);
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      List<Earlier> before =
          i < 20 ? List.of() : List.of(new Earlier("CL-0" + i, "2025-Q4", Link.SAME_HOUSEHOLD));
      claims.add(
          new Claim(
              "CL-" + i,
              "2026-Q1",
              3,
              "housing",
              before,
              i < 12 ? EnumSet.of(Area.HOUSING) : EnumSet.noneOf(Area.class),
              r.nextLong() >>> 11));
    }
    return ClaimsSummary.of(
        new ClaimsCheck.Result("2026-Q1", claims, List.of("2025-Q4", "2026-Q1")),
        rules,
        Instant.EPOCH);
  }

  @Test
  void thePageShowsThePublishedSummaryWithAreaAndPeriod() {
    String html = ClaimsReport.html(summary(DisclosureRules.SUPPRESSION));
    assertThat(html)
        .contains("<title>Supporting Families claims, 2026-Q1</title>")
        .contains("Data period: claims made for 2026-Q1")
        .contains("<td>Not claimed before</td><td>20</td>")
        // none by the same person: suppressed, and the household count with it
        .contains("<td>Same person</td><td><span class=\"sup\">suppressed</span>")
        .contains("<td>Same household</td><td><span class=\"sup\">suppressed</span>")
        .contains("<tr class=\"total\"><td>All claims</td><td>30</td>")
        .contains("<td>Secure housing</td><td>12</td>")
        // no claim with evidence of substance use: zero is below the threshold
        .contains("<td>Substance use</td><td><span class=\"sup\">suppressed</span>")
        .contains("@media print");
  }

  @Test
  void theCsvHasOneRowPerPublishedFigure() {
    List<List<String>> rows = ClaimsReport.csv(summary(DisclosureRules.DEFAULT));
    assertThat(rows.get(0))
        .containsExactly("period", "measure", "category", "claims", "disclosure");
    assertThat(rows).hasSize(1 + 4 + Area.values().length);
    assertThat(rows.get(1)).startsWith("2026-Q1", ClaimsSummary.CLAIMED_BEFORE);
    assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.get(3)).matches("\\d+"));
  }
}
