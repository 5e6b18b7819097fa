package org.hearth.link.verify;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.events.ManifestSigning;
import org.hearth.link.PartnerEvent;
import org.hearth.link.guard.Incident;
import org.hearth.pseudonymise.keyfile.RegistryFile;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.manifest.ManifestVerifier;

/**
 * Holds each extract's records until its manifest arrives, then lets the extract take effect only
 * if the manifest's signature verifies against the partner registry and its record count and
 * content digest match what arrived. Otherwise the whole extract is quarantined: nothing of it goes
 * on, and an incident and an outcome say why.
 *
 * <p>Keyed by partner dataset, not by extract, so one dataset's extracts leave the gate in the
 * order they were published and a correction can never be overtaken by what it corrects. Extracts
 * of one dataset may still interleave (two publishers at once): each is held apart by its id.
 *
 * <p>No extract waits forever (issue 20.7). A manifest whose records have not all arrived waits for
 * the timeout from its arrival, then the extract is quarantined ({@code record-count}). Records
 * whose manifest has not arrived wait for the timeout from the last of them, then are quarantined
 * ({@code missing-manifest}): the wait runs from the last record, not the first, because a large
 * extract can take longer than the timeout to read. After a restart every deadline is at least a
 * whole timeout after the job started again, so an extract that was being read when the job stopped
 * is not quarantined only because the job was down for longer than the timeout. When a bounded run
 * ends (event time reaches its end, as Flink advances it when the input is exhausted), every
 * extract still open is quarantined ({@code incomplete-at-end-of-run}).
 *
 * <p>An extract is also refused, changing nothing, when it does not belong where it arrived or
 * comes out of turn (issue 20): its manifest names another partner or dataset than the topic's
 * owner ({@code partner-not-topic-owner}, {@code dataset-not-topic}); the registry gives the
 * dataset to other partners ({@code dataset-not-owned}); the gate accepted its extract id before
 * ({@code duplicate-extract} when it is the last one accepted, {@code replayed-extract} otherwise);
 * its sequence number is not after the last accepted one ({@code out-of-order-extract}); it is a
 * delta on top of another extract than the last accepted one ({@code delta-base-mismatch}); or,
 * unless the partner confirmed it ({@code --confirm-shrink}), it is an empty full extract ({@code
 * empty-full-extract}) or would shrink the dataset by more than the registry's limit for it ({@code
 * dataset-shrink}: a full extract by the records it no longer carries, a delta by its deletes).
 * What the gate remembers per dataset for this is a {@link Ledger} and the ids of the extracts it
 * accepted, in keyed state, so a restart keeps them.
 */
public final class ExtractGate extends KeyedProcessFunction<String, PartnerEvent, VerifiedExtract> {
  public static final OutputTag<ExtractOutcome> OUTCOMES = new OutputTag<>("extract-outcomes") {};
  public static final OutputTag<Incident> INCIDENTS = new OutputTag<>("extract-incidents") {};

  /** Field an extract-level incident names: the extract as a whole, not one of its records. */
  public static final String EXTRACT_FIELD = "(extract)";

  /** The rule of an incident for records whose manifest never arrived. */
  public static final String MISSING_MANIFEST = "missing-manifest";

  /** The rule of an incident for an extract still incomplete when a bounded run ended. */
  public static final String INCOMPLETE_AT_END = "incomplete-at-end-of-run";

  /**
   * Records per chunk a verified extract is passed on in: enough that a chunk's overhead is nothing
   * beside re-keying it, few enough that the largest extract is never one element on the heap.
   */
  public static final int CHUNK = 2_000;

  /** The event time Flink advances to when a bounded input is exhausted (or a job drained). */
  private static final long END_OF_INPUT = Long.MAX_VALUE;

  private final String registryJson;
  private final long timeoutMillis;
  private transient PartnerRegistry registry;
  private transient ManifestVerifier verifier;

  /** When this run of the job started, in processing time. */
  private transient long startedAt;

  /** The last extract accepted of this partner dataset, and how many records it left held. */
  private transient ValueState<Ledger> ledger;

  /** Every extract id accepted of this partner dataset, with its sequence number. */
  private transient MapState<String, Long> accepted;

