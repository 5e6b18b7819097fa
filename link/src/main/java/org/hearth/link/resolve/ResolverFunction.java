package org.hearth.link.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.link.rekey.BundleSource;
import org.hearth.link.resolve.scoring.Comparison;
import org.hearth.link.resolve.scoring.FieldCollisions;
import org.hearth.link.resolve.scoring.ScoringModel;
import org.hearth.link.retain.Destruction;
import org.hearth.link.retain.RetentionRule;
import org.hearth.link.retain.RetentionRules;
import org.hearth.link.verify.ExtractGate;
import org.hearth.link.verify.ExtractHeader;
import org.hearth.link.verify.ExtractOutcome;
import org.hearth.link.verify.LinkedExtract;
import org.hearth.pseudonymise.AnalystIds;
import org.hearth.pseudonymise.keys.RekeyBundle;

/**
 * Applies verified extracts to the linkage graph, in Flink keyed state, and emits every
 * contribution whose attribution changed. A full extract replaces its partner dataset's previous
 * one: records it no longer has are retracted. A delta applies its upserts and deletes. Subject
 * requests withhold, erase or release a subject's contributions everywhere ({@link SubjectRights}).
 *
 * <p>A partner the re-key bundle no longer holds a usable key version for has withdrawn: its
 * contributions are purged (deleted and logged as destroyed under {@link #WITHDRAWN}) when the job
 * first takes an extract after starting with that bundle, and at every hourly check.
 *
 * <p>Resolution needs the whole graph, so this step runs as one keyed instance (the key is a
 * constant); the steps before it, where the CPU goes, run in parallel.
 */
