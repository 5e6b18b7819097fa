package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hearth.analytics.LinkedTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hearth report school-readiness against a configured PostgreSQL holding linked rows. */
class ReportCommandIT {
  @TempDir Path dir;

  @Test
  void writesTheReportAndPublishesProtectedFigures() throws Exception {
    try (LinkedTestDatabase db = LinkedTestDatabase.start(dir.resolve("p"))) {
      List<LinkedTestDatabase.Row> children = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        children.add(
            new LinkedTestDatabase.Row(
                "r" + i,
                "essex-county-council",
                "school-readiness",
                "h" + i,
                "p" + i,
                "{\"good_level_of_development\":\""
                    + (i % 3 == 0 ? "N" : "Y")
                    + "\",\"postcode_ward\":\""
                    + (i < 57 ? "E05000001" : "E05000002")
                    + "\"}"));
      }
      db.contributions(children);
      Path config = db.configFile(dir);
      Path html = dir.resolve("out").resolve("sr.html");
      var r =
          CliErrorsTest.run(
              "report",
              "school-readiness",
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString(),
              "--out",
              html.toString());
      assertThat(r.code()).as(r.err()).isZero();
      // three children in the second ward: suppressed, and the first with them
      assertThat(r.out()).containsPattern("E05000002 +suppressed").contains("All wards");
      assertThat(html).exists().content().contains("<svg", "suppressed");
      try (var c = db.owner();
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT children FROM published.school_readiness_by_ward WHERE ward = 'All wards'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(60);
      }

      var oneWard =
          CliErrorsTest.run(
              "report",
              "school-readiness",
              "--ward",
              "E05000001",
              "--min-count",
              "3",
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString(),
              "--out",
              html.toString());
      assertThat(oneWard.code()).as(oneWard.err()).isZero();
      assertThat(oneWard.out()).contains("in ward E05000001").contains("counts below 3");

      List<LinkedTestDatabase.Row> cases = new ArrayList<>();
      for (int i = 0; i < 14; i++) {
        cases.add(
            new LinkedTestDatabase.Row(
                "d" + i,
                i < 11 ? "basildon-council" : "rochford-council",
                "da-homelessness",
                "h" + i,
                "p" + i,
                "{\"household_type\":\"Couple\",\"date_of_application\":\"2026-04-02\"}"));
      }
      db.contributions(cases);
      var needs =
          CliErrorsTest.run(
              "report",
              "domestic-abuse",
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString());
      assertThat(needs.code()).as(needs.err()).isZero();
      // rochford's three are hidden, and basildon's eleven with them (the total would give them)
      assertThat(needs.out())
          .contains("2026-Q2")
          .containsPattern("\\n  rochford-council +\\* +\\*")
          .containsPattern("\\n  basildon-council +\\* +\\*")
          .containsPattern("\\n  All districts +14 +14")
          .contains("Published to published.domestic_abuse_needs");
    }
  }

  @Test
  void withoutADatabaseItSaysWhatToConfigure() {
    var r = CliErrorsTest.run("report", "school-readiness", "--work-dir", dir.toString());
    assertThat(r.code()).isEqualTo(Hearth.USAGE);
    assertThat(r.err()).contains("hearth.postgres.jdbc-url");
  }
}
