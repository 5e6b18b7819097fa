package org.hearth.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The edge's record of one partner dataset's sequence: the last extract it committed (id and
 * sequence number) and the extract a run was committing when it stopped, if any. Kept beside the
 * audit folders as {@code last-published.json} and {@code publishing.json}; neither holds anything
 * of the records. The next sequence number is the larger of the last one plus one and the clock in
 * milliseconds, so an edge that lost this record still numbers its next extract after every one the
 * platform accepted.
 */
final class EdgeLedger {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One extract of the dataset as the edge numbered it. */
  record Entry(String extractId, long sequence) {}

  private final Path dir;

  EdgeLedger(Path auditDir, String partner, String dataset) {
    this.dir = auditDir.resolve(partner).resolve(dataset);
  }

  /** The last extract of the dataset this edge committed. */
  Optional<Entry> last() {
    return read(dir.resolve("last-published.json"));
  }

  /** The extract a run was committing when it stopped: it may or may not have reached Kafka. */
  Optional<Entry> interrupted() {
    return read(dir.resolve("publishing.json"));
  }

  /** The place of the next extract: after the last one committed, and never behind the clock. */
  ExtractPlace next(boolean confirmShrink, long nowMillis) {
    Optional<Entry> last = last();
    long previous = last.map(Entry::sequence).orElse(0L);
    return new ExtractPlace(
        Math.max(previous + 1, nowMillis), last.map(Entry::extractId).orElse(""), confirmShrink);
  }

  /** Written just before the commit. */
  void committing(Entry e) throws IOException {
    write(dir.resolve("publishing.json"), e);
  }

  /** Written just after the commit. */
  void committed(Entry e) throws IOException {
    write(dir.resolve("last-published.json"), e);
    Files.deleteIfExists(dir.resolve("publishing.json"));
  }

  /** The commit was refused: nothing of the extract is visible. */
  void notCommitted() throws IOException {
    Files.deleteIfExists(dir.resolve("publishing.json"));
  }

  private static Optional<Entry> read(Path f) {
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      return Optional.of(new Entry(n.path("extractId").asText(), n.path("sequence").asLong()));
    } catch (IOException e) {
      throw new EdgeAgent.ExtractException(
          "the edge's record of what it published is damaged: " + f);
    }
  }

  private static void write(Path f, Entry e) throws IOException {
    Files.createDirectories(f.getParent());
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    JSON.writeValue(
        tmp.toFile(),
        JSON.createObjectNode().put("extractId", e.extractId()).put("sequence", e.sequence()));
    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
