package org.hearth.link.rekey;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.link.PartnerEvent;
import org.hearth.link.resolve.KeyId;
import org.hearth.link.resolve.LinkRecord;
import org.hearth.link.resolve.SubjectRequest;
import org.hearth.link.verify.ExtractHeader;
import org.hearth.link.verify.LinkedExtract;
import org.hearth.link.verify.VerifiedExtract;
import org.hearth.pseudonymise.Rekeyer;
import org.hearth.pseudonymise.curve.InvalidPointException;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.keys.UnknownKeyException;
import org.hearth.pseudonymise.normalise.MatchKeyType;

/**
 * Translates a verified extract's partner pseudonyms into the linkage domain with the re-key bundle
 * (cached per partner pseudonym), chunk by chunk as the gate passes them. A partner or key version
 * the bundle does not hold, a revoked one, or a pseudonym that is not a curve point refuses the
 * chunk: it goes on carrying only the refusal, and the resolver quarantines the whole extract with
 * an incident when its last chunk arrives (an earlier chunk may already have been re-keyed). It
 * never stops the job.
 *
 * <p>Re-keying is the job's CPU: a point multiplication per match key. A chunk reaches this step as
 * one element, so on its own one subtask would use one core however many the machine has; the
 * records are therefore split into runs of neighbouring records (a household's records share
 * address keys, so each run's cache keeps its hits) and re-keyed on {@code threads} workers. The
 * output is in sequence order whatever the workers' timing.
 *
 * <p>Keys that never link ({@link KeyId#linksPersons}: surname and year of birth) are not
 * multiplied: resolution only needs to know the record carries one.
 */
public final class RekeyFunction extends ProcessFunction<VerifiedExtract, LinkedExtract> {
  private static final org.hearth.events.MatchKeyType[] AVRO_TYPES =
      org.hearth.events.MatchKeyType.values();

  /** The incident rule for a pseudonym that is not a point of the curve. */
  public static final String INVALID_PSEUDONYM = "invalid-pseudonym";

  /** Records one worker takes at a time: large enough that hand-over costs nothing. */
  static final int RUN = 256;

  private final BundleSource source;
  private final int cacheEntries;
  private final int threads;
  private transient RekeyBundle bundle;
  private transient ThreadLocal<Rekeyer> rekeyers;
  private transient ExecutorService workers;

