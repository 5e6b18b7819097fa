package org.hearth.link.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ManifestSigning;
import org.hearth.link.PartnerEvent;
import org.hearth.link.guard.Incident;
import org.hearth.pseudonymise.keyfile.RegistryFile;
import org.hearth.pseudonymise.manifest.ManifestVerifier;

/**
 * Holds each extract's records until its manifest arrives, then lets the extract take effect only
 * if the manifest's signature verifies against the partner registry and its record count and
 * content digest match what arrived. Otherwise the whole extract is quarantined: nothing of it goes
 * on, and an incident and an outcome say why. Keyed by extract.
 *
 * <p>A manifest whose records have not all arrived waits; if they do not arrive within the timeout
 * the extract is quarantined as incomplete, so no extract waits forever.
 */
public final class ExtractGate extends KeyedProcessFunction<String, PartnerEvent, VerifiedExtract> {
  public static final OutputTag<ExtractOutcome> OUTCOMES = new OutputTag<>("extract-outcomes") {};
  public static final OutputTag<Incident> INCIDENTS = new OutputTag<>("extract-incidents") {};

  /** Field an extract-level incident names: the extract as a whole, not one of its records. */
  public static final String EXTRACT_FIELD = "(extract)";

  private final String registryJson;
  private final long timeoutMillis;
  private transient ManifestVerifier verifier;
  private transient ListState<PartnerEvent> records;
  private transient ValueState<byte[]> manifest;
  private transient ValueState<Long> count;

  public ExtractGate(String registryJson, Duration timeout) {
    this.registryJson = registryJson;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public void open(OpenContext context) {
    verifier = new ManifestVerifier(RegistryFile.parse(registryJson, "the partner registry"));
    records =
        getRuntimeContext().getListState(new ListStateDescriptor<>("records", PartnerEvent.class));
    manifest = getRuntimeContext().getState(new ValueStateDescriptor<>("manifest", byte[].class));
    count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
  }

  @Override
  public void processElement(PartnerEvent e, Context ctx, Collector<VerifiedExtract> out)
      throws Exception {
    if (e.kind() == PartnerEvent.Kind.MANIFEST) {
      if (manifest.value() != null) {
        return; // a re-sent manifest for an extract still waiting: the first one counts
      }
      manifest.update(e.manifest());
      ctx.timerService()
          .registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + timeoutMillis);
    } else {
      records.add(e);
      count.update(count.value() == null ? 1 : count.value() + 1);
    }
    byte[] m = manifest.value();
    if (m != null) {
      ExtractManifest decoded = EventCodec.decodeManifest(m);
      if (received() >= decoded.getRecordCount()) {
        decide(decoded, ctx, out);
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VerifiedExtract> out)
      throws Exception {
    byte[] m = manifest.value();
    if (m != null) {
      decide(EventCodec.decodeManifest(m), ctx, out);
    }
  }

  private long received() throws IOException {
    Long c = count.value();
    return c == null ? 0 : c;
  }

  private void decide(ExtractManifest m, Context ctx, Collector<VerifiedExtract> out)
      throws Exception {
    List<PartnerEvent> all = new ArrayList<>();
    records.get().forEach(all::add);
    all.sort(Comparator.comparingLong(PartnerEvent::sequence));
    long refused = all.stream().filter(r -> r.kind() == PartnerEvent.Kind.REFUSED).count();
    ExtractHeader h =
        new ExtractHeader(
            m.getPartner(),
            m.getDataset(),
            m.getExtractId(),
            m.getPeriod(),
            m.getMode().name(),
            m.getKeyVersion(),
            m.getRecordCount(),
            refused);
    String problem = problem(m, all);
    if (problem == null) {
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
    records.clear();
    manifest.clear();
    count.clear();
  }

  /** An incident about the extract as a whole (field {@link #EXTRACT_FIELD}, sequence -1). */
  public static Incident extractIncident(ExtractHeader h, String rule, long now) {
    return new Incident(h.partner(), h.dataset(), h.extractId(), -1, EXTRACT_FIELD, rule, now);
  }

  /** The first reason to refuse the extract, as an incident rule; null when it verifies. */
  private String problem(ExtractManifest m, List<PartnerEvent> all) {
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

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
