package org.hearth.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.events.MatchKeyPseudonym;
import org.hearth.events.MatchKeyType;
import org.hearth.events.Operation;
import org.hearth.events.PartnerRecord;
import org.hearth.pseudonymise.curve.HashToCurve;
import org.hearth.pseudonymise.curve.ScalarMultiplier;

/**
 * A batch of synthetic partner records, pseudonymised with a partner's scalar exactly as the edge
 * does it, with its manifest: what {@code hearth demo} and the pipeline tests publish. The match
 * keys are made up (test-range NHS numbers, invented UPRNs), never real identifiers.
 */
public final class SyntheticExtract {
  private SyntheticExtract() {}

  /** Records and the manifest that closes them (unsigned until the partner signs it). */
  public record Extract(String topic, List<PartnerRecord> records, ExtractManifest manifest) {}

  public static Extract build(
      String partner,
      String dataset,
      String period,
      int count,
      ScalarMultiplier partnerKey,
      HashToCurve hasher) {
    String extractId = partner + "." + dataset + "." + period;
    List<PartnerRecord> records = new ArrayList<>(count);
    MessageDigest digest = sha256();
    for (int i = 0; i < count; i++) {
      long nhs = 9990000000L + i; // the reserved test range; the check digit is irrelevant here
      byte[] nhsKey = ("NHS|" + nhs).getBytes(StandardCharsets.US_ASCII);
      byte[] uprnKey = ("UPRN|" + (100000000L + i / 3)).getBytes(StandardCharsets.US_ASCII);
      PartnerRecord r =
          PartnerRecord.newBuilder()
              .setPartner(partner)
              .setDataset(dataset)
              .setExtractId(extractId)
              .setSequence(i)
              .setOperation(Operation.UPSERT)
              .setRecordKey(ByteBuffer.wrap(recordKey(partner, i)))
              .setKeyVersion(1)
              .setMatchKeys(
                  List.of(
                      pseudonym(MatchKeyType.NHS_NUMBER, partnerKey, hasher, nhsKey),
                      pseudonym(MatchKeyType.UPRN, partnerKey, hasher, uprnKey)))
              .setAttributes(Map.of("demo_band", Integer.toString(i % 5)))
              .build();
      digest.update(EventCodec.encode(r));
      records.add(r);
    }
    ExtractManifest manifest =
        ExtractManifest.newBuilder()
            .setPartner(partner)
            .setDataset(dataset)
            .setExtractId(extractId)
            .setPeriod(period)
            .setMode(ExtractMode.FULL)
            .setRecordCount(count)
            .setContentDigest(ByteBuffer.wrap(digest.digest()))
            .setSchemaFingerprint(EventCodec.recordSchemaFingerprint())
            .setKeyVersion(1)
            .setSignature(ByteBuffer.allocate(0))
            .build();
    return new Extract(EventCodec.topic(partner, dataset), records, manifest);
  }

  private static MatchKeyPseudonym pseudonym(
      MatchKeyType type, ScalarMultiplier key, HashToCurve hasher, byte[] matchKey) {
    return MatchKeyPseudonym.newBuilder()
        .setType(type)
        .setPseudonym(ByteBuffer.wrap(key.hashAndMultiply(hasher, matchKey)))
        .build();
  }

  private static byte[] recordKey(String partner, int i) {
    MessageDigest d = sha256();
    d.update((partner + "|case-" + i).getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().parseHex(HexFormat.of().formatHex(d.digest()).substring(0, 32));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
