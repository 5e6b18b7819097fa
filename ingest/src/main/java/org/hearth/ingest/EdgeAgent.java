package org.hearth.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.events.PartnerRecord;
import org.hearth.events.Topics;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.ingest.read.ExtractReader;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.normalise.FieldStatistics;

/**
 * The partner's edge agent: reads an extract, validates it against its contract, pseudonymises its
 * identifiers with the partner's key and publishes the result — every record and a signed manifest
 * — in one Kafka transaction, leaving an audit copy of exactly what was sent.
 */
public final class EdgeAgent {
  /** The field collision rates of the extract being published, for its manifest. */
  private FieldStatistics statistics = new FieldStatistics();

  private Runnable beforeCommit = () -> {};

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the agent needs besides the file. */
  public record Settings(
      DatasetContract contract,
      PartnerKey key,
      Ed25519PrivateKeyParameters signingKey,
      PostcodeLookup lookup,
      String period,
      LocalDate periodEnd,
      Path auditDir,
      int cacheEntries,
      boolean delta) {
    /** Full mode: this extract replaces everything the partner sent of the dataset before. */
    public Settings(
        DatasetContract contract,
        PartnerKey key,
        Ed25519PrivateKeyParameters signingKey,
        PostcodeLookup lookup,
        String period,
        LocalDate periodEnd,
        Path auditDir,
        int cacheEntries) {
      this(contract, key, signingKey, lookup, period, periodEnd, auditDir, cacheEntries, false);
    }
  }

  /** What happened to one file. */
  public record Result(
      String extractId,
      String topic,
      long rowsRead,
      long published,
      long rejectedRows,
      Delta delta,
      Map<String, Integer> problemsByRule,
      Path auditFolder,
      Optional<ExtractPublisher.Receipt> receipt,
      List<String> notes,
      long matchKeys) {}

  /** In delta mode, what changed since the last published extract; all zero in full mode. */
  public record Delta(long inserted, long updated, long deleted, long unchanged) {
    static final Delta NONE = new Delta(0, 0, 0, 0);
  }

  private static final int BATCH = 2048;
  private final Settings s;
  private final int threads;
  private final boolean confirmShrink;

  /** Pseudonymises on as many threads as there are cores. */
  public EdgeAgent(Settings settings) {
    this(settings, Runtime.getRuntime().availableProcessors());
  }

  public EdgeAgent(Settings settings, int threads) {
    this(settings, threads, false);
  }

  private EdgeAgent(Settings settings, int threads, boolean confirmShrink) {
    this.s = settings;
    this.threads = Math.max(1, threads);
    this.confirmShrink = confirmShrink;
  }

  /**
   * The same agent with the partner's confirmation that its extract may shrink the dataset beyond
   * the platform's limit (or, in full, be empty): the manifest signs it, and the extract id differs
   * from the unconfirmed one, so a confirmed re-run of a refused file is a new extract.
   */
  public EdgeAgent confirmingShrink() {
    return new EdgeAgent(s, threads, true);
  }

