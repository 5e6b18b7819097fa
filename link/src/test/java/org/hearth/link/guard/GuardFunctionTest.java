package org.hearth.link.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.hearth.link.PartnerEvent;
import org.junit.jupiter.api.Test;

/** The guard as Flink runs it: clean records pass, identifier-shaped ones become incidents. */
class GuardFunctionTest {

  private static PartnerEvent event(long seq, Map<String, String> attributes) {
    return new PartnerEvent(
        PartnerEvent.Kind.RECORD,
        "essex-police",
        "police-incidents",
        "x-1",
        seq,
        "UPSERT",
        1,
        new byte[16],
        new byte[0],
        attributes,
        new byte[32],
        null,
        -1);
  }

  @Test
  void identifierShapedRecordsBecomeIncidentsAndGoNoFurther() throws Exception {
    try (OneInputStreamOperatorTestHarness<PartnerEvent, PartnerEvent> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new GuardFunction())) {
      h.setProcessingTime(1_700_000_000_000L);
      PartnerEvent clean = event(0, Map.of("incident_type", "ASB", "postcode_sector", "ZX1 1"));
      PartnerEvent leaky =
          event(1, Map.of("incident_type", "ASB", "crime_group", "victim NHS 943 476 5919"));
      h.processElement(new StreamRecord<>(clean, 1));
      h.processElement(new StreamRecord<>(leaky, 2));
      // the refused record's place goes on (so its extract still adds up), its content does not
      assertThat(h.extractOutputValues()).hasSize(2);
      assertThat(h.extractOutputValues().get(0).attributes()).isEqualTo(clean.attributes());
      PartnerEvent place = h.extractOutputValues().get(1);
      assertThat(place.kind()).isEqualTo(PartnerEvent.Kind.REFUSED);
      assertThat(place.sequence()).isEqualTo(1);
      assertThat(place.attributes()).isEmpty();
      assertThat(place.matchKeys()).isNull();
      assertThat(place.recordKey()).isNull();
      var incidents = h.getSideOutput(GuardFunction.INCIDENTS);
      assertThat(incidents).hasSize(1);
      Incident i = incidents.peek().getValue();
      assertThat(i)
          .isEqualTo(
              new Incident(
                  "essex-police",
                  "police-incidents",
                  "x-1",
                  1,
                  "crime_group",
                  "nhs-number",
                  1_700_000_000_000L));
      assertThat(i.toString()).doesNotContain("943");
      assertThat(leaky.toString()).doesNotContain("943");
    }
  }
}
