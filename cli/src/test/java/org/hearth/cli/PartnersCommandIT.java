package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.runtime.EmbeddedKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth partners add} against a broker that authenticates and authorises: the partner's
 * settings file lets it publish its own dataset, and only its own.
 */
class PartnersCommandIT {
  @TempDir Path dir;

  @AfterEach
  void restoreEnvironment() {
    Passwords.environment = System::getenv;
  }

  @Test
  void addedPartnersPublishTheirOwnDatasetsAndNoOneElses() throws Exception {
    Passwords.environment =
        () ->
            Map.of(
                "HEARTH_AUTHORITY_PASSWORD", "authority password",
                "HEARTH_PARTNER_KEY_PASSWORD", "partner password");
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(EmbeddedKafka.Settings.securedUnder(dir.resolve("kafka")))) {
      Path operator = dir.resolve("operator.properties");
      StringBuilder b = new StringBuilder();
      kafka
          .adminProperties()
          .forEach(
              (k, v) ->
                  b.append(
                          k.equals("bootstrap.servers")
                              ? "hearth.kafka.bootstrap-servers"
                              : "hearth.kafka.client." + k)
                      .append('=')
                      .append(v)
                      .append('\n'));
      Files.writeString(operator, b.toString());
      Path auth = dir.resolve("authority");
      Path county = dir.resolve("county");
      assertThat(CliErrorsTest.run("keys", "init", "--dir", auth.toString()).code()).isZero();
      assertThat(
              CliErrorsTest.run("generate", "--scale", "ward", "--out", county.toString()).code())
          .isZero();

      for (String partner : new String[] {"basildon-council", "essex-police"}) {
        var added =
            partner.equals("essex-police")
                ? add(
                    operator,
                    auth,
                    partner,
                    kafka.bootstrapServers(),
                    "--dataset",
                    "police-incidents")
                : add(operator, auth, partner, kafka.bootstrapServers());
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out())
            .contains("Added partner " + partner)
            .contains(
                "writes hearth."
                    + partner
                    + ".*, reads hearth-incidents."
                    + partner
                    + "; creates no topics")
            .contains(partner + ".v1.key.pem");
      }
      try (var admin = kafka.admin()) {
        assertThat(admin.listTopics().names().get())
            .contains("hearth.essex-police.police-incidents")
            .doesNotContain("hearth.basildon-council.housing-benefits");
      }
      Path basildon = auth.resolve("issued/basildon-council/hearth.properties");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(basildon)))
          .isEqualTo("rw-------");
      String settings = Files.readString(basildon);
      assertThat(settings)
          .contains("hearth.kafka.bootstrap-servers=" + kafka.bootstrapServers())
          .contains("username=\"partner-basildon-council\"")
          .doesNotContain(kafka.adminProperties().get("sasl.jaas.config").toString());

      var notOpened = publish(basildon, auth, county, "basildon-council", "housing-benefits");
      assertThat(notOpened.code()).isEqualTo(Hearth.FAILED);
      assertThat(notOpened.err())
          .contains(
              "hearth partners dataset --partner basildon-council --dataset housing-benefits");
      var opened =
          CliErrorsTest.run(
              "partners",
              "dataset",
              "--partner",
              "basildon-council",
              "--dataset",
              "housing-benefits",
              "--config",
              operator.toString());
      assertThat(opened.code()).as(opened.err()).isZero();
      assertThat(opened.out()).contains("Opened hearth.basildon-council.housing-benefits");

      var own = publish(basildon, auth, county, "basildon-council", "housing-benefits");
      assertThat(own.code()).as(own.err()).isIn(0, PublishCommand.PUBLISHED_WITH_REJECTS);
      assertThat(own.out()).contains("to hearth.basildon-council.housing-benefits");

      // the council's login with the police's keys: the police's topic is not the council's
      var other = publish(basildon, auth, county, "essex-police", "police-incidents");
      assertThat(other.code()).isEqualTo(Hearth.FAILED);
      assertThat(other.err()).contains("refused topic hearth.essex-police.police-incidents");

      var rules =
          CliErrorsTest.run(
              "partners",
              "rules",
              "--partner",
              "basildon-council",
              "--config",
              operator.toString());
      assertThat(rules.code()).as(rules.err()).isZero();
      assertThat(rules.out())
          .contains("write      topic            prefixed  hearth.basildon-council.")
          .contains("read       topic            literal   hearth-incidents.basildon-council")
          .doesNotContain("essex-police");

      var removed =
          CliErrorsTest.run(
              "partners", "remove", "--partner", "essex-police", "--config", operator.toString());
      assertThat(removed.code()).as(removed.err()).isZero();
      var none =
          CliErrorsTest.run(
              "partners", "rules", "--partner", "essex-police", "--config", operator.toString());
      assertThat(none.out()).contains("(none: partner-essex-police may do nothing)");

      var again = add(operator, auth, "basildon-council", kafka.bootstrapServers());
      assertThat(again.code()).isEqualTo(Hearth.FAILED);
      assertThat(again.err()).contains("already has keys");
    }
  }

  @Test
  void refusesTheEmbeddedPlatform() {
    var r =
        CliErrorsTest.run(
            "partners",
            "add",
            "--partner",
            "basildon-council",
            "--authority",
            dir.toString(),
            "--work-dir",
            dir.toString());
    assertThat(r.code()).isEqualTo(Hearth.USAGE);
    assertThat(r.err()).contains("hearth.kafka.bootstrap-servers");
  }

  private static CliErrorsTest.Result add(
      Path operator, Path auth, String partner, String clientBootstrap, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "partners",
                "add",
                "--partner",
                partner,
                "--authority",
                auth.toString(),
                "--client-bootstrap",
                clientBootstrap,
                "--config",
                operator.toString()));
    args.addAll(List.of(more));
    return CliErrorsTest.run(args.toArray(String[]::new));
  }

  private CliErrorsTest.Result publish(
      Path config, Path auth, Path county, String keysOf, String dataset) {
    String issued = auth.resolve("issued/" + keysOf + "/" + keysOf).toString();
    return CliErrorsTest.run(
        "publish",
        "--contract",
        dataset,
        "--file",
        county.resolve("extracts/2026-Q1/" + keysOf + "/" + dataset + ".csv").toString(),
        "--period",
        "2026-Q1",
        "--config",
        config.toString(),
        "--key-file",
        issued + ".v1.key.pem",
        "--signing-key",
        issued + ".v1.signing.pem",
        "--lookup",
        county.resolve("lookup/onspd-synthetic.csv").toString(),
        "--audit-dir",
        dir.resolve("audit-" + keysOf).toString(),
        "--work-dir",
        dir.toString());
  }
}
