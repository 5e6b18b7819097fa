package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.analytics.LinkedTestDatabase;
import org.hearth.analytics.features.FeatureExport;
import org.hearth.analytics.features.FeatureSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hearth export features and hearth model baseline against linked rows in real PostgreSQL. */
class ExportAndModelCommandIT {
  @TempDir Path dir;

  @Test
  void exportsRoundTripAndTheBaselineFindsTheHouseholdsSignal() throws Exception {
    try (LinkedTestDatabase db = LinkedTestDatabase.start(dir.resolve("p"))) {
      // 600 children; those in households with a social care record are less often ready
      SplittableRandom r = new SplittableRandom(11);
      List<LinkedTestDatabase.Row> rows = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        boolean care = r.nextDouble() < 0.3;
        boolean ready = r.nextDouble() < (care ? 0.3 : 0.7);
        if (care) {
          rows.add(
              new LinkedTestDatabase.Row(
                  "s" + i,
                  "essex-county-council",
                  "childrens-social-care",
                  "h" + i,
                  "q" + i,
                  "{}"));
        }
        rows.add(
            new LinkedTestDatabase.Row(
                "r" + i,
                "essex-county-council",
                "school-readiness",
                "h" + i,
                "p" + i,
                "{\"good_level_of_development\":\""
                    + (ready ? "Y" : "N")
                    + "\",\"postcode_ward\":\"E05000001\",\"birth_month\":\"2020-0"
                    + (1 + i % 9)
                    + "\",\"sex\":\""
                    + (i % 2 == 0 ? "M" : "F")
                    + "\"}"));
      }
      db.contributions(rows);
      Path config = db.configFile(dir);
      Path parquet = dir.resolve("out").resolve("features.parquet");
      var export =
          CliErrorsTest.run(
              "export",
              "features",
              "--project",
              "school-readiness",
              "--format",
              "parquet",
              "--out",
              parquet.toString(),
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString());
      assertThat(export.code()).as(export.err()).isZero();
      assertThat(export.out()).contains("600 rows x 16 columns");

      FeatureSet back = FeatureExport.read(parquet);
      FeatureSet live;
      try (var c = db.owner()) {
        live = FeatureSet.read(c, "school-readiness");
      }
      assertThat(back.columns()).isEqualTo(live.columns());
      assertThat(back.rows()).hasSize(600);
      for (int i = 0; i < 600; i++) {
        assertThat(back.rows().get(i)).containsExactly(live.rows().get(i));
      }
      int care = live.column("social_care");
      assertThat(live.rows().stream().filter(row -> (Boolean) row[care]).count())
          .isBetween(150L, 210L);

      var model = CliErrorsTest.run("model", "baseline", "--features", parquet.toString());
      assertThat(model.code()).as(model.err()).isZero();
      Matcher auc =
          Pattern.compile("Cross-validated AUC \\(5 folds, seed 2026\\): (\\d\\.\\d+)")
              .matcher(model.out());
      assertThat(auc.find()).as(model.out()).isTrue();
      // social care doubles the risk of not being ready here: clearly above chance, far from 1
      assertThat(Double.parseDouble(auc.group(1))).isBetween(0.6, 0.85);
      Matcher careOdds =
          Pattern.compile("Known to children's social care +(\\d+\\.\\d+)").matcher(model.out());
      assertThat(careOdds.find()).isTrue();
      assertThat(Double.parseDouble(careOdds.group(1))).isGreaterThan(2.5);

      var unknown =
          CliErrorsTest.run(
              "export", "features", "--project", "knife-crime", "--config", config.toString());
      assertThat(unknown.code()).isEqualTo(Hearth.USAGE);
      assertThat(unknown.err()).contains("projects: [school-readiness]");
    }
  }
}
