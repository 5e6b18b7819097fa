package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partner's first run: keys from the authority, a synthetic extract, a dry run. */
class PublishCliTest {
  @TempDir Path dir;

  @Test
  void dryRunWritesTheAuditAndReportsByRule() throws Exception {
    try (PartnerSetup p = PartnerSetup.create(dir, "essex-police", 1)) {
      var r = dryRun(p, p.signingKey(), "--lookup", p.lookup());
      assertThat(r.code()).as(r.err()).isIn(0, PublishCommand.PUBLISHED_WITH_REJECTS);
      assertThat(r.out())
          .contains("Checked (dry run) police-incidents.csv")
          .contains("rows read")
          .contains("audit:");
      try (var s = Files.walk(dir.resolve("audit"))) {
        assertThat(s.map(f -> f.getFileName().toString()).toList())
            .contains("sent.avro", "receipt.json", "manifest.json", "rejects.csv");
      }
    }
  }

  @Test
  void anotherPartnersSigningKeyIsRefusedBeforeAnythingIsRead() throws Exception {
    try (PartnerSetup p = PartnerSetup.create(dir, "essex-police", 1)) {
      assertThat(
              CliErrorsTest.run(
                      "keys",
                      "issue-partner",
                      "--dir",
                      p.authority().toString(),
                      "--partner",
                      "basildon-council")
                  .code())
          .isZero();
      String basildonSigning =
          p.authority()
              .resolve("issued/basildon-council/basildon-council.v1.signing.pem")
              .toString();
      var r = dryRun(p, basildonSigning);
      assertThat(r.code()).isEqualTo(Hearth.FAILED);
      assertThat(r.err().lines().findFirst().orElse(""))
          .startsWith("hearth: ")
          .contains("signing key of basildon-council version 1, not of essex-police version 1");
      assertThat(dir.resolve("audit")).doesNotExist();
    }
  }

  /** A dry run of the partner's police-incidents extract for 2026-Q1 with the signing key. */
  private CliErrorsTest.Result dryRun(PartnerSetup p, String signingKey, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "publish",
                "--dry-run",
                "--file",
                p.extract("2026-Q1", "police-incidents"),
                "--contract",
                "police-incidents",
                "--period",
                "2026-Q1",
                "--key-file",
                p.keyFile(),
                "--signing-key",
                signingKey,
                "--audit-dir",
                dir.resolve("audit").toString()));
    args.addAll(List.of(more));
    return CliErrorsTest.run(args.toArray(String[]::new));
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
    // what a consumer of the topic reads: the envelope with the contract's typed attributes
    var schema = CliErrorsTest.run("contracts", "schema", "school-readiness");
    assertThat(schema.code()).isZero();
    org.apache.avro.Schema parsed = new org.apache.avro.Schema.Parser().parse(schema.out());
    assertThat(parsed.getName()).isEqualTo("SchoolReadinessRecord");
    assertThat(
            parsed
                .getField("attributes")
                .schema()
                .getField("free_school_meals")
                .schema()
                .toString())
        .contains("boolean");
    assertThat(
            new org.apache.avro.Schema.Parser()
                .parse(CliErrorsTest.run("contracts", "schema", mine.toString()).out())
                .getName())
        .isEqualTo("ReceptionBaselineRecord");
    Files.writeString(mine, "{\"dataset\": \"x\", \"fields\": []}");
    var bad = CliErrorsTest.run("contracts", "validate", mine.toString());
    assertThat(bad.code()).isEqualTo(Hearth.USAGE);
    assertThat(bad.err()).contains("at least one field");
  }
}
