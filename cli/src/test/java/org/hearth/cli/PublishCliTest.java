package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partner's first run: keys from the authority, a synthetic extract, a dry run. */
class PublishCliTest {
  @TempDir Path dir;

  @AfterEach
  void restore() {
    Passwords.environment = System::getenv;
  }

  @Test
  void dryRunWritesTheAuditAndReportsByRule() throws Exception {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "HEARTH_AUTHORITY_PASSWORD",
                "authority password",
                "HEARTH_PARTNER_KEY_PASSWORD",
                "partner password"));
    Passwords.environment = () -> env;
    String auth = dir.resolve("authority").toString();
    assertThat(CliErrorsTest.run("keys", "init", "--dir", auth).code()).isZero();
    assertThat(
            CliErrorsTest.run("keys", "issue-partner", "--dir", auth, "--partner", "essex-police")
                .code())
        .isZero();
    Path county = dir.resolve("county");
    assertThat(
            CliErrorsTest.run(
                    "generate", "--scale", "ward", "--quarters", "1", "--out", county.toString())
                .code())
        .isZero();
    var r =
        CliErrorsTest.run(
            "publish",
            "--dry-run",
            "--file",
            county.resolve("extracts/2026-Q1/essex-police/police-incidents.csv").toString(),
            "--contract",
            "police-incidents",
            "--period",
            "2026-Q1",
            "--key-file",
            auth + "/issued/essex-police/essex-police.v1.key.pem",
            "--signing-key",
            auth + "/issued/essex-police/essex-police.v1.signing.pem",
            "--lookup",
            county.resolve("lookup/onspd-synthetic.csv").toString(),
            "--audit-dir",
            dir.resolve("audit").toString());
    assertThat(r.code()).as(r.err()).isIn(0, PublishCommand.PUBLISHED_WITH_REJECTS);
    assertThat(r.out())
        .contains("Checked (dry run) police-incidents.csv")
        .contains("rows read")
        .contains("audit:");
    try (var s = Files.walk(dir.resolve("audit"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList())
          .contains("sent.avro", "receipt.json", "manifest.json", "rejects.csv");
    }
  }

  @Test
  void publishingNeedsAKafkaUnlessDryRun() {
    var r =
        CliErrorsTest.run(
            "publish",
            "--file",
            "x.csv",
            "--contract",
            "police-incidents",
            "--period",
            "2026-Q1",
            "--key-file",
            "k",
            "--signing-key",
            "s",
            "--work-dir",
            dir.toString());
    assertThat(r.code()).isEqualTo(Hearth.USAGE);
    assertThat(r.err()).contains("publish needs a Kafka");
  }

  @Test
  void contractsListShowValidate() throws Exception {
    assertThat(CliErrorsTest.run("contracts", "list").out())
        .contains("housing-benefits")
        .contains("da-homelessness");
    var show = CliErrorsTest.run("contracts", "show", "school-readiness");
    assertThat(show.out())
        .contains("\"dataset\": \"school-readiness\"")
        .contains("good_level_of_development");
    Path mine = dir.resolve("mine.json");
    Files.writeString(mine, show.out().replace("school-readiness", "reception-baseline"));
    assertThat(CliErrorsTest.run("contracts", "validate", mine.toString()).out())
        .contains("valid contract for dataset 'reception-baseline'");
    Files.writeString(mine, "{\"dataset\": \"x\", \"fields\": []}");
    var bad = CliErrorsTest.run("contracts", "validate", mine.toString());
    assertThat(bad.code()).isEqualTo(Hearth.USAGE);
    assertThat(bad.err()).contains("at least one field");
  }
}
