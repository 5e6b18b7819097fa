package org.hearth.link;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.hearth.analytics.Database;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.link.rekey.LocalTrust;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.hearth.runtime.HearthConfig.StateBackend;

/**
 * The real components the link job's integration tests run on: an embedded Kafka broker, a migrated
 * PostgreSQL server (its default database and any others named), the test partners' trust, and a
 * bounded link job over them.
 */
final class LinkTestPlatform implements AutoCloseable {
  final Path work;
  final EmbeddedKafka kafka;
  final EmbeddedPostgresServer postgres;
  final LocalTrust trust;

  /** Migrations Flyway ran on the default database. */
  final int migrationsRun;

  private LinkTestPlatform(
      Path work,
      EmbeddedKafka kafka,
      EmbeddedPostgresServer postgres,
      LocalTrust trust,
      int migrationsRun) {
    this.work = work;
    this.kafka = kafka;
    this.postgres = postgres;
    this.trust = trust;
    this.migrationsRun = migrationsRun;
  }

  /** Starts everything, migrating the default database and each of {@code extraDatabases}. */
  static LinkTestPlatform start(Path work, String... extraDatabases) throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.under(work));
    EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(work, PostgresLauncher.AUTO));
    try (Connection c =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement s = c.createStatement()) {
      for (String db : extraDatabases) {
        s.execute("CREATE DATABASE " + db);
      }
    }
    List<String> urls = new ArrayList<>(List.of(postgres.jdbcUrl()));
    for (String db : extraDatabases) {
      urls.add(postgres.jdbcUrl(db));
    }
    int migrations = 0;
    for (String url : urls) {
      try (var pool = Database.pool(url, postgres.user(), postgres.password())) {
        int n = Database.migrate(pool);
        migrations = url.equals(postgres.jdbcUrl()) ? n : migrations;
      }
    }
    return new LinkTestPlatform(work, kafka, postgres, TestTrust.write(work), migrations);
  }

  static SyntheticExtract.Extract extract(String partner, String dataset, String period, int n) {
    return SyntheticExtract.build(
        TestTrust.AUTHORITY.partnerKey(partner, 1),
        TestTrust.AUTHORITY.signingKey(partner, 1),
        dataset,
        period,
        n);
  }

  ExtractPublisher publisher(String id) {
    return new ExtractPublisher(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), "it-" + id);
  }

  LinkSettings settings(String group, String jdbcUrl) {
    return TestTrust.settings(
        trust, kafka.bootstrapServers(), group, jdbcUrl, postgres.user(), postgres.password());
  }

  /** The job over every partner topic, from the start to the offsets latest now, on the heap. */
  void runBoundedJob(String group) throws Exception {
    runBoundedJob(settings(group, postgres.jdbcUrl()));
  }

  /** The same, with the job trusting the given partner registry. */
  void runBoundedJob(String group, String registryJson) throws Exception {
    LinkSettings d = settings(group, postgres.jdbcUrl());
    runBoundedJob(
        new LinkSettings(
            d.bootstrapServers(),
            d.kafkaClientProperties(),
            d.consumerGroup(),
            d.bounded(),
            d.jdbcUrl(),
            d.jdbcUser(),
            d.jdbcPassword(),
            registryJson,
            d.bundle(),
            d.project(),
            d.extractTimeout(),
            d.deleteOnArrival()));
  }

  void runBoundedJob(LinkSettings s) throws Exception {
    HearthConfig.Flink flink =
        HearthConfig.Flink.embedded(2, StateBackend.HASHMAP, Duration.ofMillis(500));
    StreamExecutionEnvironment env = FlinkEnvironments.create(flink, work, List.of());
    LinkJob.createIncidentTopics(s, TestTrust.PARTNERS);
    LinkJob.define(env, LinkJob.kafkaSource(s), s, LinkJob.outputs(s));
    env.execute(LinkJob.NAME);
  }

  long count(String sql) throws Exception {
    return count(postgres.jdbcUrl(), sql);
  }

  long count(String jdbcUrl, String sql) throws Exception {
    return Long.parseLong(strings(jdbcUrl, sql).get(0));
  }

  List<String> strings(String sql) throws Exception {
    return strings(postgres.jdbcUrl(), sql);
  }

  List<String> strings(String jdbcUrl, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  @Override
  public void close() {
    kafka.close();
    postgres.close();
  }
}