  /**
   * Publishes the file (or, with no publisher, writes only the audit copy: a dry run).
   *
   * @throws ExtractException when the file as a whole cannot be used: nothing is published
   */
  public Result run(Path file, Optional<ExtractPublisher> publisher, LongConsumer progress) {
    DatasetContract c = s.contract();
    String extractId = extractId(file);
    String topic = Topics.dataset(s.key().partner(), c.dataset());
    Path base = s.auditDir().resolve(s.key().partner()).resolve(c.dataset()).resolve(s.period());
    Path done = base.resolve(extractId);
    if (publisher.isPresent() && Files.exists(done.resolve("receipt.json")) && published(done)) {
      throw new ExtractException(
          file.getFileName()
              + " was already published as extract "
              + extractId
              + " (receipt in "
              + done
              + "); the same content is never sent twice");
    }
    EdgeLedger ledger = new EdgeLedger(s.auditDir(), s.key().partner(), c.dataset());
    Path partial = base.resolve("." + extractId + ".partial");
    deleteTree(partial);
    List<String> notes = new ArrayList<>();
    Map<String, Integer> byRule = new TreeMap<>();
    long rows = 0;
    long sent = 0;
    long matchKeys = 0; // pseudonyms sent: one multiplication each at the edge
    long rejected = 0;
    ExtractPublisher.Transaction tx = null;
    try (ExtractReader reader = ExtractReader.open(file)) {
      Files.createDirectories(partial);
      notes.add("read as " + reader.describe());
      notes.addAll(reader.notes());
      int[] columns = RowTransformer.mapColumns(c, reader.header());
      Optional<String> ambiguous = RowTransformer.ambiguousColumn(c, reader.header());
      if (ambiguous.isPresent()) {
        throw new ExtractException(file.getFileName() + " " + ambiguous.get());
      }
      notes.addAll(unreadHeaderNotes(reader.header(), columns));
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        if (columns[i] < 0 && c.fields().get(i).required()) {
          missing.add(c.fields().get(i).column());
        }
      }
      if (!missing.isEmpty()) {
        throw new ExtractException(
            file.getFileName()
                + " lacks the required column(s) "
                + String.join(", ", missing)
                + " of contract "
                + c.dataset()
                + (reader.header().size() == 1 && reader.describe().startsWith("CSV")
                    ? " (its header has a single column: is it delimited by something other than"
                        + " comma, semicolon, tab or pipe?)"
                    : ""));
      }
      int unknown =
          reader.header().size()
              - (int) java.util.Arrays.stream(columns).filter(x -> x >= 0).count();
      if (unknown > 0) {
        notes.add(unknown + " column(s) not in the contract were ignored (never read, never sent)");
      }
      // one transformer (and match-key cache) per worker: rows are pseudonymised in parallel,
      // everything order-dependent below stays on this thread
      statistics = new FieldStatistics();
      List<RowTransformer> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        workers.add(
            new RowTransformer(
                c,
                file.getFileName().toString(),
                columns,
                s.key(),
                s.lookup(),
                s.periodEnd(),
                extractId,
                Math.max(1024, s.cacheEntries() / threads)));
        workers.get(w).shareStatistics(statistics);
      }
      ExtractDigest digest = new ExtractDigest();
      Path stateFile = PublishedState.file(s.auditDir(), s.key().partner(), c.dataset());
      PublishedState previous = PublishedState.load(stateFile, s.key()).orElse(null);
      if (s.delta() && previous == null) {
        throw new ExtractException(
            "no previous extract of "
                + c.dataset()
                + " is recorded at this edge; publish it in full first");
      }
      if (s.delta() && ledger.last().isEmpty()) {
        throw new ExtractException(
            "this edge has no record of which extract of "
                + c.dataset()
                + " the platform holds (a delta must name it); publish it in full first");
      }
      interrupted(ledger, extractId, file, publisher, notes);
      ExtractPlace place = ledger.next(confirmShrink, System.currentTimeMillis());
      PublishedState next = PublishedState.empty();
      long inserted = 0;
      long updated = 0;
      long unchanged = 0;
      long deleted = 0;
      tx = publisher.map(p -> p.begin(topic)).orElse(null);
      try (CsvWriter rejects =
              CsvWriter.builder()
                  .lineDelimiter(LineDelimiter.CRLF)
                  .build(partial.resolve("rejects.csv"), StandardCharsets.UTF_8);
          CsvWriter sentRows =
              CsvWriter.builder()
                  .lineDelimiter(LineDelimiter.CRLF)
                  .build(partial.resolve("sent-rows.csv"), StandardCharsets.UTF_8);
          DataFileWriter<PartnerRecord> audit =
              new DataFileWriter<>(new SpecificDatumWriter<>(PartnerRecord.class))) {
        rejects.writeRecord("file", "row", "column", "rule", "severity", "message", "what_to_do");
        // which source row each sent record came from: lets the partner trace an incident or a
        // query back to its own file, and lets evaluation join the generator's truth
        sentRows.writeRecord("sequence", "row");
        audit.create(PartnerRecord.getClassSchema(), partial.resolve("sent.avro").toFile());
        java.util.Iterator<ExtractReader.Row> it = reader.iterator();
        List<ExtractReader.Row> batch = new ArrayList<>(BATCH);
        RowTransformer.Outcome[] outcomes = new RowTransformer.Outcome[BATCH];
        while (it.hasNext()) {
          batch.clear();
          while (it.hasNext() && batch.size() < BATCH) {
            batch.add(it.next());
          }
          transformAll(workers, batch, reader.header().size(), outcomes);
          for (int b = 0; b < batch.size(); b++) {
            ExtractReader.Row row = batch.get(b);
            rows++;
            RowTransformer.Outcome o = outcomes[b];
            List<Rejection> problems = new ArrayList<>(o.problems());
            PartnerRecord r = o.record();
            if (r != null && next.contains(r.getRecordKey())) {
              problems.add(
                  new Rejection(
                      file.getFileName().toString(),
                      row.number(),
                      String.join("+", c.recordKey()),
                      "duplicate-record-key",
                      Rejection.Severity.ERROR,
                      "repeats row " + next.firstRow(r.getRecordKey())));
              r = null;
            }
            for (Rejection p : problems) {
              RejectRules.Rule explained = RejectRules.describe(p.rule());
              rejects.writeRecord(
                  p.file(),
                  Long.toString(p.row()),
                  p.column(),
                  p.rule(),
                  p.severity().name(),
                  p.detail() == null
                      ? explained.meaning()
                      : explained.meaning() + " (" + p.detail() + ")",
                  explained.whatToDo());
              byRule.merge(p.rule(), 1, Integer::sum);
            }
            if (r == null) {
              rejected++;
              continue;
            }
            ByteBuffer key = r.getRecordKey().duplicate();
            ByteBuffer content = PublishedState.fingerprint(r);
            next.put(key, content, row.number());
            if (s.delta()) {
              var before = previous.digest(key);
              if (before.isPresent() && before.get().equals(content)) {
                unchanged++;
                continue;
              }
              if (before.isPresent()) {
                updated++;
              } else {
                inserted++;
              }
            }
            r.setSequence(sent);
            sentRows.writeRecord(Long.toString(sent), Long.toString(row.number()));
            digest.add(r);
            audit.append(r);
            if (tx != null) {
              tx.send(r);
            }
            sent++;
            matchKeys += r.getMatchKeys().size();
            if ((rows & 1023) == 0) {
              progress.accept(rows);
            }
          }
        }
        if (s.delta()) {
          // records the platform holds that this extract no longer has: deletes, in key order
          List<ByteBuffer> gone = new ArrayList<>();
          PublishedState current = next;
          previous.forEachKey(
              k -> {
                if (!current.contains(k)) {
                  gone.add(k);
                }
              });
          gone.sort(null);
          for (ByteBuffer k : gone) {
            PartnerRecord del =
                PartnerRecord.newBuilder()
                    .setPartner(s.key().partner())
                    .setDataset(c.dataset())
                    .setExtractId(extractId)
                    .setSequence(sent)
                    .setOperation(org.hearth.events.Operation.DELETE)
                    .setRecordKey(k.duplicate())
                    .setKeyVersion(s.key().version())
                    .setMatchKeys(List.of())
                    .setAttributes(Map.of())
                    .build();
            digest.add(del);
            audit.append(del);
            if (tx != null) {
              tx.send(del);
            }
            sent++;
            deleted++;
          }
        }
      }
      progress.accept(rows);
      if (rows == 0) {
        // a full extract of nothing would replace everything the partner sent before
        throw new ExtractException(file.getFileName() + " has a header but no rows");
      }
      // every row rejected: a full extract would retract the dataset, a delta delete all of it
      if (rejected == rows) {
        String refusal = allRejected(file, rows, byRule);
        if (tx != null) {
          throw new ExtractException(refusal);
        }
        notes.add("publishing would be refused: " + refusal);
      }
      ExtractManifest manifest = manifest(extractId, sent, digest.digest(), place);
      Optional<ExtractPublisher.Receipt> receipt = Optional.empty();
      if (tx != null) {
        EdgeLedger.Entry entry = new EdgeLedger.Entry(extractId, place.sequence());
        ledger.committing(entry);
        beforeCommit.run();
        try {
          receipt = Optional.of(tx.commit(manifest));
        } catch (ExtractPublisher.PublishException e) {
          ledger.notCommitted(); // the broker refused it: nothing of it is visible
          throw e;
        }
        tx = null;
        // the delta state first: a crash between the two leaves the ledger naming the extract
        // before, so a delta computed on the new state is refused as on another base, never
        // applied to the wrong one
        next.save(stateFile, s.key());
        ledger.committed(entry);
      }
      writeJson(partial.resolve("manifest.json"), manifestJson(manifest));
      writeJson(
          partial.resolve("receipt.json"),
          receiptJson(file, extractId, topic, rows, sent, rejected, byRule, receipt, notes));
      deleteTree(done);
      Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
      Delta d = s.delta() ? new Delta(inserted, updated, deleted, unchanged) : Delta.NONE;
      return new Result(
          extractId, topic, rows, sent, rejected, d, byRule, done, receipt, notes, matchKeys);
    } catch (ExtractReader.BrokenFileException e) {
      throw fatal(tx, partial, e.getMessage(), e);
    } catch (ExtractReader.ExtractFileException e) {
      throw fatal(tx, partial, e.getMessage(), e);
    } catch (IOException e) {
      throw fatal(
          tx, partial, "could not read or audit " + file.getFileName() + ": " + e.getMessage(), e);
    } catch (ExtractException e) {
      throw fatal(tx, partial, e.getMessage(), e);
    } catch (RuntimeException e) {
      if (tx != null) {
        tx.abort();
      }
      deleteTree(partial);
      throw e;
    }
  }

  /**
   * Notes on header columns the contract does not read that have no name, or share one: by position
   * only, as a file without a header row would have data there.
   */
  private static List<String> unreadHeaderNotes(List<String> header, int[] columns) {
    java.util.Set<Integer> read = new java.util.HashSet<>();
    for (int col : columns) {
      read.add(col);
    }
    List<Integer> blank = new ArrayList<>();
    Map<String, List<Integer>> byName = new java.util.LinkedHashMap<>();
    for (int h = 0; h < header.size(); h++) {
      if (read.contains(h)) {
        continue;
      }
      String n = DatasetContract.normaliseHeader(header.get(h));
      if (n.isEmpty()) {
        blank.add(h + 1);
      } else {
        byName.computeIfAbsent(n, k -> new ArrayList<>()).add(h + 1);
      }
    }
    List<String> notes = new ArrayList<>();
    if (!blank.isEmpty()) {
      notes.add("header column(s) " + blank + " have no name and are not read");
    }
    byName.values().stream()
        .filter(p -> p.size() > 1)
        .forEach(p -> notes.add("header columns " + p + " share a name; the contract reads none"));
    return notes;
  }

  private static final java.util.concurrent.ExecutorService POOL =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hearth-edge-worker");
            t.setDaemon(true);
            return t;
          });

  /** Transforms a batch on the workers, each a contiguous slice (households sit together). */
  private void transformAll(
      List<RowTransformer> workers,
      List<ExtractReader.Row> batch,
      int headerSize,
      RowTransformer.Outcome[] out) {
    int n = batch.size();
    if (workers.size() == 1 || n < 64) {
      for (int i = 0; i < n; i++) {
        ExtractReader.Row row = batch.get(i);
        out[i] = workers.get(0).transform(row.number(), row.fields(), headerSize, 0);
      }
      return;
    }
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    int per = (n + workers.size() - 1) / workers.size();
    for (int w = 0; w < workers.size(); w++) {
      int from = w * per;
      int to = Math.min(n, from + per);
      RowTransformer t = workers.get(w);
      futures.add(
          POOL.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  ExtractReader.Row row = batch.get(i);
                  out[i] = t.transform(row.number(), row.fields(), headerSize, 0);
                }
              }));
    }
    for (var f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExtractException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new ExtractException("pseudonymisation failed: " + e.getCause(), e.getCause());
      }
    }
  }

  private ExtractException fatal(
      ExtractPublisher.Transaction tx, Path partial, String message, Exception cause) {
    if (tx != null) {
      tx.abort();
    }
    deleteTree(partial);
    return new ExtractException(
        message.endsWith("nothing was published") ? message : message + "; nothing was published",
        cause);
  }

  /**
   * A run that stopped around its commit left its extract in flight: asks Kafka whether that
   * transaction committed. If it did and it is this extract, this is a second copy and is refused;
   * if it did not, the marker goes; if Kafka cannot say, the platform refuses a copy that did land
   * as a duplicate, and the notes say so.
   */
  private static void interrupted(
      EdgeLedger ledger,
      String extractId,
      Path file,
      Optional<ExtractPublisher> publisher,
      List<String> notes)
      throws IOException {
    Optional<EdgeLedger.Entry> inFlight = ledger.interrupted();
    if (inFlight.isEmpty() || publisher.isEmpty()) {
      return;
    }
    Optional<Boolean> committed = publisher.get().lastTransactionCommitted();
    boolean same = inFlight.get().extractId().equals(extractId);
    if (committed.isPresent() && !committed.get()) {
      ledger.notCommitted();
    } else if (committed.isPresent() && same) {
      throw new ExtractException(
          file.getFileName()
              + " was already published as extract "
              + extractId
              + ": Kafka committed it just before the last run stopped; the same content is never"
              + " sent twice");
    } else if (same) {
      notes.add(
          "an earlier run of this extract stopped while committing and Kafka cannot say whether it"
              + " landed; if it did, the platform refuses this copy as a duplicate");
    }
  }

  /**
   * Why an extract whose every row was rejected is refused: in full it would replace the dataset
   * with nothing, as a delta it would delete every record. Names the commonest rules (never a
   * value).
   */
  private static String allRejected(Path file, long rows, Map<String, Integer> byRule) {
    String rules =
        byRule.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(3)
            .map(e -> e.getKey() + " x" + e.getValue())
            .collect(java.util.stream.Collectors.joining(", "));
    return "all "
        + rows
        + " rows of "
        + file.getFileName()
        + " were rejected ("
        + rules
        + "): publishing would retract the whole dataset;"
        + " see rejects.csv of a --dry-run";
  }

  /**
   * Runs after every record of an extract is sent and before its transaction commits: the seam a
   * crash test uses to stop the process at the worst moment. Nothing in production sets it.
   */
  EdgeAgent beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
    return this;
  }

  /**
   * The dataset, period and a digest of contract and content: the same file always gets the same
   * id.
   */
  String extractId(Path file) {
    MessageDigest d = sha256();
    d.update(
        (s.contract().dataset()
                + "|"
                + s.contract().version()
                + "|"
                + s.period()
                + "|"
                // a confirmed re-run of a refused shrink is a new extract, not the same one again
                + (confirmShrink ? "confirm-shrink|" : ""))
            .getBytes(StandardCharsets.UTF_8));
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new ExtractException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return s.contract().dataset()
        + "-"
        + s.period()
        + "-"
        + HexFormat.of().formatHex(d.digest()).substring(0, 16);
  }

  private ExtractManifest manifest(
      String extractId, long count, byte[] contentDigest, ExtractPlace place) {
    return Manifests.signed(
        s.key(),
        s.signingKey(),
        s.contract().dataset(),
        extractId,
        s.period(),
        s.delta() ? ExtractMode.DELTA : ExtractMode.FULL,
        count,
        contentDigest,
        place,
        statistics.collisionRates());
  }

  static ObjectNode manifestJson(ExtractManifest m) {
    ObjectNode n = JSON.createObjectNode();
    n.put("partner", m.getPartner())
        .put("dataset", m.getDataset())
        .put("extractId", m.getExtractId())
        .put("period", m.getPeriod())
        .put("mode", m.getMode().name())
        .put("recordCount", m.getRecordCount())
        .put("contentDigestSha256", HexFormat.of().formatHex(bytes(m.getContentDigest())))
        .put("schemaFingerprint", m.getSchemaFingerprint())
        .put("keyVersion", m.getKeyVersion())
        .put("sequence", m.getSequence())
        .put("replaces", m.getReplaces())
        .put("confirmShrink", m.getConfirmShrink());
    ObjectNode rates = n.putObject("fieldCollisions");
    new java.util.TreeMap<>(m.getFieldCollisions()).forEach(rates::put);
    n.put("signatureEd25519", HexFormat.of().formatHex(bytes(m.getSignature())));
    return n;
  }

  private ObjectNode receiptJson(
      Path file,
      String extractId,
      String topic,
      long rows,
      long sent,
      long rejected,
      Map<String, Integer> byRule,
      Optional<ExtractPublisher.Receipt> receipt,
      List<String> notes) {
    ObjectNode n = JSON.createObjectNode();
    n.put("file", file.getFileName().toString())
        .put("extractId", extractId)
        .put("contract", s.contract().dataset())
        .put("period", s.period())
        .put("topic", topic)
        .put("rowsRead", rows)
        .put("recordsPublished", sent)
        .put("rowsRejected", rejected)
        .put("published", receipt.isPresent())
        .put("dryRun", receipt.isEmpty())
        .put("at", Instant.now().toString());
    receipt.ifPresent(
        r -> n.put("firstOffset", r.firstOffset()).put("manifestOffset", r.manifestOffset()));
    ObjectNode rules = n.putObject("problemsByRule");
    byRule.forEach(rules::put);
    notes.forEach(n.putArray("notes")::add);
    return n;
  }

  private static boolean published(Path folder) {
    try {
      return JSON.readTree(folder.resolve("receipt.json").toFile())
          .path("published")
          .asBoolean(false);
    } catch (IOException e) {
      return false;
    }
  }

  private static void writeJson(Path f, ObjectNode n) throws IOException {
    JSON.writeValue(f.toFile(), n);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> p = Files.walk(dir)) {
      for (Path x : p.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file as a whole was refused; nothing of it was published. */
  public static final class ExtractException extends RuntimeException {
    public ExtractException(String message) {
      super(message);
    }

    public ExtractException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