  /** Records waiting, by extract id and arrival number. */
  private transient MapState<String, PartnerEvent> records;

  /** Manifests waiting for their records, by extract id. */
  private transient MapState<String, byte[]> manifests;

  /** Records received, by extract id. */
  private transient MapState<String, Long> counts;

  /**
   * When each extract held stops waiting, by extract id: every extract held has one. For a manifest
   * its arrival plus the timeout; for records without a manifest the last one's arrival plus it.
   */
  private transient MapState<String, Long> deadlines;

  public ExtractGate(String registryJson, Duration timeout) {
    this.registryJson = registryJson;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    registry = RegistryFile.parse(registryJson, "the partner registry");
    verifier = new ManifestVerifier(registry);
    ledger = getRuntimeContext().getState(new ValueStateDescriptor<>("ledger", Ledger.class));
    accepted = map("accepted", Long.class);
    records = map("records", PartnerEvent.class);
    manifests = map("manifests", byte[].class);
    counts = map("counts", Long.class);
    deadlines = map("deadlines", Long.class);
    startedAt =
        getRuntimeContext() instanceof StreamingRuntimeContext c
            ? c.getProcessingTimeService().getCurrentProcessingTime()
            : System.currentTimeMillis();
  }

  private <V> MapState<String, V> map(String name, Class<V> type) {
    return getRuntimeContext().getMapState(new MapStateDescriptor<>(name, String.class, type));
  }

  /** What the gate is keyed by: one partner's dataset, i.e. one topic. */
  public static String key(PartnerEvent e) {
    return e.partner() + "/" + e.dataset();
  }

