package org.hearth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.hearth.runtime.HearthConfig.StateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HearthConfigLoaderTest {

  @Test
  void defaultsRunEverythingEmbedded() {
    HearthConfig c = HearthConfigLoader.load(Optional.empty(), Map.of(), Map.of());
    assertThat(c.kafka().embedded()).isTrue();
    assertThat(c.postgres().embedded()).isTrue();
    assertThat(c.flink().embedded()).isTrue();
    assertThat(c.postgres().launcher()).isEqualTo(PostgresLauncher.AUTO);
    assertThat(c.flink().stateBackend()).isEqualTo(StateBackend.HASHMAP);
    assertThat(c.flink().checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
    // no parallelism set: a MiniCluster runs with 2, a cluster with its own parallelism.default
    assertThat(c.flink().parallelismSetting()).isEmpty();
    assertThat(c.flink().parallelism()).isEqualTo(2);
    assertThat(c.workDir()).isAbsolute();
  }

  @Test
  void environmentOverridesTheFileAndOverridesWinOverBoth(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hearth.properties");
    Files.writeString(
        file,
        "hearth.kafka.bootstrap-servers=kafka-1:9092,kafka-2:9092\n"
            + "hearth.kafka.client.security.protocol=SASL_SSL\n"
            + "hearth.flink.parallelism=4\n"
            + "hearth.postgres.jdbc-url=jdbc:postgresql://db:5432/hearth\n");
    HearthConfig c =
        HearthConfigLoader.load(
            Optional.of(file),
            Map.of(
                "HEARTH_FLINK_PARALLELISM", "8",
                "HEARTH_FLINK_STATE_BACKEND", "rocksdb",
                "HEARTH_KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512",
                "HEARTH_POSTGRES_PASSWORD", "s3cret",
                "PATH", "/usr/bin"),
            Map.of(HearthConfigLoader.FLINK_REST, "jobmanager:8081"));
    assertThat(c.kafka().bootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
    assertThat(c.kafka().clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(c.flink().parallelism()).isEqualTo(8);
    assertThat(c.flink().parallelismSetting()).hasValue(8);
    assertThat(c.flink().stateBackend()).isEqualTo(StateBackend.ROCKSDB);
    assertThat(c.flink().restAddress()).contains("jobmanager:8081");
    assertThat(c.postgres().password().value()).isEqualTo("s3cret");
    assertThat(c.postgres().toString()).doesNotContain("s3cret");
  }

  @Test
  void invalidSettingsNameTheSettingInOneLine() {
    assertRejected(Map.of("hearth.flink.parallelism", "lots"), "hearth.flink.parallelism");
    assertRejected(Map.of("hearth.flink.parallelism", "0"), "between 1 and 1024");
    assertRejected(Map.of("hearth.flink.state-backend", "disk"), "hashmap, rocksdb");
    assertRejected(Map.of("hearth.postgres.jdbc-url", "mysql://x"), "jdbc:postgresql://");
    assertRejected(Map.of("hearth.kafka.bootstrap-servers", "kafka"), "host:port");
    assertRejected(Map.of("hearth.flink.checkpoint-interval", "2s"), "ISO-8601");
    assertRejected(Map.of("hearth.kafak.bootstrap-servers", "x:1"), "unknown setting");
    assertRejected(Map.of("hearth.kafka.client.security.protocol", "SSL"), "external Kafka");
  }

  @Test
  void kafkaLoginsNeverReachTheConfigurationsText() {
    HearthConfig c =
        HearthConfigLoader.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                "hearth.kafka.bootstrap-servers", "kafka-1:9092",
                "hearth.kafka.client.sasl.jaas.config",
                    "ScramLoginModule required username=\"p\" password=\"s3cret-value\";",
                "hearth.kafka.client.ssl.truststore.password", "trust-s3cret",
                "hearth.kafka.client.sasl.mechanism", "SCRAM-SHA-512"));
    assertThat(c.kafka().clientProperties().get("sasl.jaas.config")).contains("s3cret-value");
    assertThat(c.toString())
        .doesNotContain("s3cret")
        .contains("sasl.mechanism=SCRAM-SHA-512")
        .contains("kafka-1:9092");
  }

  @Test
  void anUnreadableFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> HearthConfigLoader.load(Optional.of(dir.resolve("missing"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot be read");
  }

  @Test
  void otherProgramsHearthVariablesAreNotSettingsButMisspeltSettingsAre() {
    Map<String, String> env =
        Map.of(
            "HEARTH_JAVA_OPTS", "-Xmx2g",
            "HEARTH_PARTNER_KEY_PASSWORD", "pw",
            "HEARTH_SECRETS_DIR", "/srv/secrets",
            "HEARTH_HOME", "/opt/hearth",
            "HEARTH_WORK_DIR", "/tmp/hw");
    assertThat(HearthConfigLoader.load(Optional.empty(), env, Map.of()).workDir())
        .isEqualTo(Path.of("/tmp/hw"));
    assertThatThrownBy(
            () ->
                HearthConfigLoader.load(
                    Optional.empty(), Map.of("HEARTH_FLINK_PARALELISM", "2"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hearth.flink.paralelism");
  }

  @Test
  void environmentNamesMapToKeys() {
    assertThat(HearthConfigLoader.envToKey("HEARTH_KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("hearth.kafka.bootstrap-servers");
    assertThat(HearthConfigLoader.envToKey("HEARTH_WORK_DIR")).isEqualTo("hearth.work-dir");
    assertThat(HearthConfigLoader.envToKey("HEARTH_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION"))
        .isEqualTo("hearth.kafka.client.ssl.truststore.location");
  }

  private static void assertRejected(Map<String, String> settings, String message) {
    assertThatThrownBy(() -> HearthConfigLoader.load(Optional.empty(), Map.of(), settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "file:///var/lib/flink/checkpoints, file:///var/lib/flink/checkpoints",
    "s3://hearth-checkpoints/link, s3://hearth-checkpoints/link",
    "hdfs://namenode:8020/flink, hdfs://namenode:8020/flink",
    "/var/lib/flink/checkpoints, file:///var/lib/flink/checkpoints"
  })
  void aCheckpointUriReachesFlinkAsWritten(String setting, String expected) {
    HearthConfig c =
        HearthConfigLoader.load(
            Optional.empty(), Map.of(), Map.of(HearthConfigLoader.FLINK_CHECKPOINT_DIR, setting));
    assertThat(c.flink().checkpointDir()).contains(expected);
  }

  @Test
  void aRelativeCheckpointPathBecomesAbsolute() {
    HearthConfig c =
        HearthConfigLoader.load(
            Optional.empty(), Map.of(), Map.of(HearthConfigLoader.FLINK_CHECKPOINT_DIR, "cp"));
    assertThat(c.flink().checkpointDir().orElseThrow()).startsWith("file:///").endsWith("/cp");
  }
}
