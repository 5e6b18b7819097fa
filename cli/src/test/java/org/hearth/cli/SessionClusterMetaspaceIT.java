package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions do not accumulate in a session cluster (issue 23, problem 4): each link job used to
 * leave its class loader pinned by the PostgreSQL driver it registered from the job jar, so the
 * JobManager's metaspace grew about 14 MB and a TaskManager's about 20 MB a job, until the
 * JobManager died of {@code OutOfMemoryError: Metaspace} around the sixth. Here the link job runs
 * to its end again and again on one JobManager and one TaskManager (separate processes, started
 * from Flink's jars, as in {@link MultiProcessClusterIT}); after a full collection in each, their
 * metaspace must stay where it was after the first run.
 *
 * <p>It does not yet: {@code JdbcDriverRelease} is not enough. Measured 2026-12-02, each job still
 * keeps about 14 MB of JobManager and 21 MB of TaskManager metaspace after a full GC
 * (docs/operations.md), so this is the acceptance test of that fix, run on demand ({@code ./mvnw
 * -pl cli -am verify -Dit.test=SessionClusterMetaspaceIT -Dhearth.it.metaspace=true}) and not in CI
 * until the fix lands; it fails today.
 */
@EnabledIfSystemProperty(
    named = "hearth.it.metaspace",
    matches = "true",
    disabledReason =
        "the acceptance test of issue 23's metaspace leak, which is not fixed yet (it fails"
            + " today): run it with -Dhearth.it.metaspace=true")
class SessionClusterMetaspaceIT {
  private static final int RUNS = 6;

  /** Well under one leaked job's worth (14 MB, 20 MB), over several jobs. */
  private static final long BOUND_KB = 12 * 1024;

  // kept when the test fails: every process's log is in it
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void restoreEnvironment() {
    Passwords.environment = System::getenv;
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void repeatedSubmissionsLeaveMetaspaceFlat() throws Exception {
    Passwords.environment =
        () ->
            Map.of(
                "HEARTH_AUTHORITY_PASSWORD", "authority password",
                "HEARTH_PARTNER_KEY_PASSWORD", "partner password",
                "HEARTH_BUNDLE_PASSWORD", "bundle password");
    Path auth = dir.resolve("authority");
    Path county = dir.resolve("county");
    MultiProcessClusterIT.ok(CliErrorsTest.run("keys", "init", "--dir", auth.toString()));
    MultiProcessClusterIT.ok(
        CliErrorsTest.run("generate", "--scale", "ward", "--out", county.toString()));
    String partner = "essex-yos";
    Path extract = county.resolve("extracts/2026-Q1/" + partner + "/youth-offending.csv");

    try (EmbeddedPostgresServer pg =
            EmbeddedPostgresServer.start(
                EmbeddedPostgresServer.Settings.under(dir.resolve("pg"), PostgresLauncher.AUTO));
        LoopbackKafkaCluster kafka =
            LoopbackKafkaCluster.start(
                Files.createDirectories(dir.resolve("kafka")),
                1,
                MultiProcessClusterIT.testClasspath());
        LoopbackFlinkCluster flink =
            LoopbackFlinkCluster.start(
                dir.resolve("flink"),
                MultiProcessClusterIT.flinkLib(),
                1,
                2,
                dir.resolve("flink/checkpoints").toUri().toString().replaceAll("/$", ""))) {
      Path operator =
          Files.writeString(
              dir.resolve("operator.properties"),
              kafka.operatorConfig() + MultiProcessClusterIT.postgres(pg));
      Files.setPosixFilePermissions(operator, PosixFilePermissions.fromString("rw-------"));
      MultiProcessClusterIT.ok(
          CliErrorsTest.run(
              "partners",
              "add",
              "--partner",
              partner,
              "--authority",
              auth.toString(),
              "--config",
              operator.toString(),
              "--client-bootstrap",
              kafka.clientBootstrap()));
      MultiProcessClusterIT.ok(
          CliErrorsTest.run(
              "partners",
              "dataset",
              "--partner",
              partner,
              "--dataset",
              "youth-offending",
              "--config",
              operator.toString()));
      Path issued = auth.resolve("issued/" + partner);
      var published =
          CliErrorsTest.run(
              "publish",
              "--config",
              issued.resolve("hearth.properties").toString(),
              "--contract",
              "youth-offending",
              "--file",
              extract.toString(),
              "--period",
              "2026-Q1",
              "--key-file",
              issued.resolve(partner + ".v1.key.pem").toString(),
              "--signing-key",
              issued.resolve(partner + ".v1.signing.pem").toString(),
              "--audit-dir",
              dir.resolve("audit").toString());
      assertThat(published.code()).as(published.err()).isIn(0, 3);
      Path bundle = dir.resolve("link/rekey.bundle");
      Files.createDirectories(bundle.getParent());
      MultiProcessClusterIT.ok(
          CliErrorsTest.run(
              "keys",
              "rekey-bundle",
              "--dir",
              auth.toString(),
              "--out",
              bundle.toString(),
              "--project",
              "school-readiness"));
      Path bundlePassword =
          Files.writeString(dir.resolve("link/bundle.password"), "bundle password");
      Path kafkaLogin = dir.resolve("link/kafka.properties");
      MultiProcessClusterIT.ok(
          CliErrorsTest.run(
              "partners",
              "link-job",
              "--config",
              operator.toString(),
              "--out",
              kafkaLogin.toString(),
              "--client-bootstrap",
              kafka.clientBootstrap()));
      Path linkConfig =
          Files.writeString(
              dir.resolve("link/link.properties"),
              Files.readString(kafkaLogin)
                  + MultiProcessClusterIT.postgres(pg)
                  + "hearth.flink.rest-address="
                  + flink.restAddress()
                  + "\nhearth.flink.job-jar="
                  + MultiProcessClusterIT.jobJar()
                  + "\nhearth.flink.state-backend=rocksdb\n");

      List<long[]> metaspace = new ArrayList<>();
      for (int run = 1; run <= RUNS; run++) {
        // a catch-up run of its own each time: a fresh group reads the extract and ends
        var r =
            CliErrorsTest.run(
                "link",
                "--config",
                linkConfig.toString(),
                "--registry",
                auth.resolve("registry.json").toString(),
                "--rekey-bundle",
                bundle.toString(),
                "--bundle-password-file",
                bundlePassword.toString(),
                "--work-dir",
                dir.resolve("operator-work").toString(),
                "--group",
                "hearth-link-run-" + run,
                "--no-delete-on-arrival",
                "--bounded");
        MultiProcessClusterIT.ok(r);
        assertThat(r.out()).contains("link job finished");
        flink.awaitIdle();
        metaspace.add(
            new long[] {
              usedMetaspaceKb(flink.jobManagerPid()),
              usedMetaspaceKb(flink.taskManagerPid("taskmanager-1"))
            });
        System.out.printf(
            "SessionClusterMetaspaceIT: after run %d metaspace used: JobManager %,d KB,"
                + " TaskManager %,d KB%n",
            run, metaspace.get(run - 1)[0], metaspace.get(run - 1)[1]);
      }
      long[] first = metaspace.get(0);
      long[] last = metaspace.get(RUNS - 1);
      assertThat(last[0] - first[0])
          .as("JobManager metaspace growth over %d more jobs (KB): %s", RUNS - 1, show(metaspace))
          .isLessThan(BOUND_KB);
      assertThat(last[1] - first[1])
          .as("TaskManager metaspace growth over %d more jobs (KB): %s", RUNS - 1, show(metaspace))
          .isLessThan(BOUND_KB);
    }
  }

  private static String show(List<long[]> m) {
    StringBuilder b = new StringBuilder();
    m.forEach(x -> b.append(" [").append(x[0]).append(", ").append(x[1]).append(']'));
    return b.toString();
  }

  /**
   * Metaspace in use after a full collection, which unloads every class loader nothing pins: {@code
   * jcmd <pid> GC.run}, then the MU column of {@code jstat -gc <pid>}.
   */
  static long usedMetaspaceKb(long pid) throws IOException, InterruptedException {
    run("jcmd", Long.toString(pid), "GC.run");
    List<String> lines = run("jstat", "-gc", Long.toString(pid));
    String[] header = lines.get(0).trim().split("\\s+");
    String[] values = lines.get(1).trim().split("\\s+");
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals("MU")) {
        return (long) Double.parseDouble(values[i]);
      }
    }
    throw new IllegalStateException("no MU column in jstat -gc: " + lines);
  }

  private static List<String> run(String tool, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> out;
    try (var reader = p.inputReader()) {
      out = reader.lines().toList();
    }
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(tool + " " + List.of(args) + " failed: " + out);
    }
    return out;
  }
}
