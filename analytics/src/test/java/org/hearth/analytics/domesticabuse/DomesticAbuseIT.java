package org.hearth.analytics.domesticabuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.analytics.LinkedTestDatabase.count;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.hearth.analytics.LinkedTestDatabase;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The domestic-abuse needs assessment on a real PostgreSQL server: districts never see each other's
 * cases, the county sees all, and only suppressed aggregates reach the publisher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomesticAbuseIT {
  @TempDir static Path dir;
  LinkedTestDatabase db;

  @BeforeAll
  void start() throws Exception {
    // a district's reader role that existed before the needs-assessment view was added
    db = LinkedTestDatabase.start(dir, "6");
    db.execute(
        "SELECT governance.add_partner_reader('basildon-council', 'hearth_reader_basildon')");
    db.migrate(null);
    try (Connection c = db.owner();
        Statement s = c.createStatement()) {
      int n = 0;
      for (int i = 0; i < 23; i++) {
        insert(
            "basildon-council",
            n++,
            "2026-02-1" + (i % 9),
            i % 3 == 0 ? "Couple" : "Single parent with children");
      }
      for (int i = 0; i < 8; i++) {
        insert(
            "castle-point-council",
            n++,
            "2026-03-01",
            i < 6 ? "Couple" : "Single parent with children");
      }
      insert("castle-point-council", n++, "2026-05-20", "Couple");
      insert("castle-point-council", n++, null, "Couple");
      s.execute(
          "SELECT governance.add_partner_reader('castle-point-council', 'hearth_reader_castle_point')");
      s.execute(
          "CREATE ROLE basildon_officer LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_reader_basildon");
      s.execute(
          "CREATE ROLE castle_point_officer LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_reader_castle_point");
      s.execute(
          "CREATE ROLE county_officer LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_analyst");
      s.execute(
          "CREATE ROLE needs_publisher LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_publisher");
    }
  }

  @AfterAll
  void stop() {
    if (db != null) {
      db.close();
    }
  }

  private void insert(String district, int n, String applied, String type) throws SQLException {
    db.contribution(
        "r" + n,
        district,
        "da-homelessness",
        "h" + n,
        "p" + n,
        "{\"household_type\":\""
            + type
            + "\",\"number_of_children\":\"2\",\"age\":\"31\""
            + (applied == null ? "" : ",\"date_of_application\":\"" + applied + "\"")
            + "}");
  }

  @Test
  void eachDistrictSeesOnlyItsOwnCasesAndTheCountySeesAll() throws Exception {
    try (Connection basildon = db.as("basildon_officer");
        Connection castlePoint = db.as("castle_point_officer");
        Connection county = db.as("county_officer")) {
      assertThat(count(basildon, "SELECT count(*) FROM linked.domestic_abuse_cases")).isEqualTo(23);
      assertThat(
              count(
                  basildon,
                  "SELECT count(*) FROM linked.domestic_abuse_cases"
                      + " WHERE district <> 'basildon-council'"))
          .isZero();
      assertThat(count(castlePoint, "SELECT count(*) FROM linked.domestic_abuse_cases"))
          .isEqualTo(10);
      assertThat(count(county, "SELECT count(*) FROM linked.domestic_abuse_cases")).isEqualTo(33);
      assertThat(
              count(
                  county,
                  "SELECT count(*) FROM linked.domestic_abuse_cases"
                      + " WHERE quarter = '2026-Q1' AND children = 2 AND applicant_age = 31"))
          .isEqualTo(31);
      // a district computing the assessment counts only its own cases
      DomesticAbuseNeeds.Figures own =
          DomesticAbuseNeeds.compute(castlePoint, DisclosureRules.DEFAULT);
      assertThat(own.quarters().get(0).districts()).containsExactly("castle-point-council");
    }
  }

  @Test
  void thePublisherReadsOnlySuppressedAggregates() throws Exception {
    // threshold suppression, the setting
    try (Connection county = db.owner()) {
      DomesticAbuseNeeds.publish(
          county, DomesticAbuseNeeds.compute(county, DisclosureRules.SUPPRESSION));
    }
    try (Connection press = db.as("needs_publisher")) {
      assertThat(
              count(
                  press,
                  "SELECT applications FROM published.domestic_abuse_needs WHERE quarter = '2026-Q1'"
                      + " AND district = 'All districts' AND household_type = 'All household types'"))
          .isEqualTo(31);
      assertThat(
              count(
                  press,
                  "SELECT count(*) FROM published.domestic_abuse_needs WHERE applications < 5"))
          .isZero();
      // castle point's two single-parent cases are hidden, and so is enough else to keep them so
      assertThat(
              count(
                  press,
                  "SELECT count(*) FROM published.domestic_abuse_needs WHERE quarter = '2026-Q1'"
                      + " AND district = 'castle-point-council' AND applications IS NULL"))
          .isGreaterThanOrEqualTo(2);
      // the one Q2 case is a table of its own, all of it suppressed
      assertThat(
              count(
                  press,
                  "SELECT count(*) FROM published.domestic_abuse_needs WHERE quarter = '2026-Q2'"
                      + " AND applications IS NOT NULL"))
          .isZero();
      assertThatThrownBy(() -> count(press, "SELECT count(*) FROM linked.domestic_abuse_cases"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }
  }
}
