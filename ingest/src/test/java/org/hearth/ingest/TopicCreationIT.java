package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.hearth.events.Topics;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.KafkaAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's topic step on a broker that authorises: its own topics, and nobody else's. */
class TopicCreationIT {
  @TempDir Path dir;

  @Test
  void aPartnerCreatesItsTopicOrUsesOneTheOperatorMadeAndIsRefusedAnotherPartners()
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.securedUnder(dir))) {
      Map<String, Object> council;
      Map<String, Object> operatorOnly;
      try (Admin admin = kafka.admin()) {
        KafkaAccess access = new KafkaAccess(admin);
        council = kafka.clientProperties(access.addPartner("basildon-council"));
        // a cluster run another way: the operator makes topics, the partner may only write
        operatorOnly = kafka.clientProperties(access.addPartner("essex-police"));
        List<AclBinding> creates =
            KafkaAccess.partnerRules("essex-police").stream()
                .filter(r -> r.entry().operation() == AclOperation.CREATE)
                .toList();
        admin.deleteAcls(creates.stream().map(AclBinding::toFilter).toList()).all().get();
      }
      kafka.createTopics(Topics.dataset("essex-police", "police-incidents"));

      String own = Topics.dataset("basildon-council", "housing-benefits");
      assertThatCode(() -> ExtractPublisher.createTopicIfAbsent(council, own))
          .doesNotThrowAnyException();
      assertThatCode(() -> ExtractPublisher.createTopicIfAbsent(council, own))
          .as("again, when it exists")
          .doesNotThrowAnyException();
      assertThatCode(
              () ->
                  ExtractPublisher.createTopicIfAbsent(
                      operatorOnly, Topics.dataset("essex-police", "police-incidents")))
          .doesNotThrowAnyException();
      assertThatThrownBy(
              () ->
                  ExtractPublisher.createTopicIfAbsent(
                      operatorOnly, Topics.dataset("essex-police", "not-made-yet")))
          .hasMessageContaining("Kafka refused topic hearth.essex-police.not-made-yet");
      assertThatThrownBy(
              () ->
                  ExtractPublisher.createTopicIfAbsent(
                      council, Topics.dataset("essex-police", "police-incidents")))
          .hasMessageContaining("Kafka refused topic hearth.essex-police.police-incidents")
          .hasMessageNotContaining("password");
    }
  }
}
