package org.hearth.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.events.MatchKeyPseudonym;
import org.hearth.events.MatchKeyType;
import org.hearth.events.Operation;
import org.hearth.events.PartnerRecord;
import org.hearth.events.Topics;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.normalise.MatchKey;

/**
 * Data subjects' rights reaching the platform: a partner publishes restriction, erasure or the
 * lifting of a restriction as the subject's pseudonymised match keys, so the platform can find and
 * withhold or remove that person's contributions without ever learning who they are.
 */
public final class SubjectRequests {
  public static final String DATASET = org.hearth.events.Topics.SUBJECT_REQUESTS_DATASET;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public enum Kind {
    RESTRICT(Operation.RESTRICT),
    ERASE(Operation.ERASE),
    LIFT(Operation.LIFT);

    final Operation operation;

    Kind(Operation operation) {
      this.operation = operation;
    }
  }

  /** One subject: an opaque request reference and the match keys that identify them. */
  public record Subject(String reference, List<MatchKey> keys) {
    @Override
    public String toString() {
      return "Subject[" + keys.size() + " keys]";
    }
  }

  /** What was published. */
  public record Result(
      String requestId,
      String topic,
      int subjects,
      Path auditFolder,
      Optional<ExtractPublisher.Receipt> receipt) {}

  private final PartnerKey key;
  private final Ed25519PrivateKeyParameters signingKey;
  private final Path auditDir;

  public SubjectRequests(PartnerKey key, Ed25519PrivateKeyParameters signingKey, Path auditDir) {
    this.key = key;
    this.signingKey = signingKey;
    this.auditDir = auditDir;
  }

  public Result publish(
      Kind kind, List<Subject> subjects, LocalDate received, Optional<ExtractPublisher> publisher) {
    if (subjects.isEmpty()) {
      throw new EdgeAgent.ExtractException(
          "no subject with a usable identifier; nothing was published");
    }
    String topic = Topics.dataset(key.partner(), DATASET);
    List<PartnerRecord> records = new ArrayList<>();
    MessageDigest digest = sha256();
    for (Subject s : subjects) {
      if (s.keys().isEmpty()) {
        throw new EdgeAgent.ExtractException(
            "request " + s.reference() + " has no usable identifier; nothing was published");
      }
      List<MatchKeyPseudonym> pseudonyms = new ArrayList<>();
      for (MatchKey k : s.keys()) {
        pseudonyms.add(
            new MatchKeyPseudonym(
                MatchKeyType.valueOf(k.type().name()),
                ByteBuffer.wrap(key.pseudonymise(k).point())));
      }
      records.add(
          PartnerRecord.newBuilder()
              .setPartner(key.partner())
              .setDataset(DATASET)
              .setExtractId("")
              .setSequence(records.size())
              .setOperation(kind.operation)
              .setRecordKey(ByteBuffer.wrap(key.recordKey(DATASET, s.reference()).key()))
              .setKeyVersion(key.version())
              .setMatchKeys(pseudonyms)
              .setAttributes(
                  Map.of("request", kind.name().toLowerCase(), "received", received.toString()))
              .build());
    }
    records.forEach(r -> digest.update(EventCodec.encode(r)));
    String requestId =
        DATASET + "-" + received + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    ExtractDigest content = new ExtractDigest();
    for (PartnerRecord r : records) {
      r.setExtractId(requestId);
      content.add(r);
    }
    // subject requests add to what the platform holds; they never replace a dataset
    ExtractManifest manifest =
        Manifests.signed(
            key,
            signingKey,
            DATASET,
            requestId,
            received.toString(),
            ExtractMode.DELTA,
            records.size(),
            content.digest(),
            ExtractPlace.NONE,
            java.util.Map.of());
    Path folder = auditDir.resolve(key.partner()).resolve(DATASET).resolve(requestId);
    Optional<ExtractPublisher.Receipt> receipt = Optional.empty();
    if (publisher.isPresent()) {
      ExtractPublisher.Transaction tx = publisher.get().begin(topic);
      records.forEach(tx::send);
      receipt = Optional.of(tx.commit(manifest));
    }
    try {
      Files.createDirectories(folder);
      try (DataFileWriter<PartnerRecord> w =
          new DataFileWriter<>(new SpecificDatumWriter<>(PartnerRecord.class))) {
        w.create(PartnerRecord.getClassSchema(), folder.resolve("sent.avro").toFile());
        for (PartnerRecord r : records) {
          w.append(r);
        }
      }
      JSON.writeValue(folder.resolve("manifest.json").toFile(), EdgeAgent.manifestJson(manifest));
      var r =
          JSON.createObjectNode()
              .put("requestId", requestId)
              .put("kind", kind.name().toLowerCase())
              .put("subjects", records.size())
              .put("topic", topic)
              .put("published", receipt.isPresent());
      receipt.ifPresent(
          x -> r.put("firstOffset", x.firstOffset()).put("manifestOffset", x.manifestOffset()));
      JSON.writeValue(folder.resolve("receipt.json").toFile(), r);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the audit copy of the subject requests", e);
    }
    return new Result(requestId, topic, records.size(), folder, receipt);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
