package org.hearth.link.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.PartnerRecord;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.link.PartnerEvent;
import org.hearth.link.TestTrust;
import org.hearth.link.guard.Incident;
import org.hearth.link.rekey.LocalTrust;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate as Flink runs it: only a complete, untampered, properly signed extract passes. */
class ExtractGateTest {
  @TempDir static Path dir;
  static LocalTrust trust;

  @BeforeAll
  static void keys() {
    trust = TestTrust.write(dir);
  }

  static SyntheticExtract.Extract extract(String partner, int n) {
    return extract(partner, "2026-Q1", n);
  }

  static SyntheticExtract.Extract extract(String partner, String period, int n) {
    return SyntheticExtract.build(
        TestTrust.AUTHORITY.partnerKey(partner, 1),
        TestTrust.AUTHORITY.signingKey(partner, 1),
        "housing-benefits",
        period,
        n);
  }

  static List<PartnerEvent> events(List<PartnerRecord> records, ExtractManifest m) {
    List<PartnerEvent> out = new ArrayList<>();
    for (PartnerRecord r : records) {
      out.add(PartnerEvent.record(r, ExtractDigest.recordHash(EventCodec.encode(r))));
    }
    out.add(
        PartnerEvent.manifest(
            m.getPartner(), m.getDataset(), m.getExtractId(), EventCodec.encode(m)));
    return out;
  }

  KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> harness()
      throws Exception {
    var h = unopened();
    h.open();
    return h;
  }

  KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> unopened()
      throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ExtractGate(trust.registryJson(), Duration.ofMinutes(5))),
            ExtractGate::key,
            Types.STRING);
    h.setProcessingTime(1_000);
    return h;
  }

  static void feed(
      KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> h,
      List<PartnerEvent> events)
      throws Exception {
    for (PartnerEvent e : events) {
      h.processElement(new StreamRecord<>(e, 0));
    }
  }

  @Test
  void aSignedCompleteExtractPassesWithEveryRecordInOrder() throws Exception {
    var x = extract("basildon-council", 20);
    try (var h = harness()) {
      feed(h, events(x.records(), x.manifest()));
      List<VerifiedExtract> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).records()).hasSize(20);
      assertThat(out.get(0).records()[7].sequence()).isEqualTo(7);
      assertThat(out.get(0).header().refused()).isZero();
      assertThat(h.getSideOutput(ExtractGate.INCIDENTS)).isNullOrEmpty();
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void interleavedExtractsOfOneDatasetPassApartInTheOrderTheirManifestsArrive() throws Exception {
    var first = extract("basildon-council", "2026-Q1", 8);
    var second = extract("basildon-council", "2026-Q2", 5);
    List<PartnerEvent> a = events(first.records(), first.manifest());
    List<PartnerEvent> b = events(second.records(), second.manifest());
    assertThat(first.manifest().getExtractId()).isNotEqualTo(second.manifest().getExtractId());
    List<PartnerEvent> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < b.size()) {
        mixed.add(b.get(i)); // the second publisher's manifest arrives first
      }
      if (i < a.size()) {
        mixed.add(a.get(i));
      }
    }
    try (var h = harness()) {
      feed(h, mixed);
      assertThat(h.extractOutputValues())
          .extracting(v -> v.header().extractId() + ":" + v.records().length)
          .containsExactly(
              second.manifest().getExtractId() + ":5", first.manifest().getExtractId() + ":8");
      assertThat(h.getSideOutput(ExtractGate.INCIDENTS)).isNullOrEmpty();
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void aRefusedRecordIsCountedAndTheRestPass() throws Exception {
    var x = extract("basildon-council", 5);
    List<PartnerEvent> events = events(x.records(), x.manifest());
    events.set(2, events.get(2).refused());
    try (var h = harness()) {
      feed(h, events);
      VerifiedExtract v = h.extractOutputValues().get(0);
      assertThat(v.records()).hasSize(4);
      assertThat(v.header().refused()).isEqualTo(1);
    }
  }

  @Test
  void aTamperedRecordQuarantinesTheWholeExtract() throws Exception {
    var x = extract("basildon-council", 10);
    List<PartnerRecord> records = new ArrayList<>(x.records());
    records.set(
        4,
        PartnerRecord.newBuilder(records.get(4))
            .setAttributes(Map.of("council_tax_band", "H"))
            .build());
    assertQuarantined(events(records, x.manifest()), "content-digest", 10);
  }

  @Test
  void aTamperedManifestIsRefused() throws Exception {
    var x = extract("basildon-council", 10);
    ExtractManifest forged = ExtractManifest.newBuilder(x.manifest()).setPeriod("2025-Q4").build();
    assertQuarantined(events(x.records(), forged), "manifest-signature", 10);
  }

  @Test
  void aManifestSignedByAnotherPartnerIsRefused() throws Exception {
    var x = extract("basildon-council", 3);
    var other = extract("essex-police", 3);
    ExtractManifest m =
        ExtractManifest.newBuilder(x.manifest())
            .setSignature(other.manifest().getSignature())
            .build();
    assertQuarantined(events(x.records(), m), "manifest-signature", 3);
  }

  @Test
  void aPartnerTheRegistryDoesNotKnowIsRefused() throws Exception {
    var x = extract("thurrock-council", 3);
    assertQuarantined(events(x.records(), x.manifest()), "unknown-key-version", 3);
  }

  @Test
  void aMissingRecordQuarantinesTheExtractWhenTheWaitEnds() throws Exception {
    var x = extract("basildon-council", 6);
    List<PartnerEvent> events = events(x.records(), x.manifest());
    events.remove(3);
    try (var h = harness()) {
      feed(h, events);
      assertThat(h.extractOutputValues()).isEmpty();
      h.setProcessingTime(1_000 + Duration.ofMinutes(5).toMillis());
      assertThat(h.extractOutputValues()).isEmpty();
      ExtractOutcome o = h.getSideOutput(ExtractGate.OUTCOMES).peek().getValue();
      assertThat(o.reason()).isEqualTo("record-count");
      assertThat(o.received()).isEqualTo(5);
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void aRestartMidExtractFromACheckpointPassesTheSameExtract() throws Exception {
    var x = extract("basildon-council", 30);
    List<PartnerEvent> events = events(x.records(), x.manifest());
    List<VerifiedExtract> uninterrupted;
    try (var h = harness()) {
      feed(h, events);
      uninterrupted = h.extractOutputValues();
    }
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      feed(h, events.subList(0, 12));
      snapshot = h.snapshot(1, 1);
      feed(h, events.subList(12, 20)); // lost with the failure
    }
    try (var h = unopened()) {
      h.initializeState(snapshot);
      h.open();
      feed(h, events.subList(12, events.size())); // the source rewinds to the checkpoint
      List<VerifiedExtract> restarted = h.extractOutputValues();
      assertThat(restarted).hasSize(1);
      assertThat(restarted.get(0).header()).isEqualTo(uninterrupted.get(0).header());
      assertThat(restarted.get(0).records())
          .extracting(PartnerEvent::sequence)
          .containsExactlyElementsOf(
              java.util.Arrays.stream(uninterrupted.get(0).records())
                  .map(PartnerEvent::sequence)
                  .toList());
    }
  }

  private void assertQuarantined(List<PartnerEvent> events, String rule, long quarantined)
      throws Exception {
    try (var h = harness()) {
      feed(h, events);
      assertThat(h.extractOutputValues()).isEmpty();
      Incident i = h.getSideOutput(ExtractGate.INCIDENTS).peek().getValue();
      assertThat(i.rule()).isEqualTo(rule);
      assertThat(i.field()).isEqualTo(ExtractGate.EXTRACT_FIELD);
      ExtractOutcome o = h.getSideOutput(ExtractGate.OUTCOMES).peek().getValue();
      assertThat(o.status()).isEqualTo(ExtractOutcome.QUARANTINED);
      assertThat(o.quarantined()).isEqualTo(quarantined);
      assertThat(o.landed()).isZero();
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }
}
