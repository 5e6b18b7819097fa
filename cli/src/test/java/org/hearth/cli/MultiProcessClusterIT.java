package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link job distributed for real (issue 23): every service a separate process on loopback, as
 * {@code docker/compose.yml} lays them out — three KRaft Kafka nodes with SASL/SCRAM and
 * deny-by-default ACLs, a Flink standalone session cluster (a JobManager and two TaskManagers
 * started from Flink's jars, RocksDB, child-first class loading, checkpoints under a {@code
 * file://} URI) and PostgreSQL — driven by the documented operator commands: {@code keys init},
 * {@code partners add} and {@code partners dataset}, {@code publish} with each partner's own login,
 * {@code keys rekey-bundle}, {@code partners link-job} and {@code hearth link} with {@code
 * hearth.flink.rest-address}, which ships the shaded job jar over REST.
 *
 * <p>The synthetic ward's first quarter is linked on the cluster. While its second quarter is being
 * published and applied, the TaskManager holding the resolver's state, one Kafka node and then the
 * JobManager are killed with SIGKILL: the job must restart from its last checkpoint on the
 * surviving TaskManager, go on with two brokers, and, after the JobManager, be resumed by hand from
 * its latest retained checkpoint. The tables it leaves must equal, row for row, those of an
 * undisturbed run of the same extracts in a MiniCluster. docs/operations.md, "The cluster test".
 */
class MultiProcessClusterIT {
  private static final Pattern PUBLISHED = Pattern.compile("published\\s+([\\d,]+)");
  private static final String LATE_PARTNER = "thurrock-council";
  private static final Pattern JOB_ID = Pattern.compile("submitted as job ([0-9a-f]{32})");

  // kept when the test fails: every process's log is in it
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void restoreEnvironment() {
    Passwords.environment = System::getenv;
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void linkJobSurvivesLosingATaskManagerABrokerAndTheJobManager() throws Exception {
    long started = System.nanoTime();
    Passwords.environment =
        () ->
            Map.of(
                "HEARTH_AUTHORITY_PASSWORD", "authority password",
                "HEARTH_PARTNER_KEY_PASSWORD", "partner password",
                "HEARTH_BUNDLE_PASSWORD", "bundle password");
    Path auth = dir.resolve("authority");
    Path county = dir.resolve("county");
    ok(CliErrorsTest.run("keys", "init", "--dir", auth.toString()));
    ok(
        CliErrorsTest.run(
            "generate", "--scale", "ward", "--quarters", "2", "--out", county.toString()));
    String checkpoints = dir.resolve("flink/checkpoints").toUri().toString().replaceAll("/$", "");

    try (EmbeddedPostgresServer pg =
            EmbeddedPostgresServer.start(
                EmbeddedPostgresServer.Settings.under(dir.resolve("pg"), PostgresLauncher.AUTO));
        LoopbackKafkaCluster kafka =
            LoopbackKafkaCluster.start(
                Files.createDirectories(dir.resolve("kafka")), 3, testClasspath());
        LoopbackFlinkCluster flink =
            LoopbackFlinkCluster.start(dir.resolve("flink"), flinkLib(), 2, 2, checkpoints)) {
      log("services up", started);
      Path operator =
          Files.writeString(
              dir.resolve("operator.properties"), kafka.operatorConfig() + postgres(pg));
      Files.setPosixFilePermissions(operator, PosixFilePermissions.fromString("rw-------"));

      Map<String, List<Path>> q1 = extracts(county, "2026-Q1");
      for (var partner : q1.entrySet()) {
        ok(
            CliErrorsTest.run(
                "partners",
                "add",
                "--partner",
                partner.getKey(),
                "--authority",
                auth.toString(),
                "--config",
                operator.toString(),
                "--client-bootstrap",
                kafka.clientBootstrap()));
        for (Path extract : partner.getValue()) {
          ok(
              CliErrorsTest.run(
                  "partners",
                  "dataset",
                  "--partner",
                  partner.getKey(),
                  "--dataset",
                  dataset(extract),
                  "--config",
                  operator.toString()));
        }
      }
      // a partner the registry names but Kafka does not know yet (its keys issued, its principal
      // still to add): hearth link creates its incidents topic, with the cluster's replication
      ok(
          CliErrorsTest.run(
              "keys", "issue-partner", "--dir", auth.toString(), "--partner", LATE_PARTNER));
      Map<String, Long> published = new TreeMap<>();
      q1.forEach((p, files) -> files.forEach(f -> publish(auth, county, p, f, "2026-Q1", null)));
      log("partners added, first quarter published", started);

      Path bundle = dir.resolve("link/rekey.bundle");
      Files.createDirectories(bundle.getParent());
      ok(
          CliErrorsTest.run(
              "keys",
              "rekey-bundle",
              "--dir",
              auth.toString(),
              "--out",
              bundle.toString(),
              "--project",
              "school-readiness"));
      Path bundlePassword = dir.resolve("link/bundle.password");
      Files.writeString(bundlePassword, "bundle password");
      Files.setPosixFilePermissions(bundlePassword, PosixFilePermissions.fromString("rw-------"));
      Path kafkaLogin = dir.resolve("link/kafka.properties");
      ok(
          CliErrorsTest.run(
              "partners",
              "link-job",
              "--config",
              operator.toString(),
              "--out",
              kafkaLogin.toString(),
              "--client-bootstrap",
              kafka.clientBootstrap()));
      // what docs/operations.md says to add: the hearth.postgres.* and hearth.flink.* lines
      Path linkConfig =
          Files.writeString(
              dir.resolve("link/link.properties"),
              Files.readString(kafkaLogin)
                  + postgres(pg)
                  + "hearth.flink.rest-address="
                  + flink.restAddress()
                  + "\nhearth.flink.job-jar="
                  + jobJar()
                  + "\nhearth.flink.state-backend=rocksdb"
                  + "\nhearth.flink.checkpoint-interval=PT1S"
                  + "\nhearth.flink.checkpoint-dir="
                  + checkpoints
                  + "\n");
      String[] link = {
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
        // the undisturbed run below reads the same topics
        "--no-delete-on-arrival"
      };
      var submitted = CliErrorsTest.run(link);
      ok(submitted);
      assertThat(submitted.out()).contains("on the Flink cluster at " + flink.restAddress());
      Matcher m = JOB_ID.matcher(submitted.out());
      assertThat(m.find()).as(submitted.out()).isTrue();
      String job = m.group(1);
      log("link job " + job + " submitted", started);
      try (var admin = kafka.admin()) {
        String topic = "hearth-incidents." + LATE_PARTNER;
        assertThat(
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
            .as("replicas of the incidents topic hearth link created")
            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      }

      int firstQuarter = q1.values().stream().mapToInt(List::size).sum();
      awaitDecided(pg, firstQuarter, flink, job);
      log("first quarter linked on the cluster", started);
      List<String> resolverHosts = flink.taskManagersOf(job, "resolve");
      assertThat(resolverHosts).hasSize(1);
      String victim = resolverHosts.get(0);
      String survivor = victim.equals("taskmanager-1") ? "taskmanager-2" : "taskmanager-1";
      // hearth.flink.parallelism is not set: the job runs at the cluster's parallelism.default
      assertThat(flink.parallelismOf(job, "partner-topics")).isEqualTo(2);
      assertThat(flink.taskManagersOf(job, "partner-topics"))
          .as("the job runs on both TaskManagers")
          .containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");
      long checkpointsBefore = completedCheckpoints(flink, job);

      // mid-stream: the second quarter arrives, and the resolver's TaskManager dies once the
      // first of its extracts has been applied and the others are still arriving
      Map<String, List<Path>> q2 = extracts(county, "2026-Q2");
      List<Path[]> q2Files = new ArrayList<>();
      q2.forEach((p, files) -> files.forEach(f -> q2Files.add(new Path[] {Path.of(p), f})));
      int all = firstQuarter + q2Files.size();
      publishInto(published, auth, county, q2Files.get(0), "2026-Q2");
      awaitDecided(pg, firstQuarter + 1, flink, job);
      flink.killTaskManager(victim);
      log("killed " + victim + " (held the resolver) with SIGKILL", started);
      // and a Kafka node half way through the quarter: replication 3 with min ISR 2 goes on
      int half = q2Files.size() / 2;
      for (Path[] f : q2Files.subList(1, half)) {
        publishInto(published, auth, county, f, "2026-Q2");
      }
      kafka.kill(3);
      log("killed Kafka node 3 with SIGKILL", started);
      for (Path[] f : q2Files.subList(half, q2Files.size() - 1)) {
        publishInto(published, auth, county, f, "2026-Q2");
      }
      awaitDecided(pg, all - 1, flink, job);
      awaitTrue(
          () -> {
            try {
              // recovered: running again, from a restored checkpoint, with new checkpoints since
              Recovery status = Recovery.of(flink, job);
              return status.running() && status.restored() && status.completed() > 0;
            } catch (Exception e) {
              return false;
            }
          },
          120,
          "the job to run again from a restored checkpoint\n" + flink.tails());
      log("second quarter but one linked after the losses", started);
      assertThat(flink.taskManagersOf(job, "resolve")).containsExactly(survivor);
      assertThat(completedCheckpoints(flink, job)).isGreaterThan(checkpointsBefore);

      // the JobManager dies too: without high availability its job dies with it, and the operator
      // starts the job again by hand from the latest retained checkpoint (docs/operations.md)
      flink.killJobManager();
      log("killed the JobManager with SIGKILL", started);
      publishInto(published, auth, county, q2Files.get(q2Files.size() - 1), "2026-Q2");
      flink.restartJobManager(1);
      String checkpoint = latestCheckpoint(dir.resolve("flink/checkpoints").resolve(job));
      List<String> resume = new ArrayList<>(List.of(link));
      resume.addAll(List.of("--from-savepoint", checkpoint));
      var resumed = CliErrorsTest.run(resume.toArray(String[]::new));
      ok(resumed);
      m = JOB_ID.matcher(resumed.out());
      assertThat(m.find()).as(resumed.out()).isTrue();
      String again = m.group(1);
      log("JobManager restarted, job resumed from " + checkpoint.replaceAll(".*/", ""), started);
      awaitDecided(pg, all, flink, again);
      assertThat(Recovery.of(flink, again).restored())
          .as("the resumed job started from the retained checkpoint")
          .isTrue();
      // two more completed checkpoints: every sink has committed what the last extract wrote
      long now = completedCheckpoints(flink, again);
      awaitTrue(
          () -> completedCheckpointsQuietly(flink, again) > now + 1, 60, "two more checkpoints");
      log("second quarter linked", started);
      Snapshot onCluster = Snapshot.of(pg.jdbcUrl(), pg.user(), pg.password());

      flink.cancel(again);
      awaitTrue(
          () -> {
            try {
              return flink.get("/jobs/" + again).path("state").asText().equals("CANCELED");
            } catch (Exception e) {
              return false;
            }
          },
          60,
          "the job to be cancelled");
      // retained on cancellation, as the docs promise: the job can be resumed from it
      latestCheckpoint(dir.resolve("flink/checkpoints").resolve(again));

      // invariants: every extract landed whole, and what each partner holds now is exactly what
      // it published in its latest full extract
      assertThat(onCluster.extracts()).hasSize(firstQuarter + q2Files.size());
      assertThat(onCluster.extracts())
          .allSatisfy(e -> assertThat(e).contains("|LANDED|").doesNotContain("|QUARANTINED|"));
      assertThat(currentByDataset(pg)).isEqualTo(published);

      // the same extracts, undisturbed, in a MiniCluster: the same tables row for row
      try (EmbeddedPostgresServer reference =
          EmbeddedPostgresServer.start(
              EmbeddedPostgresServer.Settings.under(
                  dir.resolve("pg-reference"), PostgresLauncher.AUTO))) {
        Path miniConfig =
            Files.writeString(
                dir.resolve("link/reference.properties"),
                Files.readString(kafkaLogin) + postgres(reference));
        List<String> args = new ArrayList<>(List.of(link));
        args.set(2, miniConfig.toString());
        args.addAll(List.of("--bounded", "--group", "hearth-link-reference"));
        var undisturbed = CliErrorsTest.run(args.toArray(String[]::new));
        ok(undisturbed);
        assertThat(undisturbed.out()).contains("this JVM's MiniCluster");
        log("undisturbed MiniCluster run done", started);
        Snapshot inMiniCluster =
            Snapshot.of(reference.jdbcUrl(), reference.user(), reference.password());
        assertThat(onCluster.contributions()).hasSize(inMiniCluster.contributions().size());
        assertThat(onCluster.contributions()).isEqualTo(inMiniCluster.contributions());
        assertThat(onCluster.incidents()).isEqualTo(inMiniCluster.incidents());
        // ambiguous_links says in which extract resolution met each ambiguity, and so depends on
        // how the partners' extracts interleave, which differs between any two runs (even two in
        // one MiniCluster); every other column must agree
        assertThat(withoutAmbiguousLinks(onCluster.extracts()))
            .isEqualTo(withoutAmbiguousLinks(inMiniCluster.extracts()));
      }
    } finally {
      log("done", started);
    }
  }

  /** The REST view of a job's recovery. */
  private record Recovery(boolean running, boolean restored, long completed) {
    static Recovery of(LoopbackFlinkCluster flink, String job) throws Exception {
      var checkpoints = flink.get("/jobs/" + job + "/checkpoints");
      return new Recovery(
          flink.get("/jobs/" + job).path("state").asText().equals("RUNNING"),
          !checkpoints.path("latest").path("restored").isMissingNode()
              && !checkpoints.path("latest").path("restored").isNull(),
          checkpoints.path("counts").path("completed").asLong());
    }
  }

  /** The newest complete checkpoint of a job, as a URI: what an operator would resume from. */
  private static String latestCheckpoint(Path jobCheckpoints) throws IOException {
    try (Stream<Path> s = Files.list(jobCheckpoints)) {
      return s.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.exists(p.resolve("_metadata")))
          .max(
              java.util.Comparator.comparingLong(
                  p -> Long.parseLong(p.getFileName().toString().substring(4))))
          .orElseThrow(() -> new AssertionError("no complete checkpoint in " + jobCheckpoints))
          .toUri()
          .toString()
          .replaceAll("/$", "");
    }
  }

  private static long completedCheckpoints(LoopbackFlinkCluster flink, String job)
      throws Exception {
    return flink.get("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
  }

  private static long completedCheckpointsQuietly(LoopbackFlinkCluster flink, String job) {
    try {
      return completedCheckpoints(flink, job);
    } catch (Exception e) {
      return -1;
    }
  }

  /** The tables the link job writes, as comparable text, without the times of writing. */
  record Snapshot(List<String> contributions, List<String> extracts, List<String> incidents) {
    static Snapshot of(String url, String user, String password) throws SQLException {
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        return new Snapshot(
            rows(
                s,
                "SELECT record_id, partner, dataset, extract_id, sequence, household_id,"
                    + " person_id, attributes::text, deleted_at IS NULL AS current, withheld,"
                    + " record_key FROM linked.contributions ORDER BY record_id"),
            rows(
                s,
                "SELECT partner, dataset, extract_id, period, mode, key_version, record_count,"
                    + " received, refused, quarantined, landed, status, reason, ambiguous_links"
                    + " FROM governance.extracts ORDER BY partner, dataset, extract_id"),
            rows(
                s,
                "SELECT partner, dataset, extract_id, sequence, field, rule"
                    + " FROM governance.incidents ORDER BY 1, 2, 3, 4, 5, 6"));
      }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder b = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            if (i > 1) {
              b.append('|');
            }
            b.append(rs.getString(i));
          }
          out.add(b.toString());
        }
      }
      return out;
    }
  }

  private static List<String> withoutAmbiguousLinks(List<String> extracts) {
    return extracts.stream().map(e -> e.substring(0, e.lastIndexOf('|'))).toList();
  }

  /** Current contributions per partner and dataset. */
  private static Map<String, Long> currentByDataset(EmbeddedPostgresServer pg) throws SQLException {
    Map<String, Long> m = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT partner || '/' || dataset, count(*) FROM linked.current_contributions"
                        + " GROUP BY 1")) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getLong(2));
      }
    }
    return m;
  }

  private static void awaitDecided(
      EmbeddedPostgresServer pg, int extracts, LoopbackFlinkCluster flink, String job)
      throws Exception {
    awaitTrue(
        () -> decided(pg) >= extracts,
        180,
        extracts + " extracts decided (job " + job + ")\n" + flink.tails());
  }

  private static long decided(EmbeddedPostgresServer pg) {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        ResultSet rs =
            c.createStatement().executeQuery("SELECT count(*) FROM governance.extracts")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static void awaitTrue(BooleanSupplier condition, int seconds, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + seconds + " s for " + what);
      }
      Thread.sleep(250);
    }
  }

  private void publishInto(
      Map<String, Long> published, Path auth, Path county, Path[] partnerAndFile, String period) {
    String partner = partnerAndFile[0].toString();
    publish(auth, county, partner, partnerAndFile[1], period, published);
  }

  /** A partner publishes with its own login and keys, as the docs show. */
  private void publish(
      Path auth,
      Path county,
      String partner,
      Path file,
      String period,
      Map<String, Long> published) {
    Path issued = auth.resolve("issued/" + partner);
    var r =
        CliErrorsTest.run(
            "publish",
            "--config",
            issued.resolve("hearth.properties").toString(),
            "--contract",
            dataset(file),
            "--file",
            file.toString(),
            "--period",
            period,
            "--key-file",
            issued.resolve(partner + ".v1.key.pem").toString(),
            "--signing-key",
            issued.resolve(partner + ".v1.signing.pem").toString(),
            "--lookup",
            county.resolve("lookup/onspd-synthetic.csv").toString(),
            "--audit-dir",
            dir.resolve("audit/" + partner).toString());
    assertThat(r.code()).as(r.err()).isIn(0, PublishCommand.PUBLISHED_WITH_REJECTS);
    if (published != null) {
      Matcher m = PUBLISHED.matcher(r.out());
      assertThat(m.find()).as(r.out()).isTrue();
      published.put(partner + "/" + dataset(file), Long.parseLong(m.group(1).replace(",", "")));
    }
  }

  /** Each partner's extract files of a quarter, partners and files in name order. */
  static Map<String, List<Path>> extracts(Path county, String quarter) throws IOException {
    Map<String, List<Path>> m = new TreeMap<>();
    try (Stream<Path> partners = Files.list(county.resolve("extracts/" + quarter))) {
      for (Path p : partners.sorted().toList()) {
        try (Stream<Path> files = Files.list(p)) {
          m.put(p.getFileName().toString(), files.sorted().toList());
        }
      }
    }
    return m;
  }

  static String dataset(Path extract) {
    String name = extract.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  static String postgres(EmbeddedPostgresServer pg) {
    return "hearth.postgres.jdbc-url="
        + pg.jdbcUrl()
        + "\nhearth.postgres.user="
        + pg.user()
        + "\nhearth.postgres.password="
        + pg.password()
        + "\n";
  }

  static void ok(CliErrorsTest.Result r) {
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  /** The classpath this test runs with, which holds Kafka's broker: the brokers' classpath. */
  static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Flink's jars, the classpath the flink-lib module of this build writes. */
  static Path flinkLib() {
    return Path.of("../flink-lib/target/flink-classpath.txt").toAbsolutePath().normalize();
  }

  static Path jobJar() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("../link/target"))) {
      return s.filter(p -> p.getFileName().toString().endsWith("-job.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no link job jar in ../link/target"))
          .toAbsolutePath()
          .normalize();
    }
  }

  private static void log(String what, long started) {
    System.out.printf(
        "MultiProcessClusterIT: %-60s %6.1f s%n", what, (System.nanoTime() - started) / 1e9);
  }
}
