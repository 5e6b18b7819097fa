package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {

  @Test
  void demoLandsEveryEventAndRunsAgainWithoutCleanup(@TempDir Path work) {
    for (int run = 1; run <= 2; run++) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Hearth.run(
              new String[] {"demo", "--work-dir", work.toString()},
              new PrintWriter(out, true),
              new PrintWriter(err, true));
      assertThat(code).as("run %d: %s", run, err).isZero();
      assertThat(out.toString())
          .containsPattern(
              "published = landed \\+ refused \\+ quarantined: (\\d+) = \\1 \\+ 0 \\+ 0\\b")
          .containsPattern(
              "Linked: [\\d,]+ households \\([\\d,]+ described by more than one partner\\)")
          .contains("basildon-council")
          .contains("school-readiness")
          .contains("Stopped every component")
          // the school-readiness summary: the ward, the county total and the risk factors
          .containsPattern("\\n  Marshside \\(E05\\d{6}\\) +([\\d,]+|suppressed) ")
          .contains("Area: Basildon (1 ward with assessed children)")
          .contains("extracts for 2026-Q1")
          .containsPattern("left out \\(no known ward\\): (\\d+|fewer than 5)")
          .containsPattern("\\n  All wards +[\\d,]+ +[\\d,]+ +[\\d,]+ +\\d+\\.\\d")
          .contains("Domestic abuse recorded at the household")
          .contains("Domestic abuse needs assessment")
          .contains("Published to published.domestic_abuse_needs")
          .contains("\n  Basildon Council ")
          .containsPattern(
              "Supporting Families claims for 20\\d\\d-Q\\d: [\\d,]+ claims, [\\d,]+ of them")
          .contains("Children safe from abuse and exploitation");
      Path report = work.resolve("reports").resolve("school-readiness.html");
      assertThat(report)
          .exists()
          .content()
          .contains("<svg", "Methods", "All wards", "<td>Marshside</td>", "Data period");
      assertThat(work.resolve("reports").resolve("domestic-abuse-needs.html"))
          .content()
          .contains("<td>Basildon Council</td>");
      assertThat(work.resolve("reports").resolve("domestic-abuse-needs.csv"))
          .content()
          .startsWith("quarter,district,household_type,applications");
      assertThat(work.resolve("reports").resolve("sf-claims-check-summary.html"))
          .content()
          .contains("Supporting Families claims, 20");
      assertThat(work.resolve("reports").resolve("sf-claims-check-summary.csv"))
          .content()
          .startsWith("period,measure,category,claims,disclosure");
      assertThat(work.resolve("reports").resolve("sf-claims-check.csv"))
          .exists()
          .content()
          .startsWith("claim_reference,claim_period,members,claimed_before");
    }
  }
}
