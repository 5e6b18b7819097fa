package org.hearth.analytics.supportingfamilies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hearth.analytics.LinkedTestDatabase;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Area;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Claim;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Link;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** "Have we claimed this family before?" over a linked claims register in real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsCheckIT {
  @TempDir static Path dir;
  LinkedTestDatabase db;
  int n;

  @BeforeAll
  void start() throws Exception {
    db = LinkedTestDatabase.start(dir);
    // earlier claims: family A's mother in h1 (2025-Q2); a claim at household h2 (2025-Q3)
    claim("CL-2025Q2-00001", "2025-Q2", "h1", "mother-a");
    claim("CL-2025Q3-00002", "2025-Q3", "h2", "someone-else");
    // this quarter: A again, now moved to h3; B at h2 with new people; C never claimed;
    // D claimed for in a later period only (not "before")
    claim("CL-2026Q1-00001", "2026-Q1", "h3", "mother-a");
    claim("CL-2026Q1-00001", "2026-Q1", "h3", "child-a");
    claim("CL-2026Q1-00002", "2026-Q1", "h2", "father-b");
    claim("CL-2026Q1-00003", "2026-Q1", "h4", "mother-c");
    claim("CL-2026Q1-00004", "2026-Q1", "h5", "mother-d");
    claim("CL-2026Q2-00001", "2026-Q2", "h5", "mother-d");
    // partners' records at the households
    row("essex-police", "police-incidents", "h3", "mother-a", "{\"incident_type\":\"DOMESTIC\"}");
    row("essex-treatment-service", "drug-alcohol-treatment", "h3", "mother-a", "{}");
    row(
        "essex-county-council",
        "school-readiness",
        "h4",
        "child-c",
        "{\"good_level_of_development\":\"N\"}");
    row("basildon-council", "housing-benefits", "h4", null, "{\"total_arrears\":\"120.50\"}");
    row("essex-police", "police-incidents", "h5", null, "{\"incident_type\":\"ASB\"}");
  }

  @AfterAll
  void stop() {
    if (db != null) {
      db.close();
    }
  }

  private void claim(String ref, String period, String household, String person)
      throws SQLException {
    row(
        "essex-county-council",
        "supporting-families-claims",
        household,
        person,
        "{\"claim_reference\":\""
            + ref
            + "\",\"claim_period\":\""
            + period
            + "\",\"outcome_areas_claimed\":\"Safe from domestic abuse\"}");
  }

  private void row(String partner, String dataset, String household, String person, String json)
      throws SQLException {
    db.contribution("r" + n++, partner, dataset, household, person, json);
  }

  @Test
  void findsEarlierClaimsByPersonOrHouseholdAndTheEvidenceAtTheFamilysHouseholds()
      throws Exception {
    ClaimsCheck.Result r;
    try (Connection c = db.owner()) {
      r = ClaimsCheck.check(c, Optional.of("2026-Q1"));
    }
    Map<String, Claim> claims =
        r.claims().stream().collect(Collectors.toMap(Claim::reference, Function.identity()));
    assertThat(claims).hasSize(4);
    assertThat(r.claimedBefore()).isEqualTo(2);

    Claim a = claims.get("CL-2026Q1-00001");
    assertThat(a.members()).isEqualTo(2);
    assertThat(a.claimedBefore())
        .containsExactly(new ClaimsCheck.Earlier("CL-2025Q2-00001", "2025-Q2", Link.SAME_PERSON));
    assertThat(a.evidence()).containsExactlyInAnyOrder(Area.DOMESTIC_ABUSE, Area.SUBSTANCE_USE);

    assertThat(claims.get("CL-2026Q1-00002").claimedBefore())
        .containsExactly(
            new ClaimsCheck.Earlier("CL-2025Q3-00002", "2025-Q3", Link.SAME_HOUSEHOLD));
    assertThat(claims.get("CL-2026Q1-00002").evidence()).isEmpty();

    Claim c = claims.get("CL-2026Q1-00003");
    assertThat(c.wasClaimedBefore()).isFalse();
    assertThat(c.evidence())
        .containsExactlyInAnyOrder(Area.EARLY_YEARS, Area.HOUSING, Area.FINANCIAL_SECURITY);
    // a later claim is not an earlier one; anti-social behaviour is no headline area here
    assertThat(claims.get("CL-2026Q1-00004").wasClaimedBefore()).isFalse();
    assertThat(claims.get("CL-2026Q1-00004").evidence()).isEmpty();

    Path csv = dir.resolve("check.csv");
    ClaimsCheck.writeCsv(r, csv);
    assertThat(Files.readAllLines(csv))
        .hasSize(5)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "CL-2026Q1-00001,2026-Q1,2,Y,\"CL-2025Q2-00001 (2025-Q2, same person)\""));
  }

  @Test
  void theLatestPeriodIsCheckedByDefault() throws Exception {
    try (Connection c = db.owner()) {
      ClaimsCheck.Result r = ClaimsCheck.check(c, Optional.empty());
      assertThat(r.period()).isEqualTo("2026-Q2");
      // D was claimed in 2026-Q1, before this one
      assertThat(r.claims())
          .singleElement()
          .satisfies(x -> assertThat(x.wasClaimedBefore()).isTrue());
      assertThat(r.periods()).containsExactly("2025-Q2", "2025-Q3", "2026-Q1", "2026-Q2");
    }
  }
}
