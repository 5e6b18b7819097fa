package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.hearth.analytics.Database;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfigLoader;
import org.hearth.runtime.Platform;
import org.hearth.runtime.WorkDirectory;
import org.hearth.synthetic.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ward-scale population through edge -> Kafka -> link -> PostgreSQL, judged against the
 * generator's truth: every published record accounted for, and pseudonymisation costing nothing.
 */
class EvaluateCommandIT {
  @TempDir Path dir;

  @Test
  void pseudonymisedLinkageEqualsPlaintextLinkageOnTheWard() throws Exception {
    var r = CliErrorsTest.run("evaluate", "--json", "--work-dir", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    meetsTheTargets(new ObjectMapper().readTree(r.out()));
  }

  /**
   * A run made elsewhere (here: the demo's steps on a platform this test holds open) evaluated from
   * its county directory, audit and database alone.
   */
  @Test
  void anExistingRunIsEvaluatedFromItsTruthAndItsTables() throws Exception {
    Path run = dir.resolve("run");
    HearthConfig config =
        HearthConfigLoader.load(
            Optional.empty(), Map.of(), Map.of(HearthConfigLoader.WORK_DIR, run.toString()));
    WorkDirectory.prepare(config.workDir(), "");
    try (Platform platform = Platform.start(config, new Platform.Ports(0, 0))) {
      try (var pool =
          Database.pool(platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword())) {
        Database.migrate(pool);
      }
      var step = new DemoCommand.Step(new PrintWriter(Writer.nullWriter()));
      var published =
          DemoCommand.publish(platform, config, Scale.WARD, 42, DemoCommand.demoAuthority(), step);
      java.io.StringWriter progress = new java.io.StringWriter();
      DemoCommand.runLink(
          platform, config, DemoCommand.demoAuthority(), published, new PrintWriter(progress));
      long total = published.stream().mapToLong(DemoCommand.Published::published).sum();
      // what a long run prints every ten seconds, read once the job is done: all of it decided
      assertThat(DemoCommand.linkProgress(platform, new java.sql.Timestamp(0), total, 12))
          .isEqualTo(
              String.format(
                  java.util.Locale.ROOT,
                  "      link job: %,d extracts decided, %,d of %,d records (100%%), 12 s",
                  published.size(),
                  total,
                  total));

      Path settings = dir.resolve("db.properties");
      Files.writeString(
          settings,
          "hearth.postgres.user="
              + platform.jdbcUser()
              + "\nhearth.postgres.password="
              + platform.jdbcPassword()
              + "\n");
      var r =
          CliErrorsTest.run(
              "evaluate",
              "--json",
              "--work-dir",
              dir.resolve("elsewhere").toString(),
              "--config",
              settings.toString(),
              "--truth",
              run.resolve("synthetic-county").toString(),
              "--audit",
              run.resolve("audit").toString(),
              "--jdbc-url",
              platform.jdbcUrl());
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = new ObjectMapper().readTree(r.out());
      assertThat(j.path("records").asLong())
          .isEqualTo(published.stream().mapToLong(DemoCommand.Published::published).sum());
      meetsTheTargets(j);

      var noTables =
          CliErrorsTest.run(
              "evaluate",
              "--truth",
              run.resolve("synthetic-county").toString(),
              "--work-dir",
              run.toString());
      assertThat(noTables.code()).isNotZero();
      assertThat(noTables.err()).contains("--jdbc-url");
    }
  }

  private static void meetsTheTargets(JsonNode j) {
    assertThat(j.path("unaccounted").asLong()).isZero();
    assertThat(j.path("records").asLong()).isGreaterThan(1_000);
    // the targets at the generator's default noise; measured figures are in docs/linkage.md
    var targets = java.util.Map.of("households", 0.99, "persons", 0.98);
    for (var target : targets.entrySet()) {
      String kind = target.getKey();
      JsonNode pseudo = j.path(kind).path("pseudonymised");
      JsonNode plain = j.path(kind).path("plaintext");
      assertThat(pseudo).as(kind).isEqualTo(plain);
      assertThat(pseudo.path("truePairs").asLong()).as(kind).isPositive();
      assertThat(pseudo.path("f1").asDouble()).as(kind).isGreaterThanOrEqualTo(target.getValue());
    }
  }
}
