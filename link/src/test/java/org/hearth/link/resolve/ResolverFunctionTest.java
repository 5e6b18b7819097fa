package org.hearth.link.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.link.resolve.LinkageGraphTest.a;
import static org.hearth.link.resolve.LinkageGraphTest.addr;
import static org.hearth.link.resolve.LinkageGraphTest.nhs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.hearth.link.LinkSettings;
import org.hearth.link.TestTrust;
import org.hearth.link.rekey.LocalTrust;
import org.hearth.link.retain.Destruction;
import org.hearth.link.retain.RetentionRule;
import org.hearth.link.retain.RetentionRules;
import org.hearth.link.verify.ExtractGate;
import org.hearth.link.verify.ExtractHeader;
import org.hearth.link.verify.ExtractOutcome;
import org.hearth.link.verify.LinkedExtract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver as Flink runs it: retention destroys what a rule has outlived, and logs it. */
class ResolverFunctionTest {
  @TempDir static Path dir;
  static LocalTrust trust;

  static final long JAN_2025 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
  static final RetentionRule CLOSED_FAMILIES =
      new RetentionRule("closed-families", "supporting-families", "date_closed", null, 12);

  @BeforeAll
  static void keys() {
    trust = TestTrust.write(dir);
  }

  KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> harness()
      throws Exception {
    var h = unopened();
    h.open();
    return h;
  }

  KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> unopened()
      throws Exception {
    return unopened(trust);
  }

  KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> unopened(
      LocalTrust trusted) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ResolverFunction(
                    trusted.bundle(),
                    LinkSettings.DEFAULT_PROJECT,
                    RetentionRules.of(List.of(CLOSED_FAMILIES)),
                    Duration.ofDays(1))),
            ResolverFunction::key,
            Types.INT);
    h.setProcessingTime(JAN_2025);
    return h;
  }

  static LinkRecord family(String id, String closed, long arrived) {
    String[] attributes =
        closed == null
            ? new String[] {"services", "early-help"}
            : new String[] {"date_closed", closed, "services", "early-help"};
    return new LinkRecord(
        "basildon-council|supporting-families|" + id,
        "basildon-council",
        "supporting-families",
        "x",
        0,
        a(addr(id + " high st")),
        new String[] {nhs(id)},
        attributes,
        arrived);
  }

  static LinkedExtract delta(LinkRecord... records) {
    return LinkedExtract.whole(
        new ExtractHeader(
            "basildon-council",
            "supporting-families",
            "x",
            "2025-Q1",
            "DELTA",
            1,
            records.length,
            0),
        records,
        new String[0],
        new SubjectRequest[0]);
  }

  static long monthsAfter(long millis, int months) {
    return Instant.ofEpochMilli(millis)
        .atZone(ZoneOffset.UTC)
        .plusMonths(months)
        .toInstant()
        .toEpochMilli();
  }

  @Test
  void aClosedFamilyIsDestroyedTwelveMonthsAfterItsLastExtractAndTheDestructionIsLogged()
      throws Exception {
    LinkRecord closedEarly = family("1", "2024-12-01", JAN_2025);
    LinkRecord open = family("2", null, JAN_2025);
    LinkRecord closedLater = family("3", "2025-05-01", monthsAfter(JAN_2025, 6));
    try (var h = harness()) {
      h.processElement(new StreamRecord<>(delta(closedEarly, open, closedLater), 0));
      assertThat(h.extractOutputValues()).hasSize(3).noneMatch(Contribution::deleted);

      h.setProcessingTime(monthsAfter(JAN_2025, 12) - Duration.ofDays(2).toMillis());
      assertThat(deleted(h)).isEmpty();

      h.setProcessingTime(monthsAfter(JAN_2025, 12) + Duration.ofDays(2).toMillis());
      assertThat(deleted(h)).containsExactly("basildon-council/supporting-families#0");
      List<Destruction> log = destructions(h);
      assertThat(log).hasSize(1);
      assertThat(log.get(0).rule()).isEqualTo("closed-families");
      assertThat(log.get(0).records()).isEqualTo(1);
      assertThat(log.get(0).destroyedBy()).isEqualTo(Destruction.LINK_JOB);

      // the later-closed family and the open one stay until their own time
      h.setProcessingTime(monthsAfter(JAN_2025, 18) + Duration.ofDays(2).toMillis());
      assertThat(deleted(h)).hasSize(2);
      assertThat(destructions(h)).hasSize(2);
      h.setProcessingTime(monthsAfter(JAN_2025, 60));
      assertThat(deleted(h)).hasSize(2);
    }
  }

  @Test
  void everyContributionCarriesASecretRecordKeyThatNeverChanges() throws Exception {
    LinkRecord one = family("1", null, JAN_2025);
    LinkRecord two = family("2", null, JAN_2025);
    List<Contribution> first;
    try (var h = harness()) {
      h.processElement(new StreamRecord<>(delta(one, two), 0));
      first = new ArrayList<>(h.extractOutputValues());
    }
    assertThat(first).hasSize(2);
    for (Contribution c : first) {
      double k = c.recordKey();
      assertThat(k).isGreaterThanOrEqualTo(0).isLessThan(1);
      // on the 2^-53 grid, so sums of keys are exact
      assertThat(k * (1L << 53)).isEqualTo(Math.floor(k * (1L << 53)));
    }
    assertThat(first.get(0).recordKey()).isNotEqualTo(first.get(1).recordKey());
    // a fresh job (a replay, a rebuilt database) gives the same record the same key, and the key
    // is not the record's analyst id under another name
    try (var h = harness()) {
      h.processElement(new StreamRecord<>(delta(two), 0));
      Contribution again = h.extractOutputValues().get(0);
      assertThat(again.recordId()).isEqualTo(first.get(1).recordId());
      assertThat(again.recordKey()).isEqualTo(first.get(1).recordKey());
      assertThat(ResolverFunction.recordKeyOf(again.recordId())).isNotEqualTo(again.recordKey());
    }
    assertThat(ResolverFunction.recordKeyOf("ffffffffffffffff")).isLessThan(1);
    assertThat(ResolverFunction.recordKeyOf("00000000000000ff")).isZero();
  }

  @Test
  void theRetentionClockSurvivesARestartAndAReplayedTimerLogsTheSameLine() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.processElement(new StreamRecord<>(delta(family("1", "2024-12-01", JAN_2025)), 0));
      snapshot = h.snapshot(1, 1);
    }
    List<Destruction> first;
    List<Destruction> second;
    try (var h = restored(snapshot)) {
      h.setProcessingTime(monthsAfter(JAN_2025, 13));
      first = destructions(h);
    }
    try (var h = restored(snapshot)) {
      h.setProcessingTime(monthsAfter(JAN_2025, 13));
      second = destructions(h);
    }
    assertThat(first).hasSize(1).isEqualTo(second);
  }

  @Test
  void aWithdrawnPartnersContributionsArePurgedWhenTheJobRestartsWithoutItsKeys() throws Exception {
    LinkRecord police =
        new LinkRecord(
            "essex-police|incidents|p1",
            "essex-police",
            "incidents",
            "y",
            0,
            a(addr("1 high st")),
            new String[] {nhs("1")},
            new String[] {"flag", "dv"},
            JAN_2025);
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.processElement(new StreamRecord<>(delta(family("1", null, JAN_2025)), 0));
      h.processElement(
          new StreamRecord<>(
              LinkedExtract.whole(
                  new ExtractHeader("essex-police", "incidents", "y", "2025-Q1", "FULL", 1, 1, 0),
                  new LinkRecord[] {police},
                  new String[0],
                  new SubjectRequest[0]),
              0));
      assertThat(h.extractOutputValues()).noneMatch(Contribution::deleted);
      snapshot = h.snapshot(1, 1);
    }
    // the police withdraw: the next bundle holds no key of theirs
    LocalTrust without =
        LocalTrust.write(
            TestTrust.AUTHORITY,
            List.of("basildon-council", "leaky-council"),
            List.of(LinkSettings.DEFAULT_PROJECT),
            dir.resolve("after-withdrawal"));
    var h = unopened(without);
    h.initializeState(snapshot);
    h.open();
    try (h) {
      h.processElement(new StreamRecord<>(delta(family("2", null, JAN_2025)), 0));
      assertThat(deleted(h)).containsExactly("essex-police/incidents#0");
      assertThat(destructions(h))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.rule()).isEqualTo(ResolverFunction.WITHDRAWN);
                assertThat(d.partner()).isEqualTo("essex-police");
                assertThat(d.records()).isEqualTo(1);
              });
      // the council's records, and its household, stay
      assertThat(h.extractOutputValues())
          .filteredOn(c -> c.partner().equals("basildon-council"))
          .noneMatch(Contribution::deleted);
    }
  }

  /** The extract's records as the gate would pass them on in chunks of {@code size}. */
  static List<LinkedExtract> chunks(ExtractHeader h, List<LinkRecord> records, int size) {
    List<LinkedExtract> out = new ArrayList<>();
    int n = Math.max(1, (records.size() + size - 1) / size);
    for (int c = 0; c < n; c++) {
      out.add(
          new LinkedExtract(
              h,
              records
                  .subList(c * size, Math.min(records.size(), (c + 1) * size))
                  .toArray(LinkRecord[]::new),
              new String[0],
              new SubjectRequest[0],
              c,
              c == n - 1,
              null));
    }
    return out;
  }

  static ExtractHeader full(String extractId, int records) {
    return new ExtractHeader(
        "basildon-council", "supporting-families", extractId, "2025-Q1", "FULL", 1, records, 0);
  }

  /** Contributions by record, each with its last attribution, and the extract outcomes. */
  static Map<String, Contribution> landed(
      KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> h) {
    Map<String, Contribution> out = new TreeMap<>();
    for (Contribution c : h.extractOutputValues()) {
      out.put(c.recordId(), c);
    }
    return out;
  }

  static List<ExtractOutcome> outcomes(
      KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> h) {
    List<ExtractOutcome> out = new ArrayList<>();
    var q = h.getSideOutput(ExtractGate.OUTCOMES);
    if (q != null) {
      q.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }

  @Test
  void anExtractInChunksLandsExactlyAsTheWholeExtractAndRetractsWhatItNoLongerHas()
      throws Exception {
    List<LinkRecord> q1 = new ArrayList<>();
    List<LinkRecord> q2 = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      q1.add(family(Integer.toString(i), null, JAN_2025));
      if (i % 5 != 0) {
        q2.add(family(Integer.toString(i), null, JAN_2025));
      }
    }
    q2.add(family("new", null, JAN_2025));
    Map<String, Contribution> whole;
    List<ExtractOutcome> wholeOutcomes;
    int wholeState;
    try (var h = harness()) {
      h.processElement(new StreamRecord<>(chunks(full("q1", 50), q1, 1000).get(0)));
      h.processElement(new StreamRecord<>(chunks(full("q2", q2.size()), q2, 1000).get(0)));
      whole = landed(h);
      wholeOutcomes = outcomes(h);
      wholeState = h.numKeyedStateEntries();
    }
    try (var h = harness()) {
      for (LinkedExtract c : chunks(full("q1", 50), q1, 7)) {
        h.processElement(new StreamRecord<>(c));
      }
      List<LinkedExtract> second = chunks(full("q2", q2.size()), q2, 7);
      for (LinkedExtract c : second.subList(0, second.size() - 1)) {
        h.processElement(new StreamRecord<>(c));
      }
      // nothing of Q2 applies before its last chunk: no Q1 record is retracted yet
      assertThat(landed(h).values()).noneMatch(Contribution::deleted);
      assertThat(outcomes(h)).hasSize(1);
      h.processElement(new StreamRecord<>(second.get(second.size() - 1)));
      assertThat(landed(h)).isEqualTo(whole);
      assertThat(landed(h).values()).filteredOn(Contribution::deleted).hasSize(10);
      assertThat(outcomes(h))
          .extracting(ExtractOutcome::status, ExtractOutcome::landed)
          .isEqualTo(
              wholeOutcomes.stream()
                  .map(o -> org.assertj.core.groups.Tuple.tuple(o.status(), o.landed()))
                  .toList());
      // no chunk is left held: the state is what the whole extracts left
      assertThat(h.numKeyedStateEntries()).isEqualTo(wholeState);
    }
  }

  @Test
  void aRestartBetweenChunksLandsTheExtractOnceAndWhole() throws Exception {
    List<LinkRecord> q1 = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      q1.add(family(Integer.toString(i), null, JAN_2025));
    }
    List<LinkedExtract> parts = chunks(full("q1", 30), q1, 4);
    OperatorSubtaskState midway;
    try (var h = harness()) {
      for (LinkedExtract c : parts.subList(0, 4)) {
        h.processElement(new StreamRecord<>(c));
      }
      midway = h.snapshot(1, 1);
    }
    try (var h = restored(midway)) {
      for (LinkedExtract c : parts.subList(4, parts.size())) {
        h.processElement(new StreamRecord<>(c));
      }
      assertThat(landed(h)).hasSize(30).allSatisfy((id, c) -> assertThat(c.deleted()).isFalse());
      assertThat(h.extractOutputValues()).hasSize(30);
      assertThat(outcomes(h)).singleElement().extracting(ExtractOutcome::landed).isEqualTo(30L);
    }
  }

  @Test
  void aRefusedChunkQuarantinesTheWholeExtractAndNoneOfItLands() throws Exception {
    List<LinkRecord> q1 = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      q1.add(family(Integer.toString(i), null, JAN_2025));
    }
    List<LinkedExtract> parts = new ArrayList<>(chunks(full("q1", 20), q1, 5));
    LinkedExtract second = parts.get(1);
    parts.set(
        1,
        LinkedExtract.refused(
            second.header(),
            second.chunk(),
            second.last(),
            org.hearth.link.rekey.RekeyFunction.INVALID_PSEUDONYM));
    try (var h = harness()) {
      for (LinkedExtract c : parts) {
        h.processElement(new StreamRecord<>(c));
      }
      assertThat(h.extractOutputValues()).isEmpty();
      assertThat(outcomes(h))
          .singleElement()
          .satisfies(
              o -> {
                assertThat(o.status()).isEqualTo(ExtractOutcome.QUARANTINED);
                assertThat(o.reason())
                    .isEqualTo(org.hearth.link.rekey.RekeyFunction.INVALID_PSEUDONYM);
              });
      assertThat(h.getSideOutput(ExtractGate.INCIDENTS))
          .singleElement()
          .satisfies(
              i ->
                  assertThat(i.getValue().rule())
                      .isEqualTo(org.hearth.link.rekey.RekeyFunction.INVALID_PSEUDONYM));
      // the extract's next version lands in full: nothing of the refused one was held back
      for (LinkedExtract c : chunks(full("q1b", 20), q1, 5)) {
        h.processElement(new StreamRecord<>(c));
      }
      assertThat(landed(h)).hasSize(20);
    }
  }

  @Test
  void stateWithPostingsAsWholeArraysIsMigratedAndResolvesAsIfBuiltAnew() throws Exception {
    LinkedExtract first = delta(family("1", null, JAN_2025), family("2", null, JAN_2025));
    // a record of person 1 under another partner's record key: it must join person 1
    LinkRecord again =
        new LinkRecord(
            "basildon-council|supporting-families|1b",
            "basildon-council",
            "supporting-families",
            "x",
            0,
            a(addr("1 high st")),
            new String[] {nhs("1")},
            new String[] {"services", "early-help"},
            JAN_2025);
    LinkedExtract second = delta(again);
    List<Contribution> expected;
    try (var h = harness()) {
      h.processElement(new StreamRecord<>(first));
      h.extractOutputValues().clear();
      h.processElement(new StreamRecord<>(second));
      expected = new ArrayList<>(h.extractOutputValues());
    }
    OperatorSubtaskState legacy;
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new LegacyResolver()), ResolverFunction::key, Types.INT)) {
      h.open();
      h.processElement(new StreamRecord<>(first));
      legacy = h.snapshot(1, 1);
    }
    try (var h = restored(legacy)) {
      h.processElement(new StreamRecord<>(second));
      // the new record lands where it would have without the migration, with person 1
      Contribution landed = only(h.extractOutputValues(), again);
      assertThat(landed).isEqualTo(only(expected, again));
      assertThat(landed.personId()).isNotNull();
      assertThat(landed.householdId()).isNotNull();
    }
  }

  private static Contribution only(List<Contribution> out, LinkRecord r) {
    String id =
        new org.hearth.pseudonymise.AnalystIds(
                trust.bundle().load().projectKey(LinkSettings.DEFAULT_PROJECT))
            .of("record", r.id());
    return out.stream().filter(c -> c.recordId().equals(id)).reduce((x, y) -> y).orElseThrow();
  }

  /**
   * The resolver's state as it was before postings went into blocks: one array of holders per key
   * in "holders", written through the graph itself so the records and assignments are the same.
   */
  static final class LegacyResolver
      extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<
          Integer, LinkedExtract, Contribution> {
    @Override
    public void processElement(LinkedExtract e, Context ctx, Collector<Contribution> out)
        throws Exception {
      var records =
          getRuntimeContext()
              .getMapState(
                  new org.apache.flink.api.common.state.MapStateDescriptor<>(
                      "records", String.class, LinkRecord.class));
      var holders =
          getRuntimeContext()
              .getMapState(
                  new org.apache.flink.api.common.state.MapStateDescriptor<>(
                      "holders", String.class, String[].class));
      var assignments =
          getRuntimeContext()
              .getMapState(
                  new org.apache.flink.api.common.state.MapStateDescriptor<>(
                      "assignments", String.class, LinkageGraph.Assignment.class));
      MemoryStore built = new MemoryStore();
      new LinkageGraph(built).apply(List.of(e.upserts()), List.of(), new LinkageGraphTest.Table());
      for (String id : built.recordIds()) {
        records.put(id, built.record(id));
        assignments.put(id, built.assignment(id));
        for (String k : built.record(id).personKeys()) {
          holders.put(k, Postings.all(built, k));
        }
        for (String k : built.record(id).addressKeys()) {
          holders.put(k, Postings.all(built, k));
        }
      }
    }
  }

  private KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> restored(
      OperatorSubtaskState snapshot) throws Exception {
    var h = unopened();
    h.initializeState(snapshot);
    h.open();
    return h;
  }

  private static List<String> deleted(
      KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> h) {
    List<String> out = new ArrayList<>();
    for (Contribution c : h.extractOutputValues()) {
      if (c.deleted()) {
        out.add(c.partner() + "/" + c.dataset() + "#" + c.sequence());
      }
    }
    return out;
  }

  private static List<Destruction> destructions(
      KeyedOneInputStreamOperatorTestHarness<Integer, LinkedExtract, Contribution> h) {
    List<Destruction> out = new ArrayList<>();
    var q = h.getSideOutput(ResolverFunction.DESTRUCTIONS);
    if (q != null) {
      q.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }
}
