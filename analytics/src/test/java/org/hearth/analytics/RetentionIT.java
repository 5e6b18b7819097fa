package org.hearth.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hearth.analytics.retention.Retention;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on a real PostgreSQL: the seeded rule destroys closed Supporting Families records 12
 * months after the extract that last carried them, leaves everything else, logs the destruction,
 * and an auditor can read the log but not the linked data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT {
  @TempDir static Path dir;
  EmbeddedPostgresServer pg;

  @BeforeAll
  void start() {
    pg =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO));
    try (var pool = Database.pool(pg.jdbcUrl(), pg.user(), pg.password())) {
      Database.migrate(pool);
    }
  }

  @AfterAll
  void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  Connection owner() throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  @Test
  void closedFamiliesGoAfterTwelveMonthsAndTheDestructionIsLogged() throws Exception {
    try (Connection c = owner()) {
      extract(c, "sf", "supporting-families", "sf-old", "13 months");
      extract(c, "sf", "supporting-families", "sf-recent", "2 months");
      extract(c, "council", "housing-benefits", "hb-old", "30 months");
      row(
          c,
          "closed-old",
          "sf",
          "supporting-families",
          "sf-old",
          "{\"date_closed\":\"2024-01-05\"}");
      row(c, "open-old", "sf", "supporting-families", "sf-old", "{\"services\":\"early-help\"}");
      row(c, "closed-recent", "sf", "supporting-families", "sf-recent", "{\"date_closed\":\"x\"}");
      row(c, "tombstone-old", "sf", "supporting-families", "sf-old", null);
      row(c, "housing-old", "council", "housing-benefits", "hb-old", "{\"date_closed\":\"x\"}");

      List<Retention.Destroyed> planned = Retention.run(c, true);
      assertThat(planned)
          .containsExactly(
              new Retention.Destroyed(
                  "supporting-families-closed", "sf", "supporting-families", 2));
      assertThat(ids(c)).hasSize(5);

      List<Retention.Destroyed> done = Retention.run(c, false);
      assertThat(done).isEqualTo(planned);
      assertThat(ids(c)).containsExactly("closed-recent", "housing-old", "open-old");
      assertThat(Retention.run(c, false)).isEmpty();
      assertThat(
              strings(
                  c,
                  "SELECT concat_ws(':', rule, partner, dataset, records, destroyed_by)"
                      + " FROM governance.destruction_log"))
          .containsExactly(
              "supporting-families-closed:sf:supporting-families:2:hearth retention run");
    }
  }

  @Test
  void anAuditorReadsTheLogAndTheRulesButNoLinkedData() throws Exception {
    try (Connection c = owner();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE ROLE ig_auditor LOGIN PASSWORD '"
              + LinkedTestDatabase.ROLE_PASSWORD
              + "' IN ROLE hearth_auditor");
    }
    try (Connection a =
            DriverManager.getConnection(
                pg.jdbcUrl(), "ig_auditor", LinkedTestDatabase.ROLE_PASSWORD);
        Statement s = a.createStatement()) {
      s.executeQuery("SELECT count(*) FROM governance.destruction_log").close();
      s.executeQuery("SELECT count(*) FROM governance.retention_rules").close();
      s.executeQuery("SELECT count(*) FROM governance.subject_requests").close();
      assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM linked.contributions"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  private static void extract(Connection c, String partner, String dataset, String id, String age)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO governance.extracts (partner, dataset, extract_id, period, mode,"
                + " key_version, record_count, received, refused, quarantined, landed, status,"
                + " decided_at) VALUES (?, ?, ?, '2024-Q4', 'FULL', 1, 1, 1, 0, 0, 1, 'LANDED',"
                + " now() - ?::interval)")) {
      st.setString(1, partner);
      st.setString(2, dataset);
      st.setString(3, id);
      st.setString(4, age);
      st.execute();
    }
  }

  private static void row(
      Connection c, String id, String partner, String dataset, String extract, String json)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO linked.contributions (record_id, partner, dataset, extract_id, sequence,"
                + " household_id, person_id, attributes, deleted_at)"
                + " VALUES (?, ?, ?, ?, 0, 'h', 'p', ?::jsonb, CASE WHEN ? THEN now() END)")) {
      st.setString(1, id);
      st.setString(2, partner);
      st.setString(3, dataset);
      st.setString(4, extract);
      st.setString(5, json);
      st.setBoolean(6, json == null);
      st.execute();
    }
  }

  private static List<String> ids(Connection c) throws SQLException {
    return strings(c, "SELECT record_id FROM linked.contributions ORDER BY record_id");
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
