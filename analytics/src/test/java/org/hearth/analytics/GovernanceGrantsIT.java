package org.hearth.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege on the governance schema (issue 20): the pipeline's role appends to the audit
 * trail and can neither change nor remove it, and a role outside Hearth's reaches nothing.
 */
class GovernanceGrantsIT {
  @TempDir static Path dir;
  static LinkedTestDatabase db;

  @BeforeAll
  static void start() throws SQLException {
    db = LinkedTestDatabase.start(dir);
    String pw = "'" + LinkedTestDatabase.ROLE_PASSWORD + "'";
    db.execute("CREATE ROLE pipeline LOGIN PASSWORD " + pw + " IN ROLE hearth_writer");
    db.execute("CREATE ROLE stranger LOGIN PASSWORD " + pw);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Test
  void thePipelineAppendsToTheAuditTrailAndCannotRewriteIt() throws SQLException {
    try (Connection c = db.as("pipeline");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO governance.incidents VALUES"
              + " ('essex-police', 'police-incidents', 'x-1', 4, 'notes', 'nhs-number', now())"
              + " ON CONFLICT DO NOTHING");
      s.execute(
          "INSERT INTO governance.destruction_log VALUES"
              + " ('test-rule', 'essex-police', 'police-incidents', 3, now(), 'link job')");
      for (String change :
          new String[] {
            "DELETE FROM governance.incidents",
            "UPDATE governance.incidents SET rule = 'none'",
            "TRUNCATE governance.incidents",
            "DELETE FROM governance.destruction_log",
            "UPDATE governance.destruction_log SET records = 0",
          }) {
        assertThatThrownBy(() -> s.execute(change))
            .as(change)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
      }
    }
    // the owner is held by the triggers, short of disabling them
    try (Connection c = db.owner();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("DELETE FROM governance.incidents"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.execute("TRUNCATE governance.destruction_log"))
          .hasMessageContaining("append-only");
    }
    assertThat(count("governance.incidents")).isEqualTo(1);
    assertThat(count("governance.destruction_log")).isEqualTo(1);
  }

  @Test
  void outputChecksAreWrittenOnceAndAuditorsReadThem() throws SQLException {
    db.execute(
        "CREATE ROLE checker LOGIN PASSWORD '"
            + LinkedTestDatabase.ROLE_PASSWORD
            + "' IN ROLE hearth_auditor");
    try (Connection c = db.as("pipeline")) {
      new org.hearth.analytics.disclosure.Release(
              "r-1",
              "school-readiness",
              java.time.Instant.EPOCH,
              org.hearth.analytics.disclosure.DisclosureRules.DEFAULT,
              java.util.List.of(
                  new org.hearth.analytics.disclosure.OutputCheck(
                      "published.school_readiness_by_ward",
                      "All wards; children",
                      "12",
                      org.hearth.analytics.disclosure.OutputCheck.Rule.SUM_OF_PUBLISHED_CELLS,
                      "a sum")))
          .record(c);
      try (Statement s = c.createStatement()) {
        for (String change :
            new String[] {
              "DELETE FROM governance.output_checks",
              "UPDATE governance.releases SET digest = ''",
              "TRUNCATE governance.releases CASCADE",
            }) {
          assertThatThrownBy(() -> s.execute(change))
              .as(change)
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("permission denied");
        }
      }
    }
    try (Connection c = db.owner();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("UPDATE governance.output_checks SET published = '13'"))
          .hasMessageContaining("append-only");
    }
    try (Connection c = db.as("checker")) {
      assertThat(
              LinkedTestDatabase.count(
                  c,
                  "SELECT count(*) FROM governance.output_checks o JOIN governance.releases r"
                      + " USING (release_id) WHERE r.ptable LIKE 'hearth-ptable-1 (%'"
                      + " AND o.rule = 'sum-of-published-cells'"))
          .isEqualTo(1);
    }
  }

  @Test
  void aRoleOutsideHearthsCannotAskWhoReadsWhichPartner() throws SQLException {
    try (Connection c = db.as("stranger");
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () -> s.executeQuery("SELECT governance.reads_partner('essex-police', 'stranger')"))
          .hasMessageContaining("permission denied");
    }
    try (Connection c = db.as("pipeline");
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT governance.reads_partner('essex-police', 'pipeline')")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isFalse();
    }
  }

  private static long count(String table) throws SQLException {
    try (Connection c = db.owner()) {
      return LinkedTestDatabase.count(c, "SELECT count(*) FROM " + table);
    }
  }
}
