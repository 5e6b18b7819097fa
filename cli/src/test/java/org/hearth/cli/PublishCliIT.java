package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.runtime.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partner's quarter through the CLI against a real broker: publish, refuse a re-run, delta. */
class PublishCliIT {
  @TempDir Path dir;

  @Test
  void publishThenRefuseTheSameContentThenSendADelta() throws Exception {
    try (PartnerSetup p = PartnerSetup.create(dir, "basildon-council", 2);
        EmbeddedKafka kafka =
            EmbeddedKafka.start(EmbeddedKafka.Settings.under(dir.resolve("kafka")))) {
      kafka.createTopics("hearth.basildon-council.housing-benefits");
      Path config =
          Files.writeString(
              dir.resolve("hearth.properties"),
              "hearth.kafka.bootstrap-servers=" + kafka.bootstrapServers() + "\n");
      String[] common = {
        "--contract",
        "housing-benefits",
        "--config",
        config.toString(),
        "--key-file",
        p.keyFile(),
        "--signing-key",
        p.signingKey(),
        "--lookup",
        p.lookup(),
        "--audit-dir",
        dir.resolve("audit").toString(),
        "--work-dir",
        dir.toString()
      };
      String q1 = p.extract("2026-Q1", "housing-benefits");
      String q2 = p.extract("2026-Q2", "housing-benefits");
      var first =
          CliErrorsTest.run(
              concat(new String[] {"publish", "--file", q1, "--period", "2026-Q1"}, common));
      assertThat(first.code()).as(first.err()).isIn(0, PublishCommand.PUBLISHED_WITH_REJECTS);
      assertThat(first.out())
          .contains("Published housing-benefits.csv as extract housing-benefits-2026-Q1-")
          .contains("to hearth.basildon-council.housing-benefits");
      var again =
          CliErrorsTest.run(
              concat(new String[] {"publish", "--file", q1, "--period", "2026-Q1"}, common));
      assertThat(again.code()).isEqualTo(Hearth.FAILED);
      assertThat(again.err()).contains("was already published as extract");
      var delta =
          CliErrorsTest.run(
              concat(
                  new String[] {"publish", "--delta", "--file", q2, "--period", "2026-Q2"},
                  common));
      assertThat(delta.code()).as(delta.err()).isIn(0, PublishCommand.PUBLISHED_WITH_REJECTS);
      assertThat(delta.out())
          .containsPattern(
              "delta: [\\d,]+ inserted, [\\d,]+ updated, [\\d,]+ deleted, [\\d,]+ unchanged");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
