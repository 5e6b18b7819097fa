package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.hearth.analytics.Database;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.hearth.runtime.HearthConfig.StateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link job submitted the way it is at scale: the shaded job jar goes over REST to a Flink
 * cluster (a MiniCluster with its REST endpoint, standing in for a JobManager).
 */
class RemoteClusterSubmissionIT {
  @TempDir Path work;

  @Test
  void jobJarRunsOnACluster() throws Exception {
    Path jobJar;
    try (Stream<Path> s = Files.list(Path.of("target"))) {
      jobJar =
          s.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst().orElseThrow();
    }
    Configuration clusterConf = new Configuration();
    clusterConf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    clusterConf.set(RestOptions.PORT, 0);
    // This stand-in cluster shares the JVM with the embedded Kafka broker, so Kafka's classes
    // are already on its parent classpath; child-first loading of the job jar's copies would
    // clash with them. A real cluster has no Kafka on its classpath and keeps child-first.
    clusterConf.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.under(work));
        EmbeddedPostgresServer pg =
            EmbeddedPostgresServer.start(
                EmbeddedPostgresServer.Settings.under(work, PostgresLauncher.AUTO));
        MiniCluster cluster =
            new MiniCluster(
                new MiniClusterConfiguration.Builder()
                    .setConfiguration(clusterConf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(2)
                    .build())) {
      cluster.start();
      URI rest = cluster.getRestAddress().get();
      try (var pool = Database.pool(pg.jdbcUrl(), pg.user(), pg.password())) {
        Database.migrate(pool);
      }
      var extract =
          SyntheticExtract.build(
              TestTrust.AUTHORITY.partnerKey("basildon-council", 1),
              TestTrust.AUTHORITY.signingKey("basildon-council", 1),
              "housing-benefits",
              "2026-Q1",
              250);
      kafka.createTopics(extract.topic());
      try (ExtractPublisher p =
          new ExtractPublisher(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              "remote-it")) {
        p.publish(extract.topic(), extract.records(), extract.manifest());
      }

      HearthConfig.Flink remote =
          new HearthConfig.Flink(
              Optional.of(rest.getHost() + ":" + rest.getPort()),
              1,
              StateBackend.HASHMAP,
              Duration.ofSeconds(1),
              Optional.empty(),
              Optional.of(jobJar));
      StreamExecutionEnvironment env =
          FlinkEnvironments.create(remote, work, List.of(remote.jobJar().orElseThrow()));
      LinkSettings s =
          TestTrust.settings(
              TestTrust.write(work),
              kafka.bootstrapServers(),
              "remote-it",
              pg.jdbcUrl(),
              pg.user(),
              pg.password());
      LinkJob.createIncidentTopics(s, TestTrust.PARTNERS);
      LinkJob.define(env, LinkJob.kafkaSource(s), s, LinkJob.outputs(s));
      env.execute(LinkJob.NAME);

      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          ResultSet rs =
              c.createStatement()
                  .executeQuery("SELECT count(*) FROM linked.current_contributions")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(250);
      }
    }
  }
}
