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
      // threshold suppression, the setting
      var r =
          CliErrorsTest.run(
              "report",
              "school-readiness",
              "--disclosure",
              "suppression",
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
              "--disclosure",
              "suppression",
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
              "--disclosure",
              "suppression",
              "--output-check",
              dir.resolve("out").resolve("needs.output-check.md").toString(),
              "--out",
              dir.resolve("out").resolve("needs.html").toString(),
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
      assertThat(dir.resolve("out").resolve("needs.output-check.md"))
          .content()
          .contains("threshold-suppressed", "quarter=2026-Q2; district=rochford-council");

      // cell-key perturbation, the default: every count shown, perturbed, with its output check
      var perturbed =
          CliErrorsTest.run(
              "report",
              "school-readiness",
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString(),
              "--out",
              html.toString());
      assertThat(perturbed.code()).as(perturbed.err()).isZero();
      assertThat(perturbed.out())
          .contains("every count perturbed: cell-key perturbation, hearth-ptable-1")
          .containsPattern("\\n  E05000002 +\\d+ ")
          .contains("Output check written to");
      assertThat(dir.resolve("out").resolve("sr.output-check.md"))
          .content()
          .contains(
              "# Output check: school-readiness",
              "hearth-ptable-1",
              "| ward=E05000002; ready |",
              "cell-key-perturbation");
      try (var c = db.owner();
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT b.children, b.disclosure, r.method, (SELECT count(*) FROM"
                      + " governance.output_checks o WHERE o.release_id = r.release_id)"
                      + " FROM published.school_readiness_by_ward b JOIN governance.releases r"
                      + " USING (release_id) WHERE b.ward = 'All wards'")) {
        assertThat(rs.next()).isTrue();
        // two wards, ready and not ready each perturbed by at most 2
        assertThat(rs.getLong(1)).isBetween(52L, 68L);
        assertThat(rs.getString(2)).isEqualTo("cell-key perturbation, hearth-ptable-1");
        assertThat(rs.getString(3)).isEqualTo("cell-key-perturbation");
        // two wards and the total, eleven circumstances, and the two counts of children left out
        assertThat(rs.getLong(4)).isEqualTo(3 * 4 + 11 * 5 + 2);
      }

      var effect =
          CliErrorsTest.run(
              "report",
              "disclosure-effect",
              "--trials",
              "50",
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString());
      assertThat(effect.code()).as(effect.err()).isZero();
      assertThat(effect.out())
          .contains("60 children with a known ward, 2 wards", "Republication attack")
          .containsPattern("changed from the true count +\\d+\\.\\d%");
      var k =
          CliErrorsTest.run(
              "report",
              "k-anonymity",
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString());
      assertThat(k.code()).as(k.err()).isZero();
      assertThat(k.out()).contains("| `linked.children` | ward, sex | 60 |");
    }
  }

  @Test
  void wardsByNameAreaPeriodChildrenLeftOutAndAWardThatDoesNotExist() throws Exception {
    try (LinkedTestDatabase db = LinkedTestDatabase.start(dir.resolve("p"))) {
      List<LinkedTestDatabase.Row> rows = new ArrayList<>();
      for (int i = 0; i < 76; i++) {
        String ward = i < 50 ? "E05000001" : i < 70 ? "E05000002" : null;
        rows.add(
            new LinkedTestDatabase.Row(
                "r" + i,
                "essex-county-council",
                "school-readiness",
                "h" + i,
                "p" + i,
                "{\"good_level_of_development\":\""
                    + (i % 3 == 0 ? "N" : "Y")
                    + "\""
                    + (ward == null ? "" : ",\"postcode_ward\":\"" + ward + "\"")
                    + "}"));
      }
      for (int i = 0; i < 15; i++) {
        rows.add(
            new LinkedTestDatabase.Row(
                "d" + i,
                i < 12 ? "basildon-council" : "rochford-council",
                "da-homelessness",
                "hd" + i,
                "pd" + i,
                "{\"household_type\":\"Couple\",\"date_of_application\":\"2026-02-02\"}"));
      }
      db.contributions(rows);
      db.execute(
          "INSERT INTO governance.extracts (partner, dataset, extract_id, period, mode,"
              + " key_version, record_count, received, refused, quarantined, landed, status,"
              + " decided_at) VALUES ('essex-county-council', 'school-readiness', 'x', '2026-Q1',"
              + " 'FULL', 1, 76, 76, 0, 0, 76, 'LANDED', now())");
      Path config = db.configFile(dir);
      String[] common = {"--config", config.toString(), "--work-dir", dir.resolve("w").toString()};
      Path wards =
          java.nio.file.Files.writeString(
              dir.resolve("ward-names.csv"),
              "WD24CD,WD24NM,LAD24CD,LAD24NM\r\nE05000001,Marshside,E07000001,Basildon\r\n"
                  + "E05000002,Pitsea North,E07000001,Basildon\r\n");
      Path partners =
          java.nio.file.Files.writeString(
              dir.resolve("partner-names.csv"),
              "partner,name\nbasildon-council,Basildon Council\n");

      var names =
          CliErrorsTest.run(
              concat(
                  common,
                  "report",
                  "names",
                  "--wards",
                  wards.toString(),
                  "--partners",
                  partners.toString()));
      assertThat(names.code()).as(names.err()).isZero();
      assertThat(names.out()).contains("Loaded 2 ward names", "1 partner names");

      // a ward that does not exist is an error naming wards that do, not an empty table
      Path html = dir.resolve("out").resolve("sr.html");
      var nowhere =
          CliErrorsTest.run(
              concat(
                  common,
                  "report",
                  "school-readiness",
                  "--ward",
                  "E05999999",
                  "--out",
                  html.toString()));
      assertThat(nowhere.code()).isEqualTo(Hearth.USAGE);
      assertThat(nowhere.err())
          .contains("--ward E05999999: no assessed children")
          .contains("E05000001 (Marshside)");
      assertThat(html).doesNotExist();

      // by name, case ignored
      var byName =
          CliErrorsTest.run(
              concat(
                  common,
                  "report",
                  "school-readiness",
                  "--ward",
                  "marshside",
                  "--disclosure",
                  "suppression",
                  "--out",
                  html.toString()));
      assertThat(byName.code()).as(byName.err()).isZero();
      assertThat(byName.out())
          .contains("in ward Marshside (E05000001)", "Area: ward Marshside (E05000001), Basildon");

      var all =
          CliErrorsTest.run(
              concat(
                  common,
                  "report",
                  "school-readiness",
                  "--disclosure",
                  "suppression",
                  "--out",
                  html.toString()));
      assertThat(all.code()).as(all.err()).isZero();
      assertThat(all.out())
          .contains("Area: Basildon (2 wards with assessed children)")
          .contains("extracts for 2026-Q1")
          .contains("left out (no known ward): 6")
          .containsPattern("\\n  Pitsea North \\(E05000002\\) +20 +")
          .containsPattern("\\n  All wards +70 +\\d+ +\\d+ +\\d+\\.\\d +\\d+\\.\\d-\\d+\\.\\d");
      assertThat(html)
          .content()
          .contains("<td>Marshside</td><td class=\"code\">E05000001</td>")
          .contains("left out (no known ward): 6", "95% CI", "viewBox");
      assertThat(dir.resolve("out").resolve("sr.output-check.md"))
          .content()
          .contains("without_ward");

      // the domestic-abuse page and CSV name the council where a name is loaded
      Path da = dir.resolve("out").resolve("da.html");
      var needs =
          CliErrorsTest.run(
              concat(
                  common,
                  "report",
                  "domestic-abuse",
                  "--out",
                  da.toString(),
                  "--output-check",
                  dir.resolve("out").resolve("da.output-check.md").toString()));
      assertThat(needs.code()).as(needs.err()).isZero();
      assertThat(needs.out()).contains("\n  Basildon Council ", "\n  rochford-council ");
      assertThat(da).content().contains("<td>Basildon Council</td>", "Data period");
      assertThat(dir.resolve("out").resolve("da.csv"))
          .content()
          .startsWith("quarter,district,household_type,applications,partner,disclosure")
          .contains("2026-Q1,Basildon Council,Couple,");
    }
  }

  private static String[] concat(String[] tail, String... head) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void withoutADatabaseItSaysWhatToConfigure() {
    var r = CliErrorsTest.run("report", "school-readiness", "--work-dir", dir.toString());
    assertThat(r.code()).isEqualTo(Hearth.USAGE);
    assertThat(r.err()).contains("hearth.postgres.jdbc-url");
  }
}
