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
import org.hearth.events.ExtractMode;
import org.hearth.events.ManifestSigning;
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
    return harness(trust.registryJson());
  }

  KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> harness(
      String registryJson) throws Exception {
    var h = unopened(registryJson);
    h.open();
    return h;
  }

  KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> unopened()
      throws Exception {
    return unopened(trust.registryJson());
  }

  KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> unopened(
      String registryJson) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ExtractGate(registryJson, Duration.ofMinutes(5))),
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
      // nothing of the extract is held: only the dataset's ledger and the ids accepted (one map)
      assertThat(h.numKeyedStateEntries()).isEqualTo(2);
    }
  }

  @Test
  void aLargeExtractLeavesTheGateInNumberedChunksWithEveryRecordOnceInOrder() throws Exception {
    int n = 2 * ExtractGate.CHUNK + 17;
    var x = extract("basildon-council", n);
    try (var h = harness()) {
      feed(h, events(x.records(), x.manifest()));
      List<VerifiedExtract> out = h.extractOutputValues();
      assertThat(out).extracting(VerifiedExtract::chunk).containsExactly(0, 1, 2);
      assertThat(out).extracting(VerifiedExtract::last).containsExactly(false, false, true);
      assertThat(out)
          .extracting(v -> v.records().length)
          .containsExactly(ExtractGate.CHUNK, ExtractGate.CHUNK, 17);
      long expected = 0;
      for (VerifiedExtract v : out) {
        assertThat(v.header().extractId()).isEqualTo(x.manifest().getExtractId());
        for (PartnerEvent e : v.records()) {
          assertThat(e.sequence()).isEqualTo(expected++);
        }
      }
      assertThat(expected).isEqualTo(n);
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
      // nothing of either extract is held: the dataset's ledger and the ids accepted (one map)
      assertThat(h.numKeyedStateEntries()).isEqualTo(2);
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

  // --- issue 20.7: restarts and the end of a bounded run decide every extract ---

  static final long TIMEOUT = Duration.ofMinutes(5).toMillis();

  static List<ExtractOutcome> outcomes(
      KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> h) {
    var q = h.getSideOutput(ExtractGate.OUTCOMES);
    return q == null ? List.of() : q.stream().map(r -> r.getValue()).toList();
  }

  @Test
  void recordsWhoseManifestNeverComesAreQuarantinedWhenTheWaitEnds() throws Exception {
    var x = extract("basildon-council", 6);
    List<PartnerEvent> records = events(x.records(), x.manifest()).subList(0, 6);
    try (var h = harness()) {
      feed(h, records);
      h.setProcessingTime(1_000 + TIMEOUT - 1);
      assertThat(outcomes(h)).isEmpty();
      h.setProcessingTime(1_000 + TIMEOUT);
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(incidents(h)).containsExactly("missing-manifest");
      ExtractOutcome o = outcomes(h).get(0);
      assertThat(o.extractId()).isEqualTo(id(x));
      assertThat(o.status()).isEqualTo(ExtractOutcome.QUARANTINED);
      assertThat(o.received()).isEqualTo(6);
      assertThat(o.quarantined()).isEqualTo(6);
      assertThat(o.recordCount()).isZero(); // no manifest declared any
      assertThat(h.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void theWaitForAManifestRunsFromTheLastRecordThatArrived() throws Exception {
    // a large extract read slowly: its records keep arriving for longer than the timeout
    var x = extract("basildon-council", 6);
    List<PartnerEvent> events = events(x.records(), x.manifest());
    try (var h = harness()) {
      feed(h, events.subList(0, 3));
      h.setProcessingTime(1_000 + TIMEOUT - 1);
      feed(h, events.subList(3, 6));
      h.setProcessingTime(1_000 + TIMEOUT + TIMEOUT / 2);
      assertThat(outcomes(h)).isEmpty();
      feed(h, events.subList(6, 7));
      assertThat(passed(h)).containsExactly(id(x) + ":6");
      assertThat(incidents(h)).isEmpty();
    }
  }

  @Test
  void anExtractInFlightAtASavepointGetsAWholeWaitAfterALateRestart() throws Exception {
    var x = extract("basildon-council", 6);
    List<PartnerEvent> events = events(x.records(), x.manifest());
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      feed(h, events.subList(0, 4));
      snapshot = h.snapshot(1, 1);
    }
    long restart = 1_000 + Duration.ofHours(3).toMillis(); // the job was stopped for hours
    try (var h = unopened()) {
      h.setProcessingTime(restart);
      h.initializeState(snapshot);
      h.open();
      h.setProcessingTime(restart + 1); // the deadline that passed while it was down comes due
      assertThat(outcomes(h)).isEmpty();
      feed(h, events.subList(4, events.size())); // the rest, read after the restart
      assertThat(passed(h)).containsExactly(id(x) + ":6");
    }
    try (var h = unopened()) {
      h.setProcessingTime(restart);
      h.initializeState(snapshot);
      h.open();
      h.setProcessingTime(restart + TIMEOUT - 1);
      assertThat(outcomes(h)).isEmpty();
      h.setProcessingTime(restart + TIMEOUT + 1); // nothing more came: a whole wait, then decided
      assertThat(incidents(h)).containsExactly("missing-manifest");
    }
  }

  @Test
  void everyExtractStillOpenWhenABoundedRunEndsIsQuarantinedAsIncomplete() throws Exception {
    var waiting = extract("basildon-council", "2026-Q1", 6); // its manifest, a record missing
    var orphans = extract("basildon-council", "2026-Q2", 5); // records, no manifest
    var complete = extract("essex-police", "2026-Q1", 4);
    List<PartnerEvent> w = new ArrayList<>(events(waiting));
    w.remove(2);
    try (var h = harness()) {
      feed(h, w);
      feed(h, events(orphans).subList(0, 5));
      feed(h, events(complete));
      assertThat(outcomes(h)).isEmpty();
      // the end of a bounded input: Flink advances event time to the end of time
      h.processWatermark(Long.MAX_VALUE);
      assertThat(passed(h)).containsExactly(id(complete) + ":4");
      assertThat(outcomes(h))
          .extracting(o -> o.extractId() + ":" + o.status() + ":" + o.reason() + ":" + o.received())
          .containsExactlyInAnyOrder(
              id(waiting) + ":QUARANTINED:incomplete-at-end-of-run:5",
              id(orphans) + ":QUARANTINED:incomplete-at-end-of-run:5");
      assertThat(h.getSideOutput(ExtractGate.INCIDENTS))
          .extracting(r -> r.getValue().extractId() + ":" + r.getValue().rule())
          .containsExactlyInAnyOrder(
              id(waiting) + ":incomplete-at-end-of-run", id(orphans) + ":incomplete-at-end-of-run");
      // nothing of them is held: only the complete extract's ledger and ids accepted
      assertThat(h.numKeyedStateEntries()).isEqualTo(2);
    }
  }

  @Test
  void theEndOfABoundedRunDecidesNothingWhenNoExtractIsOpen() throws Exception {
    var x = extract("basildon-council", 4);
    try (var h = harness()) {
      feed(h, events(x));
      h.processWatermark(Long.MAX_VALUE);
      assertThat(passed(h)).containsExactly(id(x) + ":4");
      assertThat(outcomes(h)).isEmpty();
      assertThat(incidents(h)).isEmpty();
    }
  }

  // --- issue 20: no extract can wipe, roll back, duplicate or impersonate ---

  static SyntheticExtract.Extract placed(
      String partner, String dataset, String period, int n, long sequence, boolean confirm) {
    return TestTrust.extract(partner, dataset, period, n, sequence, confirm);
  }

  static SyntheticExtract.Extract placed(String period, int n, long sequence) {
    return placed("basildon-council", "housing-benefits", period, n, sequence, false);
  }

  static List<PartnerEvent> events(SyntheticExtract.Extract x) {
    return events(x.records(), x.manifest());
  }

  /** What the gate passed, as extract id and record count. */
  static List<String> passed(
      KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> h) {
    return h.extractOutputValues().stream()
        .map(v -> v.header().extractId() + ":" + v.records().length)
        .toList();
  }

  static List<String> incidents(
      KeyedOneInputStreamOperatorTestHarness<String, PartnerEvent, VerifiedExtract> h) {
    var q = h.getSideOutput(ExtractGate.INCIDENTS);
    return q == null ? List.of() : q.stream().map(r -> r.getValue().rule()).toList();
  }

  static String id(SyntheticExtract.Extract x) {
    return x.manifest().getExtractId();
  }

  @Test
  void aFullExtractOfNothingRetractsNothingUnlessTheManifestConfirmsIt() throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    var empty = placed("2026-Q2", 0, 2);
    var confirmed = placed("basildon-council", "housing-benefits", "2026-Q3", 0, 3, true);
    try (var h = harness()) {
      feed(h, events(q1));
      feed(h, events(empty));
      assertThat(passed(h)).containsExactly(id(q1) + ":20");
      assertThat(incidents(h)).containsExactly("empty-full-extract");
      ExtractOutcome o = h.getSideOutput(ExtractGate.OUTCOMES).peek().getValue();
      assertThat(o.status()).isEqualTo(ExtractOutcome.QUARANTINED);
      assertThat(o.extractId()).isEqualTo(id(empty));
      feed(h, events(confirmed));
      assertThat(passed(h)).containsExactly(id(q1) + ":20", id(confirmed) + ":0");
    }
  }

  @Test
  void aFullExtractOfNothingIsRefusedEvenWhenTheGateHoldsNothingOfTheDataset() throws Exception {
    // e.g. the job restarted without state: the gate cannot know what the extract would wipe
    try (var h = harness()) {
      feed(h, events(placed("2026-Q2", 0, 2)));
      assertThat(passed(h)).isEmpty();
      assertThat(incidents(h)).containsExactly("empty-full-extract");
    }
  }

  @Test
  void aFullExtractThatShrinksTheDatasetBeyondTheLimitIsQuarantinedUnlessConfirmed()
      throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    var shrunk = placed("2026-Q2", 9, 2); // 55% fewer: over the 50% default
    var confirmed = placed("basildon-council", "housing-benefits", "2026-Q3", 9, 3, true);
    var half = placed("2026-Q4", 5, 4); // 9 -> 5 is 44% fewer: within the limit
    try (var h = harness()) {
      feed(h, events(q1));
      feed(h, events(shrunk));
      assertThat(passed(h)).containsExactly(id(q1) + ":20");
      assertThat(incidents(h)).containsExactly("dataset-shrink");
      feed(h, events(confirmed));
      feed(h, events(half));
      assertThat(passed(h)).containsExactly(id(q1) + ":20", id(confirmed) + ":9", id(half) + ":5");
      assertThat(incidents(h)).containsExactly("dataset-shrink");
    }
  }

  @Test
  void theShrinkLimitIsTheDatasetsOwnWhenTheRegistrySetsOne() throws Exception {
    String registry = TestTrust.withDatasets(trust.registryJson(), "housing-benefits", null, 10);
    try (var h = harness(registry)) {
      feed(h, events(placed("2026-Q1", 20, 1)));
      feed(h, events(placed("2026-Q2", 17, 2))); // 15% fewer: over a 10% limit
      assertThat(incidents(h)).containsExactly("dataset-shrink");
    }
  }

  @Test
  void aReplayedOlderExtractIsRefusedAndChangesNothing() throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    var q2 = placed("2026-Q2", 18, 2);
    try (var h = harness()) {
      feed(h, events(q1));
      feed(h, events(q2));
      feed(h, events(q1)); // genuinely signed, re-sent after a newer one landed
      assertThat(passed(h)).containsExactly(id(q1) + ":20", id(q2) + ":18");
      assertThat(incidents(h)).containsExactly("replayed-extract");
      // the refused replay did not move the dataset on: the next in sequence still lands
      var q3 = placed("2026-Q3", 18, 3);
      feed(h, events(q3));
      assertThat(passed(h)).last().isEqualTo(id(q3) + ":18");
    }
  }

  @Test
  void anExtractOlderInSequenceThanTheLastAcceptedIsRefused() throws Exception {
    var newer = placed("2026-Q2", 20, 5);
    var older = placed("2026-Q1", 20, 3); // never seen, but numbered before what landed
    try (var h = harness()) {
      feed(h, events(newer));
      feed(h, events(older));
      assertThat(passed(h)).containsExactly(id(newer) + ":20");
      assertThat(incidents(h)).containsExactly("out-of-order-extract");
    }
  }

  @Test
  void anUnsequencedManifestIsRefusedOnceTheDatasetIsSequenced() throws Exception {
    try (var h = harness()) {
      feed(h, events(placed("2026-Q1", 20, 7)));
      feed(h, events(extract("basildon-council", "2026-Q2", 20))); // an old edge, or a stripped one
      assertThat(incidents(h)).containsExactly("out-of-order-extract");
    }
  }

  @Test
  void aSecondCopyOfTheLastExtractIsADuplicateAndChangesNothing() throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    // the same content published again (crash after the commit, or a fresh --audit-dir):
    // same extract id, a later sequence number
    var again = placed("2026-Q1", 20, 2);
    try (var h = harness()) {
      feed(h, events(q1));
      feed(h, events(again));
      assertThat(passed(h)).containsExactly(id(q1) + ":20");
      assertThat(incidents(h)).containsExactly("duplicate-extract");
    }
  }

  @Test
  void aDuplicateIsRecognisedAfterARestartFromACheckpoint() throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      feed(h, events(q1));
      snapshot = h.snapshot(1, 1);
    }
    try (var h = unopened(trust.registryJson())) {
      h.initializeState(snapshot);
      h.open();
      feed(h, events(placed("2026-Q1", 20, 2)));
      assertThat(passed(h)).isEmpty();
      assertThat(incidents(h)).containsExactly("duplicate-extract");
    }
  }

  /** The extract re-signed as a delta on top of {@code replaces}. */
  static List<PartnerEvent> delta(SyntheticExtract.Extract x, String replaces) {
    ExtractManifest m =
        ManifestSigning.sign(
            ExtractManifest.newBuilder(x.manifest())
                .setMode(ExtractMode.DELTA)
                .setReplaces(replaces)
                .build(),
            TestTrust.AUTHORITY.signingKey(x.manifest().getPartner(), 1));
    return events(x.records(), m);
  }

  @Test
  void aDeltaOnTopOfAnotherExtractThanTheLastAcceptedIsRefused() throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    var onOther = placed("2026-Q2", 3, 2);
    var onQ1 = placed("2026-Q3", 3, 3);
    try (var h = harness()) {
      feed(h, events(q1));
      feed(h, delta(onOther, "basildon-council.housing-benefits.2025-Q4"));
      feed(h, delta(onQ1, id(q1)));
      assertThat(passed(h)).containsExactly(id(q1) + ":20", id(onQ1) + ":3");
      assertThat(incidents(h)).containsExactly("delta-base-mismatch");
    }
  }

  /** A signed delta that deletes the first {@code n} records of {@code x}. */
  static List<PartnerEvent> deleting(
      SyntheticExtract.Extract x, int n, String period, long sequence, boolean confirm) {
    List<PartnerRecord> deletes = new ArrayList<>();
    var digest = new ExtractDigest();
    for (int i = 0; i < n; i++) {
      PartnerRecord d =
          PartnerRecord.newBuilder(x.records().get(i))
              .setExtractId("delete." + period)
              .setSequence(i)
              .setOperation(org.hearth.events.Operation.DELETE)
              .setMatchKeys(List.of())
              .setAttributes(Map.of())
              .build();
      digest.add(d);
      deletes.add(d);
    }
    ExtractManifest m =
        ManifestSigning.sign(
            ExtractManifest.newBuilder(x.manifest())
                .setExtractId("delete." + period)
                .setPeriod(period)
                .setMode(ExtractMode.DELTA)
                .setRecordCount(n)
                .setContentDigest(java.nio.ByteBuffer.wrap(digest.digest()))
                .setSequence(sequence)
                .setReplaces(x.manifest().getExtractId())
                .setConfirmShrink(confirm)
                .build(),
            TestTrust.AUTHORITY.signingKey(x.manifest().getPartner(), 1));
    return events(deletes, m);
  }

  @Test
  void aDeltaThatDeletesMoreThanTheLimitIsQuarantinedUnlessConfirmed() throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    try (var h = harness()) {
      feed(h, events(q1));
      feed(h, deleting(q1, 15, "2026-Q2", 2, false)); // 75% of the dataset deleted
      assertThat(passed(h)).containsExactly(id(q1) + ":20");
      assertThat(incidents(h)).containsExactly("dataset-shrink");
      feed(h, deleting(q1, 15, "2026-Q3", 3, true));
      assertThat(passed(h)).containsExactly(id(q1) + ":20", "delete.2026-Q3:15");
    }
  }

  @Test
  void anotherPartnersExtractReSentOnThisPartnersTopicIsRefused() throws Exception {
    // essex-police's login re-sends a genuine basildon-council extract on its own topic
    var x = placed("2026-Q1", 20, 1);
    try (var h = harness()) {
      feed(h, onTopic(events(x), "essex-police", "housing-benefits"));
      assertThat(passed(h)).isEmpty();
      assertThat(incidents(h)).containsExactly("partner-not-topic-owner");
      Incident i = h.getSideOutput(ExtractGate.INCIDENTS).peek().getValue();
      assertThat(i.partner()).isEqualTo("essex-police"); // told to who sent it, not who it names
    }
  }

  @Test
  void anExtractOfAnotherDatasetOnADatasetsTopicIsRefused() throws Exception {
    var x = placed("2026-Q1", 20, 1);
    try (var h = harness()) {
      feed(h, onTopic(events(x), "basildon-council", "youth-offending"));
      assertThat(passed(h)).isEmpty();
      assertThat(incidents(h)).containsExactly("dataset-not-topic");
    }
  }

  @Test
  void aPartnerPublishingADatasetTheRegistryGivesToOthersIsRefused() throws Exception {
    String registry =
        TestTrust.withDatasets(
            trust.registryJson(), "police-incidents", List.of("essex-police"), null);
    var foreign = placed("basildon-council", "police-incidents", "2026-Q1", 6, 1, false);
    var own = placed("essex-police", "police-incidents", "2026-Q1", 6, 1, false);
    var unlisted = placed("basildon-council", "housing-benefits", "2026-Q1", 6, 1, false);
    try (var h = harness(registry)) {
      feed(h, events(foreign));
      feed(h, events(own));
      feed(h, events(unlisted));
      assertThat(passed(h)).containsExactly(id(own) + ":6", id(unlisted) + ":6");
      assertThat(incidents(h)).containsExactly("dataset-not-owned");
    }
  }

  @Test
  void noIncidentOfTheseRulesCarriesMoreThanTheExtractsName() throws Exception {
    var q1 = placed("2026-Q1", 20, 1);
    try (var h = harness()) {
      feed(h, events(q1));
      feed(h, events(q1));
      feed(h, events(placed("2026-Q2", 0, 2)));
      feed(h, onTopic(events(placed("2026-Q3", 3, 3)), "essex-police", "housing-benefits"));
      for (var r : h.getSideOutput(ExtractGate.INCIDENTS)) {
        Incident i = r.getValue();
        assertThat(i.field()).isEqualTo(ExtractGate.EXTRACT_FIELD);
        assertThat(i.sequence()).isEqualTo(-1);
      }
      assertThat(incidents(h))
          .containsExactly("duplicate-extract", "empty-full-extract", "partner-not-topic-owner");
    }
  }

  /** The events as the source delivers them from {@code hearth.<partner>.<dataset>}. */
  static List<PartnerEvent> onTopic(List<PartnerEvent> events, String partner, String dataset) {
    return events.stream().map(e -> e.onTopic(partner, dataset)).toList();
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
