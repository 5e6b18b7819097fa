package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.hearth.events.Topics;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.KafkaAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's topic step on a broker that authorises: a dataset the operator opened is used; one
 * not opened, or another partner's, is a clear refusal before any row is read.
 */
class TopicCheckIT {
  @TempDir Path dir;

  @Test
  void aPartnerUsesTopicsTheOperatorOpenedAndIsToldHowToGetANewOne() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.securedUnder(dir))) {
      Map<String, Object> council;
      try (Admin admin = kafka.admin()) {
        KafkaAccess access = new KafkaAccess(admin);
        council = kafka.clientProperties(access.addPartner("basildon-council"));
        access.addPartner("essex-police");
        access.openDataset("basildon-council", "housing-benefits");
        access.openDataset("essex-police", "police-incidents");
      }

      assertThatCode(
              () ->
                  ExtractPublisher.requireTopic(
                      council, Topics.dataset("basildon-council", "housing-benefits")))
          .doesNotThrowAnyException();
      assertThatCode(
              () ->
                  ExtractPublisher.requireTopic(
                      council, Topics.dataset("basildon-council", Topics.SUBJECT_REQUESTS_DATASET)))
          .as("opened for every partner when it is added")
          .doesNotThrowAnyException();
      assertThatThrownBy(
              () ->
                  ExtractPublisher.requireTopic(
                      council, Topics.dataset("basildon-council", "not-opened")))
          .hasMessageContaining("topic hearth.basildon-council.not-opened does not exist")
          .hasMessageContaining(
              "hearth partners dataset --partner basildon-council --dataset not-opened");
      assertThatThrownBy(
              () ->
                  ExtractPublisher.requireTopic(
                      council, Topics.dataset("essex-police", "police-incidents")))
          .hasMessageContaining("Kafka refused topic hearth.essex-police.police-incidents")
          .hasMessageNotContaining("password");
      // settings without the login the brokers require: Kafka only times out, the message says why
      Map<String, Object> noLogin =
          Map.of(
              "bootstrap.servers", kafka.bootstrapServers(),
              "default.api.timeout.ms", 4_000,
              "request.timeout.ms", 2_000);
      assertThatThrownBy(
              () ->
                  ExtractPublisher.requireTopic(
                      noLogin, Topics.dataset("basildon-council", "housing-benefits")))
          .hasMessageContaining("could not check topic hearth.basildon-council.housing-benefits")
          .hasMessageContaining("the login the brokers require")
          .hasMessageContaining("sasl.jaas.config");
      try (Admin admin = kafka.admin()) {
        assertThat(admin.listTopics().names().get())
            .as("checking never creates")
            .doesNotContain(Topics.dataset("basildon-council", "not-opened"));
      }
    }
  }
}
