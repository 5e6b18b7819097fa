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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
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
 * <p>A manifest whose records have not all arrived waits; if they do not arrive within the timeout
 * the extract is quarantined as incomplete, so no extract waits forever.
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

  private final String registryJson;
  private final long timeoutMillis;
  private transient PartnerRegistry registry;
  private transient ManifestVerifier verifier;

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

  /** When each waiting manifest stops waiting, by extract id. */
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
    if (e.kind() == PartnerEvent.Kind.MANIFEST) {
      if (manifests.contains(id)) {
        return; // a re-sent manifest for an extract still waiting: the first one counts
      }
      manifests.put(id, e.manifest());
      long deadline = ctx.timerService().currentProcessingTime() + timeoutMillis;
      deadlines.put(id, deadline);
      ctx.timerService().registerProcessingTimeTimer(deadline);
    } else {
      long n = received(id);
      records.put(id + "/" + n, e);
      counts.put(id, n + 1);
    }
    byte[] m = manifests.get(id);
    if (m != null) {
      ExtractManifest decoded = EventCodec.decodeManifest(m);
      if (received(id) >= decoded.getRecordCount()) {
        decide(decoded, ctx, out);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerifiedExtract> out)
      throws Exception {
    List<java.util.Map.Entry<String, Long>> due = new ArrayList<>();
    for (var d : deadlines.entries()) {
      if (d.getValue() <= timestamp) {
        due.add(java.util.Map.entry(d.getKey(), d.getValue()));
      }
    }
    due.sort(java.util.Map.Entry.comparingByValue()); // in the order their manifests arrived
    for (var d : due) {
      decide(EventCodec.decodeManifest(manifests.get(d.getKey())), ctx, out);
    }
  }

  private long received(String extractId) throws Exception {
    Long c = counts.get(extractId);
    return c == null ? 0 : c;
  }

  private void decide(ExtractManifest m, Context ctx, Collector<VerifiedExtract> out)
      throws Exception {
    String id = m.getExtractId();
    String prefix = id + "/";
    List<String> keys = new ArrayList<>();
    List<PartnerEvent> all = new ArrayList<>();
    for (var r : records.entries()) {
      if (r.getKey().startsWith(prefix)) {
        keys.add(r.getKey());
        all.add(r.getValue());
      }
    }
    all.sort(Comparator.comparingLong(PartnerEvent::sequence));
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
    if (problem == null) {
      problem = outOfTurn(m, all);
    }
    if (problem == null) {
      remember(m, all);
      out.collect(
          new VerifiedExtract(
              h,
              all.stream()
                  .filter(r -> r.kind() == PartnerEvent.Kind.RECORD)
                  .toArray(PartnerEvent[]::new)));
    } else {
      long now = ctx.timerService().currentProcessingTime();
      ctx.output(INCIDENTS, extractIncident(h, problem, now));
      ctx.output(OUTCOMES, ExtractOutcome.quarantined(h, all.size(), problem, now));
    }
    for (String k : keys) {
      records.remove(k);
    }
    manifests.remove(id);
    counts.remove(id);
    deadlines.remove(id);
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
