package org.hearth.analytics.domesticabuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.hearth.analytics.Database;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
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
  EmbeddedPostgresServer pg;

  @BeforeAll
  void start() throws Exception {
    pg =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO));
    try (var pool = Database.pool(pg.jdbcUrl(), pg.user(), "")) {
      // a district's reader role that existed before the needs-assessment view was added
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .createSchemas(true)
          .schemas("hearth_meta")
          .target("6")
          .load()
          .migrate();
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "SELECT governance.add_partner_reader('basildon-council', 'hearth_reader_basildon')");
      }
      Database.migrate(pool);
    }
    try (Connection c = owner();
        Statement s = c.createStatement()) {
      int n = 0;
      for (int i = 0; i < 23; i++) {
        insert(
            c,
            "basildon-council",
            n++,
            "2026-02-1" + (i % 9),
            i % 3 == 0 ? "Couple" : "Single parent with children");
      }
      for (int i = 0; i < 8; i++) {
        insert(
            c,
            "castle-point-council",
            n++,
            "2026-03-01",
            i < 6 ? "Couple" : "Single parent with children");
      }
      insert(c, "castle-point-council", n++, "2026-05-20", "Couple");
      insert(c, "castle-point-council", n++, null, "Couple");
      s.execute(
          "SELECT governance.add_partner_reader('castle-point-council', 'hearth_reader_castle_point')");
      s.execute("CREATE ROLE basildon_officer LOGIN IN ROLE hearth_reader_basildon");
      s.execute("CREATE ROLE castle_point_officer LOGIN IN ROLE hearth_reader_castle_point");
      s.execute("CREATE ROLE county_officer LOGIN IN ROLE hearth_analyst");
      s.execute("CREATE ROLE needs_publisher LOGIN IN ROLE hearth_publisher");
    }
  }

  @AfterAll
  void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  private Connection owner() throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "");
  }

  private Connection as(String role) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), role, "");
  }

  private static void insert(Connection c, String district, int n, String applied, String type)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO linked.contributions (record_id, partner, dataset, extract_id, sequence,"
                + " household_id, person_id, attributes)"
                + " VALUES (?, ?, 'da-homelessness', 'x', ?, ?, ?, ?::jsonb)")) {
      st.setString(1, "r" + n);
      st.setString(2, district);
      st.setInt(3, n);
      st.setString(4, "h" + n);
      st.setString(5, "p" + n);
      st.setString(
          6,
          "{\"household_type\":\""
              + type
              + "\",\"number_of_children\":\"2\",\"age\":\"31\""
              + (applied == null ? "" : ",\"date_of_application\":\"" + applied + "\"")
              + "}");
      st.executeUpdate();
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void eachDistrictSeesOnlyItsOwnCasesAndTheCountySeesAll() throws Exception {
    try (Connection basildon = as("basildon_officer");
        Connection castlePoint = as("castle_point_officer");
        Connection county = as("county_officer")) {
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
    try (Connection county = owner()) {
      DomesticAbuseNeeds.publish(
          county, DomesticAbuseNeeds.compute(county, DisclosureRules.DEFAULT));
    }
    try (Connection press = as("needs_publisher")) {
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
