package org.hearth.analytics.supportingfamilies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.OutputCheck.Rule;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Area;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Claim;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Earlier;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Link;
import org.junit.jupiter.api.Test;

class ClaimsSummaryTest {
  /**
   * 40 claims: 25 new, 10 by the same person, 5 only at the same household; 3 with substance use.
   */
  private static ClaimsCheck.Result claims() {
    Random r = new Random(8);
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<Earlier> before =
          i < 25
              ? List.of()
              : List.of(
                  new Earlier(
                      "CL-" + i, "2025-Q1", i < 35 ? Link.SAME_PERSON : Link.SAME_HOUSEHOLD));
      Set<Area> evidence = EnumSet.noneOf(Area.class);
      if (i < 30) {
        evidence.add(Area.HOUSING);
      }
      if (i < 39) {
        evidence.add(Area.FINANCIAL_SECURITY);
      }
      if (i % 13 == 0) {
        evidence.add(Area.SUBSTANCE_USE);
      }
      claims.add(
          new Claim("CL-" + i, "2026-Q1", 3, "housing", before, evidence, r.nextLong() >>> 11));
    }
    return new ClaimsCheck.Result("2026-Q1", claims, List.of("2025-Q1", "2026-Q1"));
  }

  @Test
  void perturbedClaimsAddUpAndStayWithinTheNoise() {
    var f = ClaimsSummary.of(claims(), DisclosureRules.DEFAULT, Instant.EPOCH);
    long fresh = f.claims(ClaimsSummary.CLAIMED_BEFORE, ClaimsSummary.NOT_BEFORE).getAsLong();
    long person = f.claims(ClaimsSummary.CLAIMED_BEFORE, ClaimsSummary.SAME_PERSON).getAsLong();
    long household =
        f.claims(ClaimsSummary.CLAIMED_BEFORE, ClaimsSummary.SAME_HOUSEHOLD).getAsLong();
    assertThat(fresh).isBetween(23L, 27L);
    assertThat(person).isBetween(8L, 12L);
    assertThat(household).isBetween(3L, 7L);
    assertThat(f.claims(ClaimsSummary.CLAIMED_BEFORE, ClaimsSummary.ALL_CLAIMS))
        .hasValue(fresh + person + household);
    assertThat(f.claims(ClaimsSummary.EVIDENCE, Area.SUBSTANCE_USE.headline()).getAsLong())
        .isBetween(1L, 5L);
    assertThat(f.claims(ClaimsSummary.EVIDENCE, Area.CRIME.headline())).hasValue(0);
    assertThat(f.checks()).hasSize(4 + Area.values().length);
    assertThat(f.checks()).filteredOn(c -> c.rule() == Rule.CELL_KEY_PERTURBATION).hasSize(10);
    // the same claims, the same figures
    assertThat(ClaimsSummary.of(claims(), DisclosureRules.DEFAULT, Instant.EPOCH).rows())
        .isEqualTo(f.rows());
  }

  @Test
  void underSuppressionSmallCountsAreHiddenWithAnotherToProtectThem() {
    var f = ClaimsSummary.of(claims(), DisclosureRules.SUPPRESSION, Instant.EPOCH);
    assertThat(f.claims(ClaimsSummary.CLAIMED_BEFORE, ClaimsSummary.NOT_BEFORE)).hasValue(25);
    assertThat(f.claims(ClaimsSummary.CLAIMED_BEFORE, ClaimsSummary.ALL_CLAIMS)).hasValue(40);
    // 5 by household alone is shown; the 3 with substance use are not
    assertThat(f.claims(ClaimsSummary.CLAIMED_BEFORE, ClaimsSummary.SAME_HOUSEHOLD)).hasValue(5);
    assertThat(f.claims(ClaimsSummary.EVIDENCE, Area.SUBSTANCE_USE.headline())).isEmpty();
    assertThat(f.claims(ClaimsSummary.EVIDENCE, Area.HOUSING.headline())).hasValue(30);
    // 39 of 40 would say which one claim lacks it: hidden with its complement
    assertThat(f.claims(ClaimsSummary.EVIDENCE, Area.FINANCIAL_SECURITY.headline())).isEmpty();
  }
}
