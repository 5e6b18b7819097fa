package org.hearth.analytics.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.analytics.LinkedTestDatabase;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.schoolreadiness.SchoolReadiness;
import org.hearth.analytics.schoolreadiness.SchoolReadinessReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ward and partner names and the data period, against the real embedded PostgreSQL: the pipeline
 * loads names, every role reads them, and a district learns the periods of its own extracts only.
 */
class ReferenceNamesIT {
  @TempDir Path dir;

  @Test
  void namesAreLoadedOnceReadByEveryRoleAndPeriodsFollowRowLevelSecurity() throws Exception {
    try (LinkedTestDatabase db = LinkedTestDatabase.start(dir)) {
      String pw = "'" + LinkedTestDatabase.ROLE_PASSWORD + "'";
      db.execute("CREATE ROLE pipeline LOGIN PASSWORD " + pw + " IN ROLE hearth_writer");
      db.execute("CREATE ROLE county LOGIN PASSWORD " + pw + " IN ROLE hearth_analyst");
      db.execute("CREATE ROLE press LOGIN PASSWORD " + pw + " IN ROLE hearth_publisher");
      db.execute("SELECT governance.add_partner_reader('basildon-council', 'reader_basildon')");
      db.execute("CREATE ROLE basildon LOGIN PASSWORD " + pw + " IN ROLE reader_basildon");
      for (int i = 0; i < 30; i++) {
        db.contribution(
            "c" + i,
            "essex-county-council",
            "school-readiness",
            "h" + i,
            "p" + i,
            "{\"good_level_of_development\":\"Y\",\"postcode_ward\":\""
                + (i < 26 ? "E05900001" : "")
                + "\"}");
      }
      db.contribution("b1", "basildon-council", "housing-benefits", "h1", null, "{}");
      db.execute(
          "UPDATE linked.contributions SET extract_id = 'x-basildon'"
              + " WHERE partner = 'basildon-council'");
      db.execute(
          "UPDATE linked.contributions SET attributes = attributes - 'postcode_ward'"
              + " WHERE attributes->>'postcode_ward' = ''");
      for (String[] e :
          new String[][] {
            {"essex-county-council", "school-readiness", "x", "2026-Q1"},
            {"basildon-council", "housing-benefits", "x-basildon", "2025-Q4"}
          }) {
        db.execute(
            "INSERT INTO governance.extracts (partner, dataset, extract_id, period, mode,"
                + " key_version, record_count, received, refused, quarantined, landed, status,"
                + " decided_at) VALUES ('"
                + e[0]
                + "', '"
                + e[1]
                + "', '"
                + e[2]
                + "', '"
                + e[3]
                + "', 'FULL', 1, 1, 1, 0, 0, 1, 'LANDED', now())");
      }

      try (Connection c = db.as("pipeline")) {
        assertThat(
                Names.loadWards(
                    c,
                    List.of(
                        new Names.Ward("E05900001", "Marshside", "E07900001", "Basildon"),
                        new Names.Ward("E05900002", "Pitsea", "E07900001", "Basildon"))))
            .isEqualTo(2);
        // loading again replaces a name
        Names.loadWards(
            c, List.of(new Names.Ward("E05900002", "Pitsea North", "E07900001", "Basildon")));
        Names.loadPartners(c, Map.of("basildon-council", "Basildon Council"));
      }
      for (String role : List.of("county", "press", "basildon")) {
        try (Connection c = db.as(role)) {
          Names.All names = Names.read(c);
          assertThat(names.wardName("E05900002")).as(role).isEqualTo("Pitsea North");
          assertThat(names.partnerName("basildon-council")).as(role).isEqualTo("Basildon Council");
        }
      }
      try (Connection county = db.as("county");
          Connection basildon = db.as("basildon")) {
        assertThat(
                LinkedTestDatabase.count(
                    county, "SELECT count(DISTINCT period) FROM linked.dataset_periods"))
            .isEqualTo(2);
        assertThat(
                LinkedTestDatabase.count(
                    basildon,
                    "SELECT count(*) FROM linked.dataset_periods"
                        + " WHERE partner <> 'basildon-council' OR period <> '2025-Q4'"))
            .isZero();

        // what the report states, as the county analyst reads it
        SchoolReadinessReport.Context context =
            SchoolReadinessReport.Context.read(county, DisclosureRules.SUPPRESSION);
        assertThat(context.periods()).containsExactly("2026-Q1");
        assertThat(context.coverage().get().withoutWard()).isEmpty(); // 4: below the threshold
        SchoolReadiness.Figures f =
            SchoolReadiness.compute(county, Optional.empty(), DisclosureRules.SUPPRESSION);
        String html = SchoolReadinessReport.html(f, context);
        assertThat(html)
            .contains("<td>Marshside</td>", "Area: Basildon (1 ward with assessed children)")
            .contains("extracts for 2026-Q1", "left out (no known ward): fewer than 5");
      }
    }
  }
}
