package org.hearth.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.analytics.LinkedTestDatabase.count;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Random;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.schoolreadiness.Factor;
import org.hearth.analytics.schoolreadiness.SchoolReadiness;
import org.hearth.analytics.schoolreadiness.SchoolReadinessReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' database on a real PostgreSQL server: who may read what, and the school-readiness
 * figures computed from the linked views and published under disclosure control.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalystDatabaseIT {
  @TempDir static Path dir;
  LinkedTestDatabase db;

  @BeforeAll
  void start() throws Exception {
    db = LinkedTestDatabase.start(dir);
    try (Connection c = db.owner();
        Statement s = c.createStatement()) {
      // two districts' homelessness cases in the same households as the county's children
      Random r = new Random(5);
      int n = 0;
      for (int h = 0; h < 120; h++) {
        String ward = h % 3 == 0 ? "E05000001" : "E05000002";
        boolean abuse = h % 4 == 0;
        if (abuse) {
          insert("basildon-council", "da-homelessness", "h" + h, null, "{}");
        }
        if (h % 5 == 0) {
          insert("castle-point-council", "da-homelessness", "h" + h, null, "{}");
        }
        // children in abuse households are less often ready
        boolean ready = r.nextDouble() < (abuse ? 0.35 : 0.75);
        insert(
            "essex-county-council",
            "school-readiness",
            "h" + h,
            "p" + n++,
            "{\"good_level_of_development\":\""
                + (ready ? "Y" : "N")
                + "\",\"postcode_ward\":\""
                + ward
                + "\",\"sex\":\"F\",\"birth_month\":\"2020-01\"}");
      }
      // a ward with three children: small enough to be suppressed
      for (int i = 0; i < 3; i++) {
        insert(
            "essex-county-council",
            "school-readiness",
            "s" + i,
            "q" + i,
            "{\"good_level_of_development\":\"Y\",\"postcode_ward\":\"E05000003\"}");
      }
      s.execute(
          "SELECT governance.add_partner_reader('basildon-council', 'hearth_reader_basildon')");
      s.execute(
          "SELECT governance.add_partner_reader('castle-point-council', 'hearth_reader_castle_point')");
      s.execute(
          "CREATE ROLE basildon_analyst LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_reader_basildon");
      s.execute(
          "CREATE ROLE castle_point_analyst LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_reader_castle_point");
      s.execute(
          "CREATE ROLE county_analyst LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_analyst");
      s.execute(
          "CREATE ROLE press_officer LOGIN PASSWORD '"
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

  private void insert(String partner, String dataset, String household, String person, String json)
      throws SQLException {
    db.contribution(
        partner + "/" + dataset + "/" + household + "/" + person,
        partner,
        dataset,
        household,
        person,
        json);
  }

  @Test
  void aDistrictReadsItsOwnRowsAndNoneOfAnotherDistricts() throws Exception {
    try (Connection basildon = db.as("basildon_analyst");
        Connection castlePoint = db.as("castle_point_analyst");
        Connection county = db.as("county_analyst")) {
      assertThat(count(basildon, "SELECT count(*) FROM linked.contributions")).isEqualTo(30);
      assertThat(
              count(
                  basildon,
                  "SELECT count(*) FROM linked.contributions WHERE partner <> 'basildon-council'"))
          .isZero();
      // through the views as well: they run with the reader's rights
      assertThat(count(basildon, "SELECT sum(records) FROM linked.households")).isEqualTo(30);
      assertThat(
              count(
                  castlePoint,
                  "SELECT count(*) FROM linked.current_contributions"
                      + " WHERE partner = 'basildon-council'"))
          .isZero();
      assertThat(count(castlePoint, "SELECT count(*) FROM linked.contributions")).isEqualTo(24);
      assertThat(count(county, "SELECT count(*) FROM linked.contributions")).isEqualTo(177);
      // a district cannot grant itself another district's rows
      assertThatThrownBy(
              () -> {
                try (Statement s = basildon.createStatement()) {
                  s.execute(
                      "SELECT governance.add_partner_reader('castle-point-council',"
                          + " 'hearth_reader_basildon')");
                }
              })
          .isInstanceOf(SQLException.class);
    }
  }

  @Test
  void thePublisherReadsPublishedFiguresAndNothingLinked() throws Exception {
    // threshold suppression, the setting: the small ward is hidden
    try (Connection c = db.owner()) {
      SchoolReadiness.publish(
          c, SchoolReadiness.compute(c, Optional.empty(), DisclosureRules.SUPPRESSION));
    }
    try (Connection press = db.as("press_officer")) {
      assertThatThrownBy(() -> count(press, "SELECT count(*) FROM linked.contributions"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> count(press, "SELECT count(*) FROM linked.children"))
          .isInstanceOf(SQLException.class);
      assertThat(count(press, "SELECT count(*) FROM published.school_readiness_by_ward"))
          .isEqualTo(4);
      // the three-child ward is suppressed, and so is enough else that it cannot be recovered
      assertThat(
              count(
                  press,
                  "SELECT count(*) FROM published.school_readiness_by_ward"
                      + " WHERE ward = 'E05000003' AND children IS NULL"))
          .isEqualTo(1);
      assertThat(
              count(
                  press,
                  "SELECT count(*) FROM published.school_readiness_by_ward WHERE children < 5"
                      + " OR ready < 5 OR not_ready < 5"))
          .isZero();
    }
    // cell-key perturbation, the default: every ward is published, perturbed, and says so
    try (Connection c = db.owner()) {
      SchoolReadiness.publish(
          c, SchoolReadiness.compute(c, Optional.empty(), DisclosureRules.DEFAULT));
    }
    try (Connection press = db.as("press_officer")) {
      assertThat(
              count(
                  press,
                  "SELECT count(*) FROM published.school_readiness_by_ward WHERE children IS NOT"
                      + " NULL AND disclosure = 'cell-key perturbation, hearth-ptable-1'"))
          .isEqualTo(4);
      // the three-child ward: 3 ready, perturbed by at most 2
      assertThat(
              count(
                  press,
                  "SELECT ready FROM published.school_readiness_by_ward WHERE ward = 'E05000003'"))
          .isBetween(1L, 5L);
    }
  }

  @Test
  void householdCircumstancesReachTheChildrenLivingThere() throws Exception {
    try (Connection c = db.owner()) {
      // exact counts under threshold suppression
      var exact = SchoolReadiness.compute(c, Optional.empty(), DisclosureRules.SUPPRESSION);
      var abuseExact =
          exact.factors().stream()
              .filter(r -> r.factor() == Factor.DOMESTIC_ABUSE)
              .findFirst()
              .get();
      // 48 of the 120 households had a district's homelessness case for domestic abuse
      assertThat(abuseExact.withChildren()).hasValue(48);
      var f = SchoolReadiness.compute(c, Optional.empty(), DisclosureRules.DEFAULT);
      var abuse =
          f.factors().stream().filter(r -> r.factor() == Factor.DOMESTIC_ABUSE).findFirst().get();
      // perturbed: ready and not ready among them each move by at most 2
      assertThat(abuse.withChildren().getAsLong()).isBetween(44L, 52L);
      assertThat(abuse.riskRatio()).isPresent();
      assertThat(abuse.riskRatio().get().low()).isGreaterThan(1.0);
      String html = SchoolReadinessReport.html(f);
      assertThat(html).contains("<svg", "Methods", "E05000001", "hearth-ptable-1");
      var oneWard = SchoolReadiness.compute(c, Optional.of("E05000001"), DisclosureRules.DEFAULT);
      assertThat(oneWard.wards())
          .extracting(SchoolReadiness.WardRow::ward)
          .containsExactly("E05000001");
    }
  }
}
