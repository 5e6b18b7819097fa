package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.link.LinkSettings;
import org.hearth.link.rekey.LocalTrust;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hearth link against "external" services (the embedded ones, reached by configuration). */
class LinkCommandIT {
  @TempDir Path dir;

  @Test
  void catchesUpOnConfiguredInfrastructure() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.under(dir.resolve("k")));
        EmbeddedPostgresServer pg =
            EmbeddedPostgresServer.start(
                EmbeddedPostgresServer.Settings.under(dir.resolve("p"), PostgresLauncher.AUTO))) {
      KeyAuthority authority =
          new KeyAuthority(new MasterSecret(new byte[32])); // an all-zero secret: tests only
      var extract =
          SyntheticExtract.build(
              authority.partnerKey("thurrock-council", 1),
              authority.signingKey("thurrock-council", 1),
              "housing-benefits",
              "2026-Q1",
              120);
      LocalTrust trust =
          LocalTrust.write(
              authority,
              List.of("thurrock-council"),
              List.of(LinkSettings.DEFAULT_PROJECT),
              dir.resolve("trust"));
      Path registry = Files.writeString(dir.resolve("registry.json"), trust.registryJson());
      kafka.createTopics(extract.topic());
      try (ExtractPublisher p =
          new ExtractPublisher(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              "link-cli")) {
        p.publish(extract.topic(), extract.records(), extract.manifest());
      }
      Path config =
          Files.writeString(
              dir.resolve("hearth.properties"),
              "hearth.kafka.bootstrap-servers="
                  + kafka.bootstrapServers()
                  + "\n"
                  + "hearth.postgres.jdbc-url="
                  + pg.jdbcUrl()
                  + "\n"
                  + "hearth.postgres.user="
                  + pg.user()
                  + "\n"
                  + "hearth.postgres.password="
                  + pg.password()
                  + "\n");
      var r =
          CliErrorsTest.run(
              "link",
              "--bounded",
              "--registry",
              registry.toString(),
              "--rekey-bundle",
              trust.bundle().bundleFile(),
              "--bundle-password-file",
              trust.bundle().passwordFile(),
              "--config",
              config.toString(),
              "--work-dir",
              dir.resolve("w").toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("migrations applied")
          .contains("catching up")
          .contains("link job finished");
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          ResultSet rs =
              c.createStatement()
                  .executeQuery("SELECT count(*) FROM linked.current_contributions")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(120);
      }
    }
  }

  @Test
  void refusesEmbeddedServices() {
    var r =
        CliErrorsTest.run(
            "link",
            "--work-dir",
            dir.toString(),
            "--registry",
            "registry.json",
            "--rekey-bundle",
            "link.bundle",
            "--bundle-password-file",
            "bundle.password");
    assertThat(r.code()).isEqualTo(Hearth.USAGE);
    assertThat(r.err()).contains("needs an external Kafka and PostgreSQL");
  }
}