  @Override
  public void processElement(PartnerEvent e, Context ctx, Collector<VerifiedExtract> out)
      throws Exception {
    String id = e.extractId();
    long deadline = ctx.timerService().currentProcessingTime() + timeoutMillis;
    ExtractManifest decoded;
    long received;
    if (e.kind() == PartnerEvent.Kind.MANIFEST) {
      if (manifests.contains(id)) {
        return; // a re-sent manifest for an extract still waiting: the first one counts
      }
      received = received(id);
      manifests.put(id, e.manifest());
      deadlines.put(id, deadline);
      ctx.timerService().registerProcessingTimeTimer(deadline);
      if (received == 0) {
        ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
      }
      decoded = EventCodec.decodeManifest(e.manifest());
    } else {
      long n = received(id);
      records.put(id + "/" + n, e);
      counts.put(id, n + 1);
      received = n + 1;
      byte[] m = manifests.get(id);
      if (m == null) {
        deadlines.put(id, deadline);
        if (n == 0) {
          // one timer for the extract, moved on when it fires (onTimer): not one per record
          ctx.timerService().registerProcessingTimeTimer(deadline);
          ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
        }
        return;
      }
      decoded = EventCodec.decodeManifest(m);
    }
    if (received >= decoded.getRecordCount()) {
      decide(decoded, ctx, out, false);
      if (deadlines.isEmpty()) {
        ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerifiedExtract> out)
      throws Exception {
    boolean end = ctx.timeDomain() == TimeDomain.EVENT_TIME;
    // a deadline set before this run started counts from the start: the job was not reading
    long earliest = startedAt + timeoutMillis;
    List<java.util.Map.Entry<String, Long>> due = new ArrayList<>();
    for (var d : deadlines.entries()) {
      long deadline = Math.max(d.getValue(), earliest);
      if (end || deadline <= timestamp) {
        due.add(java.util.Map.entry(d.getKey(), deadline));
      } else {
        ctx.timerService().registerProcessingTimeTimer(deadline);
      }
    }
    due.sort(java.util.Map.Entry.comparingByValue()); // in the order they started waiting
    for (var d : due) {
      byte[] m = manifests.get(d.getKey());
      if (m != null) {
        decide(EventCodec.decodeManifest(m), ctx, out, end);
      } else {
        quarantineWithoutManifest(d.getKey(), end ? INCOMPLETE_AT_END : MISSING_MANIFEST, ctx);
      }
    }
    if (!end && !due.isEmpty() && deadlines.isEmpty()) {
      ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
    }
  }

  private long received(String extractId) throws Exception {
    Long c = counts.get(extractId);
    return c == null ? 0 : c;
  }

  /** The records held of one extract, in sequence order, with their keys in {@link #records}. */
  private List<PartnerEvent> held(String extractId, List<String> keys) throws Exception {
    String prefix = extractId + "/";
    List<PartnerEvent> all = new ArrayList<>();
    for (var r : records.entries()) {
      if (r.getKey().startsWith(prefix)) {
        keys.add(r.getKey());
        all.add(r.getValue());
      }
    }
    all.sort(Comparator.comparingLong(PartnerEvent::sequence));
    return all;
  }

  /** Drops everything held of one extract. */
  private void forget(String extractId, List<String> keys) throws Exception {
    for (String k : keys) {
      records.remove(k);
    }
    manifests.remove(extractId);
    counts.remove(extractId);
    deadlines.remove(extractId);
  }

  /**
   * Quarantines records whose manifest never came. Nothing signed says what the extract is, so its
   * outcome has an empty period and mode and a record count of 0; the partner and dataset are the
   * topic's.
   */
  private void quarantineWithoutManifest(String id, String rule, Context ctx) throws Exception {
    List<String> keys = new ArrayList<>();
    List<PartnerEvent> all = held(id, keys);
    long refused = all.stream().filter(r -> r.kind() == PartnerEvent.Kind.REFUSED).count();
    String[] topic = ctx.getCurrentKey().split("/", 2);
    int keyVersion = all.isEmpty() ? 0 : all.get(0).keyVersion();
    ExtractHeader h = new ExtractHeader(topic[0], topic[1], id, "", "", keyVersion, 0, refused);
    long now = ctx.timerService().currentProcessingTime();
    ctx.output(INCIDENTS, extractIncident(h, rule, now));
    ctx.output(OUTCOMES, ExtractOutcome.quarantined(h, all.size(), rule, now));
    forget(id, keys);
  }

  /**
   * @param end the bounded run ended with the extract still incomplete
   */
  private void decide(ExtractManifest m, Context ctx, Collector<VerifiedExtract> out, boolean end)
      throws Exception {
    String id = m.getExtractId();
    List<String> keys = new ArrayList<>();
    List<PartnerEvent> all = held(id, keys);
    long refused = all.stream().filter(r -> r.kind() == PartnerEvent.Kind.REFUSED).count();
    // the topic's owner: who sent it, and who hears of an incident, whatever the manifest claims
    String[] topic = ctx.getCurrentKey().split("/", 2);
    ExtractHeader h =
        new ExtractHeader(
            topic[0],
            topic[1],
            id,
            m.getPeriod(),
            m.getMode().name(),
            m.getKeyVersion(),
            m.getRecordCount(),
            refused);
    String problem = problem(m, all, h);
    if (end && "record-count".equals(problem)) {
      problem = INCOMPLETE_AT_END;
    }
    if (problem == null) {
      problem = outOfTurn(m, all);
    }
    if (problem == null) {
      remember(m, all);
      PartnerEvent[] verified =
          all.stream()
              .filter(r -> r.kind() == PartnerEvent.Kind.RECORD)
              .toArray(PartnerEvent[]::new);
      all = null; // the chunks below are all the heap needs from here
      int chunks = Math.max(1, (verified.length + CHUNK - 1) / CHUNK);
      for (int c = 0; c < chunks; c++) {
        out.collect(
            new VerifiedExtract(
                h,
                Arrays.copyOfRange(verified, c * CHUNK, Math.min(verified.length, (c + 1) * CHUNK)),
                c,
                c == chunks - 1));
      }
    } else {
      long now = ctx.timerService().currentProcessingTime();
      ctx.output(INCIDENTS, extractIncident(h, problem, now));
      ctx.output(OUTCOMES, ExtractOutcome.quarantined(h, all.size(), problem, now));
    }
    forget(id, keys);
  }

  /** An incident about the extract as a whole (field {@link #EXTRACT_FIELD}, sequence -1). */
  public static Incident extractIncident(ExtractHeader h, String rule, long now) {
    return new Incident(h.partner(), h.dataset(), h.extractId(), -1, EXTRACT_FIELD, rule, now);
  }

  /** The first reason to refuse the extract, as an incident rule; null when it verifies. */
  private String problem(ExtractManifest m, List<PartnerEvent> all, ExtractHeader topic) {
    if (!m.getPartner().equals(topic.partner())) {
      return "partner-not-topic-owner";
    }
    if (!m.getDataset().equals(topic.dataset())) {
      return "dataset-not-topic";
    }
    ManifestVerifier.Verdict v =
        verifier.verify(ManifestSigning.content(m), ManifestSigning.signature(m));
    switch (v) {
      case UNKNOWN_PARTNER_OR_VERSION:
        return "unknown-key-version";
      case REVOKED_KEY_VERSION:
        return "revoked-key-version";
      case BAD_SIGNATURE:
        return "manifest-signature";
      default:
        break;
    }
    if (!registry.mayPublish(m.getPartner(), m.getDataset())) {
      return "dataset-not-owned";
    }
    if (all.size() != m.getRecordCount()) {
      return "record-count";
    }
    ExtractDigest digest = new ExtractDigest();
    for (int i = 0; i < all.size(); i++) {
      PartnerEvent r = all.get(i);
      if (r.sequence() != i) {
        return "record-sequence";
      }
      if (r.keyVersion() != m.getKeyVersion()) {
        return "key-version-mismatch";
      }
      digest.addHash(r.recordHash());
    }
    if (!Arrays.equals(digest.digest(), bytes(m.getContentDigest()))) {
      return "content-digest";
    }
    return null;
  }

  /**
   * Why a verified extract may not take effect now, given what the gate accepted of its dataset
   * before; null when it may.
   */
  private String outOfTurn(ExtractManifest m, List<PartnerEvent> all) throws Exception {
    Ledger last = ledger.value();
    if (accepted.contains(m.getExtractId())) {
      return last != null && m.getExtractId().equals(last.extractId)
          ? "duplicate-extract"
          : "replayed-extract";
    }
    if (last != null && last.sequence > 0 && m.getSequence() <= last.sequence) {
      return "out-of-order-extract";
    }
    boolean full = m.getMode() == ExtractMode.FULL;
    if (!full && m.getSequence() > 0 && last != null && !m.getReplaces().equals(last.extractId)) {
      return "delta-base-mismatch";
    }
    if (m.getConfirmShrink()) {
      return null;
    }
    long kept = count(all, null);
    if (full && kept == 0) {
      return "empty-full-extract";
    }
    // what the extract would retract: a full one, what it no longer carries; a delta, its deletes
    long retracted =
        last == null ? 0 : full ? last.held - kept : Math.min(last.held, count(all, "DELETE"));
    int limit = registry.dataset(m.getDataset()).maxShrinkPercent();
    if (last != null && last.held > 0 && retracted * 100 > last.held * limit) {
      return "dataset-shrink";
    }
    return null;
  }

  /** Records the extract as the dataset's last accepted one. */
  private void remember(ExtractManifest m, List<PartnerEvent> all) throws Exception {
    Ledger l = ledger.value();
    if (l == null) {
      l = new Ledger();
    }
    l.extractId = m.getExtractId();
    l.sequence = Math.max(l.sequence, m.getSequence());
    // a delta's upserts may be changes rather than additions: only its deletes are counted, so
    // the size held is never more than the dataset has and a shrink is never over-counted
    l.held =
        m.getMode() == ExtractMode.FULL
            ? count(all, null)
            : Math.max(0, l.held - count(all, "DELETE"));
    ledger.update(l);
    accepted.put(m.getExtractId(), m.getSequence());
  }

  /** Records that will land (not refused by the guard), of one operation or all. */
  private static long count(List<PartnerEvent> all, String operation) {
    return all.stream()
        .filter(r -> r.kind() == PartnerEvent.Kind.RECORD)
        .filter(r -> operation == null || operation.equals(r.operation()))
        .count();
  }

  /**
   * What the gate remembers of one partner dataset: the last extract it accepted, the highest
   * sequence number accepted, and how many records the dataset holds after it (a full extract's
   * records, less the deletes of the deltas since). A Flink POJO.
   */
  public static final class Ledger {
    public String extractId;
    public long sequence;
    public long held;

    public Ledger() {}
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