public final class ResolverFunction
    extends KeyedProcessFunction<Integer, LinkedExtract, Contribution> {
  /** What retention destroyed. */
  public static final OutputTag<Destruction> DESTRUCTIONS = new OutputTag<>("destructions") {};

  /** What became of each subject request. */
  public static final OutputTag<SubjectOutcome> SUBJECT_OUTCOMES =
      new OutputTag<>("subject-outcomes") {};

  /** The destruction log's rule for a withdrawn partner's purged contributions. */
  public static final String WITHDRAWN = "partner-withdrawn";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BundleSource bundle;
  private final String project;
  private final RetentionRules retention;
  private final long retentionCheckMillis;
  private transient List<RetentionRule> rules;
  private transient ValueState<Long> nextRetentionCheck;
  private transient WriteBackStore store;
  private transient LinkageGraph graph;
  private transient SubjectRights rights;
  private transient AnalystIds ids;
  private transient Counter ambiguities;
  private transient Counter erasedOnArrival;
  private transient Set<String> trustedPartners;
  private transient boolean withdrawalsChecked;
  private transient ValueState<ScoringModel> model;
  private transient ValueState<Long> estimatedAtSize;
  private transient boolean modelLoaded;
  private transient MapState<String, String[]> legacyHolders;

  /** Chunks of extracts whose last chunk has not arrived, by extract id and chunk number. */
  private transient MapState<String, LinkedExtract> pendingChunks;

  /** The first refusal among an extract's chunks, by extract id, until its last chunk arrives. */
  private transient MapState<String, String> refusedChunks;

  /**
   * @param retention the rules records are destroyed by, checked every {@code retentionCheck} of
   *     processing time
   */
  public ResolverFunction(
      BundleSource bundle, String project, RetentionRules retention, Duration retentionCheck) {
    this.bundle = bundle;
    this.project = project;
    this.retention = retention;
    this.retentionCheckMillis = retentionCheck.toMillis();
  }

  /** Every element goes to the one resolver. */
  public static Integer key(LinkedExtract e) {
    return 0;
  }

  @Override
  public void open(OpenContext context) {
    org.hearth.link.JdbcDriverRelease.register(getRuntimeContext());
    RekeyBundle trusted = bundle.load();
    ids = new AnalystIds(trusted.projectKey(project));
    trustedPartners = new HashSet<>();
    for (String p : trusted.partners()) {
      if (trusted.versions(p).values().stream().anyMatch(v -> !v.revoked())) {
        trustedPartners.add(p);
      }
    }
    withdrawalsChecked = false;
    MapState<String, LinkRecord> records =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("records", String.class, LinkRecord.class));
    legacyHolders =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("holders", String.class, String[].class));
    MapState<String, Integer> postingSizes =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("posting-sizes", String.class, Integer.class));
    MapState<String, String[]> postingBlocks =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("posting-blocks", String.class, String[].class));
    MapState<String, LinkageGraph.Assignment> assignments =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "assignments", String.class, LinkageGraph.Assignment.class));
    store = new WriteBackStore(new FlinkStore(records, postingSizes, postingBlocks, assignments));
    graph = new LinkageGraph(store);
    MapState<String, SubjectRights.Hold> holds =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("subject-holds", String.class, SubjectRights.Hold.class));
    MapState<String, SubjectRights.Tracked> tracked =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "subject-outcomes", String.class, SubjectRights.Tracked.class));
    rights = new SubjectRights(graph, new FlinkHolds(holds, tracked));
    rules = retention.load();
    nextRetentionCheck =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("next-retention-check", Long.class));
    model =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("scoring-model", ScoringModel.class));
    estimatedAtSize =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("scoring-estimated-at", Long.class));
    pendingChunks =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("pending-chunks", String.class, LinkedExtract.class));
    refusedChunks =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("refused-chunks", String.class, String.class));
    modelLoaded = false;
    ambiguities = getRuntimeContext().getMetricGroup().counter("ambiguousLinks");
    erasedOnArrival = getRuntimeContext().getMetricGroup().counter("erasedOnArrival");
  }

  @Override
  public void processElement(LinkedExtract e, Context ctx, Collector<Contribution> out)
      throws Exception {
    loadState();
    ExtractHeader h = e.header();
    String id = h.extractId();
    if (!e.last()) {
      // held until the last chunk: only then is it known that no chunk was refused
      if (e.refusal() != null) {
        if (!refusedChunks.contains(id)) {
          refusedChunks.put(id, e.refusal());
        }
      } else {
        pendingChunks.put(chunkKey(id, e.chunk()), e);
      }
      return;
    }
    SubjectRights.Output contributions = new Contributions(out, ctx);
    long now = ctx.timerService().currentProcessingTime();
    if (!withdrawalsChecked) {
      purgeWithdrawn(now, contributions, ctx);
      withdrawalsChecked = true;
    }
    String refusal = refusedChunks.get(id);
    if (refusal == null) {
      refusal = e.refusal();
    }
    if (refusal != null) {
      for (int c = 0; c < e.chunk(); c++) {
        pendingChunks.remove(chunkKey(id, c));
      }
      refusedChunks.remove(id);
      ctx.output(ExtractGate.INCIDENTS, ExtractGate.extractIncident(h, refusal, now));
      ctx.output(
          ExtractGate.OUTCOMES, ExtractOutcome.quarantined(h, h.recordCount(), refusal, now));
      return;
    }
    long before = graph.ambiguities();
    long size = 0;
    Set<String> kept = h.full() ? new HashSet<>() : null;
    List<SubjectRequest> requests = new ArrayList<>();
    for (int c = 0; c <= e.chunk(); c++) {
      LinkedExtract part = c == e.chunk() ? e : pendingChunks.get(chunkKey(id, c));
      if (part == null) {
        throw new IllegalStateException(
            "chunk " + c + " of extract " + id + " is missing from the resolver's state");
      }
      pendingChunks.remove(chunkKey(id, c));
      if (kept != null) {
        for (LinkRecord r : part.upserts()) {
          kept.add(r.id());
        }
      }
      erasedOnArrival.inc(
          rights.apply(
              Arrays.asList(part.upserts()), Arrays.asList(part.deletes()), contributions));
      requests.addAll(Arrays.asList(part.requests()));
      size += part.size();
      store.flush(); // one chunk's records on the heap at a time
    }
    if (kept != null) {
      List<String> retract = new ArrayList<>();
      for (String rid : graph.recordsOf(h.partner(), h.dataset())) {
        if (!kept.contains(rid)) {
          retract.add(rid);
        }
      }
      if (!retract.isEmpty()) {
        erasedOnArrival.inc(rights.apply(List.of(), retract, contributions));
      }
    }
    if (!rules.isEmpty() && nextRetentionCheck.value() == null) {
      nextRetentionCheck.update(now + retentionCheckMillis);
      ctx.timerService().registerProcessingTimeTimer(now + retentionCheckMillis);
    }
    for (SubjectRequest q : requests) {
      ctx.output(SUBJECT_OUTCOMES, rights.request(q, now, contributions));
    }
    reestimate(contributions);
    store.flush();
    long found = graph.ambiguities() - before;
    ambiguities.inc(found);
    ctx.output(ExtractGate.OUTCOMES, ExtractOutcome.landed(h, size, found, now));
  }

  private static String chunkKey(String extractId, int chunk) {
    return extractId + "/" + chunk;
  }

  /** Keyed state is readable only with a key, so not in {@link #open}: once, before any work. */
  private void loadState() throws Exception {
    if (modelLoaded) {
      return;
    }
    migratePostings();
    ScoringModel held = model.value();
    if (held != null) {
      graph.useModel(held);
    }
    modelLoaded = true;
  }

  /**
   * State from before postings were kept in blocks (one array per key, "holders") is moved into
   * blocks once, on the first element after a restore, so an upgrade keeps its linked state.
   */
  private void migratePostings() throws Exception {
    if (legacyHolders.isEmpty()) {
      return;
    }
    for (var e : legacyHolders.entries()) {
      for (String id : e.getValue()) {
        Postings.add(store, e.getKey(), id);
      }
    }
    legacyHolders.clear();
    store.flush();
  }

  /**
   * Re-estimates the scoring model when the graph has grown or shrunk by a quarter since the last
   * estimate (so a county's worth of extracts costs a few estimations, not one each), and
   * re-resolves every person when a weight moved by more than {@link #RESCORE_BITS} and the graph
   * is below {@link #RESCORE_ALL_LIMIT}. Both depend only on the state and the extract, so a
   * restart from a checkpoint does the same again.
   */
  private void reestimate(SubjectRights.Output out) throws java.io.IOException {
    long size = graph.size();
    Long last = estimatedAtSize.value();
    if (last != null && size < last * 1.25 && size * 1.25 > last) {
      return;
    }
    ScoringModel before = graph.model();
    ScoringModel next = graph.estimate(FieldCollisions.TYPICAL);
    estimatedAtSize.update(size);
    model.update(next);
    if (maxWeightChange(before, next) > RESCORE_BITS && size <= RESCORE_ALL_LIMIT) {
      rights.rescore(next, out);
    } else {
      graph.useModel(next);
    }
  }

  /**
   * Above this many records a new model is not applied to the whole graph at once (re-resolving a
   * county's every person held more than the job's heap, measured): it scores every component a
   * change touches from then on. Below it, links depend only on the records and the model.
   */
  static final long RESCORE_ALL_LIMIT = 50_000;

  /** A smaller change to any weight moves no pair across the threshold worth re-resolving for. */
  static final double RESCORE_BITS = 0.01;

  static double maxWeightChange(ScoringModel a, ScoringModel b) {
    double most = Math.abs(Math.log(a.prior() / b.prior()) / Math.log(2));
    for (Comparison c : Comparison.values()) {
      for (int l = 0; l < c.levels(); l++) {
        most = Math.max(most, Math.abs(a.weightBits(c, l) - b.weightBits(c, l)));
      }
    }
    return most;
  }

  /**
   * Destroys every record a retention rule has outlived: out of the graph, its row a tombstone, and
   * a count per rule and partner dataset for the destruction log. The timer's time stamps the log,
   * so a replay after a restart writes the same line.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Contribution> out)
      throws Exception {
    loadState();
    SubjectRights.Output contributions = new Contributions(out, ctx);
    purgeWithdrawn(timestamp, contributions, ctx);
    Map<Destroyed, List<String>> expired = new LinkedHashMap<>();
    for (String id : graph.recordIds()) {
      LinkRecord r = graph.record(id);
      for (RetentionRule rule : rules) {
        if (rule.expired(r, timestamp)) {
          expired
              .computeIfAbsent(
                  new Destroyed(rule.rule(), r.partner(), r.dataset()), k -> new ArrayList<>())
              .add(id);
          break;
        }
      }
    }
    destroy(expired, timestamp, contributions, ctx);
    store.flush();
    nextRetentionCheck.update(timestamp + retentionCheckMillis);
    ctx.timerService().registerProcessingTimeTimer(timestamp + retentionCheckMillis);
  }

  /** Purges every contribution of a partner the bundle holds no usable key version for. */
  private void purgeWithdrawn(long at, SubjectRights.Output out, Context ctx) {
    Map<Destroyed, List<String>> gone = new LinkedHashMap<>();
    for (String id : graph.recordIds()) {
      int partnerEnd = id.indexOf('|');
      String partner = id.substring(0, partnerEnd);
      if (!trustedPartners.contains(partner)) {
        String dataset = id.substring(partnerEnd + 1, id.indexOf('|', partnerEnd + 1));
        gone.computeIfAbsent(new Destroyed(WITHDRAWN, partner, dataset), k -> new ArrayList<>())
            .add(id);
      }
    }
    destroy(gone, at, out, ctx);
  }

  /** Removes the records everywhere and writes a destruction log line per rule and dataset. */
  private void destroy(
      Map<Destroyed, List<String>> records, long at, SubjectRights.Output out, Context ctx) {
    if (records.isEmpty()) {
      return;
    }
    List<String> all = new ArrayList<>();
    records.values().forEach(all::addAll);
    rights.apply(List.of(), all, out);
    for (var e : records.entrySet()) {
      Destroyed k = e.getKey();
      ctx.output(
          DESTRUCTIONS,
          new Destruction(
              k.rule(), k.partner(), k.dataset(), e.getValue().size(), at, Destruction.LINK_JOB));
    }
  }

  private record Destroyed(String rule, String partner, String dataset) {}

  /** Each change as a row of {@code linked.contributions}, by analyst ids. */
  private final class Contributions implements SubjectRights.Output {
    private final Collector<Contribution> out;
    private final Context ctx;

    Contributions(Collector<Contribution> out, Context ctx) {
      this.out = out;
      this.ctx = ctx;
    }

    /** A request's outcome again, beside the first one {@link #processElement} wrote. */
    @Override
    public void outcome(SubjectOutcome o) {
      ctx.output(SUBJECT_OUTCOMES, o);
    }

    @Override
    public void upsert(LinkRecord r, LinkageGraph.Assignment a) {
      out.collect(
          new Contribution(
              ids.of("record", r.id()),
              r.partner(),
              r.dataset(),
              r.extractId(),
              r.sequence(),
              ids.of("household", a.household()),
              a.person() == null ? null : ids.of("person", a.person()),
              json(r.attributes()),
              false,
              false,
              recordKey(r)));
    }

    @Override
    public void withhold(LinkRecord r) {
      out.collect(removed(r, false));
    }

    @Override
    public void delete(LinkRecord r) {
      out.collect(removed(r, true));
    }

    private Contribution removed(LinkRecord r, boolean deleted) {
      return new Contribution(
          ids.of("record", r.id()),
          r.partner(),
          r.dataset(),
          r.extractId(),
          r.sequence(),
          null,
          null,
          null,
          deleted,
          !deleted,
          recordKey(r));
    }

    /**
     * HMAC under the project key with its own label, so the key is independent of the record's
     * analyst id and no one without the project key (no partner, no analyst) can compute it.
     */
    private double recordKey(LinkRecord r) {
      return recordKeyOf(ids.of("record-key", r.id()));
    }
  }

  /** 53 bits of a hex digest as a key in [0,1), exact in double precision. */
  static double recordKeyOf(String hex) {
    return (Long.parseUnsignedLong(hex.substring(0, 14), 16) >>> 3) / (double) (1L << 53);
  }

  private static String json(String[] attributes) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      o.put(attributes[i], attributes[i + 1]);
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException x) {
      throw new IllegalStateException(x);
    }
  }

  /** The graph's store in Flink keyed state (heap or RocksDB, as the job is configured). */
  private record FlinkStore(
      MapState<String, LinkRecord> records,
      MapState<String, Integer> postingSizes,
      MapState<String, String[]> postingBlocks,
      MapState<String, LinkageGraph.Assignment> assignments)
      implements LinkageGraph.Store {

    @Override
    public LinkRecord record(String id) {
      return get(records, id);
    }

    @Override
    public void putRecord(LinkRecord r) {
      put(records, r.id(), r);
    }

    @Override
    public void removeRecord(String id) {
      remove(records, id);
    }

    @Override
    public int postingSize(String keyId) {
      Integer n = get(postingSizes, keyId);
      return n == null ? 0 : n;
    }

    @Override
    public void putPostingSize(String keyId, int size) {
      if (size == 0) {
        remove(postingSizes, keyId);
      } else {
        put(postingSizes, keyId, size);
      }
    }

    @Override
    public String[] postingBlock(String keyId, int block) {
      return get(postingBlocks, MemoryStore.blockKey(keyId, block));
    }

    @Override
    public void putPostingBlock(String keyId, int block, String[] ids) {
      if (ids.length == 0) {
        remove(postingBlocks, MemoryStore.blockKey(keyId, block));
      } else {
        put(postingBlocks, MemoryStore.blockKey(keyId, block), ids);
      }
    }

    @Override
    public LinkageGraph.Assignment assignment(String id) {
      return get(assignments, id);
    }

    @Override
    public void putAssignment(String id, LinkageGraph.Assignment a) {
      put(assignments, id, a);
    }

    @Override
    public void removeAssignment(String id) {
      remove(assignments, id);
    }

    @Override
    public Iterable<String> recordIds() {
      try {
        return records.keys();
      } catch (Exception e) {
        throw new IllegalStateException("could not read the resolver's state", e);
      }
    }

    private static <V> V get(MapState<String, V> m, String k) {
      try {
        return m.get(k);
      } catch (Exception e) {
        throw new IllegalStateException("could not read the resolver's state", e);
      }
    }

    private static <V> void put(MapState<String, V> m, String k, V v) {
      try {
        m.put(k, v);
      } catch (Exception e) {
        throw new IllegalStateException("could not write the resolver's state", e);
      }
    }

    private static void remove(MapState<String, ?> m, String k) {
      try {
        m.remove(k);
      } catch (Exception e) {
        throw new IllegalStateException("could not write the resolver's state", e);
      }
    }
  }

  /** Subject holds and their requests' outcomes in Flink keyed state. */
  private record FlinkHolds(
      MapState<String, SubjectRights.Hold> holds, MapState<String, SubjectRights.Tracked> tracked)
      implements SubjectRights.Holds {
    @Override
    public SubjectRights.Tracked tracked(String request) {
      return FlinkStore.get(tracked, request);
    }

    @Override
    public void track(String request, SubjectRights.Tracked t) {
      FlinkStore.put(tracked, request, t);
    }

    @Override
    public void untrack(String request) {
      FlinkStore.remove(tracked, request);
    }

    @Override
    public SubjectRights.Hold get(String key) {
      return FlinkStore.get(holds, key);
    }

    @Override
    public void put(String key, SubjectRights.Hold hold) {
      FlinkStore.put(holds, key, hold);
    }

    @Override
    public void remove(String key) {
      FlinkStore.remove(holds, key);
    }

    @Override
    public boolean isEmpty() {
      try {
        return holds.isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException("could not read the resolver's state", e);
      }
    }
  }
}
