package org.hearth.ingest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hearth.events.DatasetSchemas;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.events.MatchKeyPseudonym;
import org.hearth.events.Operation;
import org.hearth.events.PartnerRecord;
import org.hearth.events.Topics;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;

/**
 * A batch of synthetic partner records, pseudonymised with a partner's key exactly as the edge does
 * it, closed by a signed manifest: what the pipeline tests and the demo's aborted transaction
 * publish. The match keys are made up (test-range NHS numbers, invented UPRNs), never real
 * identifiers. Every third record shares a UPRN, so records form households of three.
 */
public final class SyntheticExtract {
  private SyntheticExtract() {}

  /** Records and the signed manifest that closes them. */
  public record Extract(String topic, List<PartnerRecord> records, ExtractManifest manifest) {}

  public static Extract build(
      PartnerKey key,
      Ed25519PrivateKeyParameters signingKey,
      String dataset,
      String period,
      int count) {
    return build(key, signingKey, dataset, period, count, ExtractPlace.NONE);
  }

  /** An extract that names its place in the dataset's sequence. */
  public static Extract build(
      PartnerKey key,
      Ed25519PrivateKeyParameters signingKey,
      String dataset,
      String period,
      int count,
      ExtractPlace place) {
    String extractId = key.partner() + "." + dataset + "." + period;
    List<PartnerRecord> records = new ArrayList<>(count);
    ExtractDigest digest = new ExtractDigest();
    for (int i = 0; i < count; i++) {
      long nhs = 9990000000L + i; // the reserved test range; the check digit is irrelevant here
      PartnerRecord r =
          PartnerRecord.newBuilder()
              .setPartner(key.partner())
              .setDataset(dataset)
              .setExtractId(extractId)
              .setSequence(i)
              .setOperation(Operation.UPSERT)
              .setRecordKey(ByteBuffer.wrap(key.recordKey(dataset, "case-" + i).key()))
              .setKeyVersion(key.version())
              .setMatchKeys(
                  List.of(
                      pseudonym(key, MatchKey.of(MatchKeyType.NHS_NUMBER, Long.toString(nhs))),
                      pseudonym(
                          key, MatchKey.of(MatchKeyType.UPRN, Long.toString(100000000L + i / 3)))))
              .setAttributes(attributes(dataset, i))
              .build();
      digest.add(r);
      records.add(r);
    }
    ExtractManifest manifest =
        Manifests.signed(
            key,
            signingKey,
            dataset,
            extractId,
            period,
            ExtractMode.FULL,
            count,
            digest.digest(),
            place,
            Map.of());
    return new Extract(Topics.dataset(key.partner(), dataset), records, manifest);
  }

  /**
   * One made-up attribute: for a dataset with a typed record its first text field, else {@code
   * demo_band} in the untyped envelope.
   */
  private static Map<String, String> attributes(String dataset, int i) {
    String band = "band-" + (i % 5);
    return DatasetSchemas.attributes(dataset)
        .map(
            a ->
                a.getFields().stream()
                    .filter(f -> f.schema().getTypes().get(1).getType() == Schema.Type.STRING)
                    .findFirst()
                    .map(f -> Map.of(f.name(), band))
                    .orElse(Map.of()))
        .orElse(Map.of("demo_band", band));
  }

  private static MatchKeyPseudonym pseudonym(PartnerKey key, MatchKey k) {
    return MatchKeyPseudonym.newBuilder()
        .setType(org.hearth.events.MatchKeyType.valueOf(k.type().name()))
        .setPseudonym(ByteBuffer.wrap(key.pseudonymise(k).point()))
        .build();
  }
}