  /**
   * @param cacheEntries pseudonyms each worker remembers
   * @param threads workers re-keying one extract's records at once; 0 for one per processor of the
   *     machine the task runs on
   */
  public RekeyFunction(BundleSource source, int cacheEntries, int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative");
    }
    this.source = source;
    this.cacheEntries = cacheEntries;
    this.threads = threads;
  }

  /**
   * One worker per processor of the machine the task runs on (counted there, not where the job is
   * built).
   */
  public RekeyFunction(BundleSource source, int cacheEntries) {
    this(source, cacheEntries, 0);
  }

  @Override
  public void open(OpenContext context) {
    bundle = source.load();
    RekeyBundle b = bundle;
    rekeyers = ThreadLocal.withInitial(() -> new Rekeyer(b, cacheEntries));
    AtomicInteger n = new AtomicInteger();
    workers =
        Executors.newFixedThreadPool(
            threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
            r -> {
              Thread t = new Thread(r, "hearth-rekey-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void close() throws Exception {
    if (workers != null) {
      workers.shutdownNow();
    }
    super.close();
  }

  @Override
  public void processElement(VerifiedExtract e, Context ctx, Collector<LinkedExtract> out)
      throws Exception {
    ExtractHeader h = e.header();
    String refusal = refusal(h.partner(), h.keyVersion());
    if (refusal != null) {
      out.collect(LinkedExtract.refused(h, e.chunk(), e.last(), refusal));
      return;
    }
    long now = ctx.timerService().currentProcessingTime();
    PartnerEvent[] records = e.records();
    Object[] translated = new Object[records.length];
    List<Future<?>> runs = new ArrayList<>();
    for (int from = 0; from < records.length; from += RUN) {
      int start = from;
      int end = Math.min(records.length, from + RUN);
      runs.add(
          workers.submit(
              () -> {
                Rekeyer rekeyer = rekeyers.get();
                for (int i = start; i < end; i++) {
                  translated[i] = translate(records[i], rekeyer, now);
                }
              }));
    }
    try {
      for (Future<?> run : runs) {
        run.get();
      }
    } catch (ExecutionException x) {
      runs.forEach(r -> r.cancel(true));
      if (x.getCause() instanceof InvalidPointException) {
        out.collect(LinkedExtract.refused(h, e.chunk(), e.last(), INVALID_PSEUDONYM));
        return;
      }
      throw new IllegalStateException("re-keying failed", x.getCause());
    }
    List<LinkRecord> upserts = new ArrayList<>(records.length);
    List<String> deletes = new ArrayList<>();
    List<SubjectRequest> requests = new ArrayList<>();
    for (Object t : translated) {
      if (t instanceof LinkRecord r) {
        upserts.add(r);
      } else if (t instanceof SubjectRequest q) {
        requests.add(q);
      } else {
        deletes.add((String) t);
      }
    }
    out.collect(
        new LinkedExtract(
            h,
            upserts.toArray(LinkRecord[]::new),
            deletes.toArray(String[]::new),
            requests.toArray(SubjectRequest[]::new),
            e.chunk(),
            e.last(),
            null));
  }

  /** The record as resolution takes it: a LinkRecord, a deleted record's id, or a request. */
  private static Object translate(PartnerEvent r, Rekeyer rekeyer, long now) {
    String id = LinkRecord.id(r.partner(), r.dataset(), encode(r.recordKey()));
    return switch (r.operation()) {
      case "UPSERT" -> linkRecord(id, r, rekeyer, now);
      case "DELETE" -> id;
      default ->
          new SubjectRequest(
              r.partner(),
              r.extractId(),
              r.sequence(),
              SubjectRequest.Kind.valueOf(r.operation()),
              linkRecord(id, r, rekeyer, now).personKeys());
    };
  }

  /** The incident rule that refuses this partner's key version, or null when it may be used. */
  private String refusal(String partner, int version) {
    try {
      bundle.factor(partner, version);
      return null;
    } catch (UnknownKeyException x) {
      var v = bundle.partners().contains(partner) ? bundle.versions(partner).get(version) : null;
      return v != null && v.revoked() ? "revoked-key-version" : "unknown-key-version";
    }
  }

  private static LinkRecord linkRecord(String id, PartnerEvent r, Rekeyer rekeyer, long now) {
    List<String> address = new ArrayList<>(3);
    List<String> person = new ArrayList<>(6);
    r.forEachMatchKey(
        (ordinal, point) -> {
          if (ordinal <= 0 || ordinal >= AVRO_TYPES.length) {
            return; // UNKNOWN: a key type this job does not know yet carries no link
          }
          MatchKeyType type = MatchKeyType.valueOf(AVRO_TYPES[ordinal].name());
          String k =
              KeyId.links(type)
                  ? KeyId.of(type, rekeyer.rekeyPoint(r.partner(), r.keyVersion(), point))
                  : KeyId.carried(type);
          (type.kind() == MatchKeyType.Kind.ADDRESS ? address : person).add(k);
        });
    Map<String, String> sorted = new TreeMap<>(r.attributes());
    String[] attributes = new String[sorted.size() * 2];
    int i = 0;
    for (var a : sorted.entrySet()) {
      attributes[i++] = a.getKey();
      attributes[i++] = a.getValue();
    }
    return new LinkRecord(
        id,
        r.partner(),
        r.dataset(),
        r.extractId(),
        r.sequence(),
        address.toArray(String[]::new),
        person.toArray(String[]::new),
        attributes,
        r.publishedAtMillis() > 0 ? r.publishedAtMillis() : now);
  }

  private static String encode(byte[] recordKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(recordKey);
  }
}
