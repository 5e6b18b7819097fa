package org.hearth.link.rekey;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.link.PartnerEvent;
import org.hearth.link.resolve.KeyId;
import org.hearth.link.resolve.LinkRecord;
import org.hearth.link.resolve.SubjectRequest;
import org.hearth.link.verify.ExtractGate;
import org.hearth.link.verify.ExtractHeader;
import org.hearth.link.verify.ExtractOutcome;
import org.hearth.link.verify.LinkedExtract;
import org.hearth.link.verify.VerifiedExtract;
import org.hearth.pseudonymise.Rekeyer;
import org.hearth.pseudonymise.curve.InvalidPointException;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.keys.UnknownKeyException;
import org.hearth.pseudonymise.normalise.MatchKeyType;

/**
 * Translates a verified extract's partner pseudonyms into the linkage domain with the re-key bundle
 * (cached per partner pseudonym). A partner or key version the bundle does not hold, or a revoked
 * one, quarantines the extract with an incident; it never stops the job.
 */
public final class RekeyFunction extends ProcessFunction<VerifiedExtract, LinkedExtract> {
  private static final org.hearth.events.MatchKeyType[] AVRO_TYPES =
      org.hearth.events.MatchKeyType.values();

  private final BundleSource source;
  private final int cacheEntries;
  private transient RekeyBundle bundle;
  private transient Rekeyer rekeyer;

  public RekeyFunction(BundleSource source, int cacheEntries) {
    this.source = source;
    this.cacheEntries = cacheEntries;
  }

  @Override
  public void open(OpenContext context) {
    bundle = source.load();
    rekeyer = new Rekeyer(bundle, cacheEntries);
  }

  @Override
  public void processElement(VerifiedExtract e, Context ctx, Collector<LinkedExtract> out) {
    ExtractHeader h = e.header();
    String refusal = refusal(h.partner(), h.keyVersion());
    if (refusal != null) {
      quarantine(h, refusal, ctx);
      return;
    }
    List<LinkRecord> upserts = new ArrayList<>(e.records().length);
    List<String> deletes = new ArrayList<>();
    List<SubjectRequest> requests = new ArrayList<>();
    long now = ctx.timerService().currentProcessingTime();
    try {
      for (PartnerEvent r : e.records()) {
        String id = LinkRecord.id(r.partner(), r.dataset(), encode(r.recordKey()));
        switch (r.operation()) {
          case "UPSERT" -> upserts.add(linkRecord(id, r, now));
          case "DELETE" -> deletes.add(id);
          default ->
              requests.add(
                  new SubjectRequest(
                      r.partner(),
                      r.extractId(),
                      r.sequence(),
                      SubjectRequest.Kind.valueOf(r.operation()),
                      linkRecord(id, r, now).personKeys()));
        }
      }
    } catch (InvalidPointException x) {
      quarantine(h, "invalid-pseudonym", ctx);
      return;
    }
    out.collect(
        new LinkedExtract(
            h,
            upserts.toArray(LinkRecord[]::new),
            deletes.toArray(String[]::new),
            requests.toArray(SubjectRequest[]::new)));
  }

  private void quarantine(ExtractHeader h, String refusal, Context ctx) {
    long now = ctx.timerService().currentProcessingTime();
    ctx.output(ExtractGate.INCIDENTS, ExtractGate.extractIncident(h, refusal, now));
    ctx.output(ExtractGate.OUTCOMES, ExtractOutcome.quarantined(h, h.recordCount(), refusal, now));
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

  private LinkRecord linkRecord(String id, PartnerEvent r, long now) {
    byte[] keys = r.matchKeys();
    List<String> address = new ArrayList<>(3);
    List<String> person = new ArrayList<>(6);
    for (int i = 0;
        i + PartnerEvent.MATCH_KEY_BYTES <= keys.length;
        i += PartnerEvent.MATCH_KEY_BYTES) {
      int ordinal = keys[i];
      if (ordinal <= 0 || ordinal >= AVRO_TYPES.length) {
        continue; // UNKNOWN: a key type this job does not know yet carries no link
      }
      MatchKeyType type = MatchKeyType.valueOf(AVRO_TYPES[ordinal].name());
      byte[] point = new byte[PartnerEvent.MATCH_KEY_BYTES - 1];
      System.arraycopy(keys, i + 1, point, 0, point.length);
      String k = KeyId.of(type, rekeyer.rekeyPoint(r.partner(), r.keyVersion(), point));
      (type.kind() == MatchKeyType.Kind.ADDRESS ? address : person).add(k);
    }
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
