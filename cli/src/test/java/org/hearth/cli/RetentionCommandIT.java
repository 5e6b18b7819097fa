package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hearth.analytics.LinkedTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hearth retention run against a configured PostgreSQL: dry run, then destruction. */
class RetentionCommandIT {
  @TempDir Path dir;

  @Test
  void aDryRunCountsAndARunDestroysAndLogs() throws Exception {
    try (LinkedTestDatabase db = LinkedTestDatabase.start(dir.resolve("p"))) {
      try (var c = db.owner();
          var s = c.createStatement()) {
        s.execute(
            "INSERT INTO governance.extracts (partner, dataset, extract_id, period, mode,"
                + " key_version, record_count, received, refused, quarantined, landed, status,"
                + " decided_at) VALUES ('sf', 'supporting-families', 'old', '2024-Q4', 'FULL', 1,"
                + " 1, 1, 0, 0, 1, 'LANDED', now() - interval '14 months')");
        s.execute(
            "INSERT INTO linked.contributions (record_id, partner, dataset, extract_id, sequence,"
                + " household_id, person_id, attributes) VALUES ('r1', 'sf',"
                + " 'supporting-families', 'old', 0, 'h', 'p', '{\"date_closed\":\"2024-10-01\"}')");
      }
      Path config = db.configFile(dir);
      String[] base = {
        "retention", "run", "--config", config.toString(), "--work-dir", dir.resolve("w").toString()
      };
      var dry = CliErrorsTest.run(concat(base, "--dry-run"));
      assertThat(dry.code()).as(dry.err()).isZero();
      assertThat(dry.out()).contains("supporting-families-closed", "1 records would be destroyed");

      var run = CliErrorsTest.run(base);
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).contains("1 records destroyed");
      try (var c = db.owner();
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT (SELECT count(*) FROM linked.contributions),"
                      + " (SELECT sum(records) FROM governance.destruction_log)")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
        assertThat(rs.getLong(2)).isEqualTo(1);
      }
      assertThat(CliErrorsTest.run(base).out()).contains("nothing destroyed");
    }
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
