package org.hearth.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.ingest.read.ExtractReader;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.normalise.MatchKey;

/**
 * The match keys the edge derives from each row of an extract, before pseudonymisation: for
 * measuring linkage on plaintext beside the pseudonymised pipeline (the same rules, the same
 * records). Evaluation only, on synthetic data; the edge never writes or sends these.
 */
public final class PlaintextMatchKeys {
  private PlaintextMatchKeys() {}

  /**
   * One publishable row.
   *
   * @param recordKey the record key the edge sends for the row
   */
  public record Row(long row, byte[] recordKey, List<MatchKey> keys) {}

  /** Rows the edge would publish, by source row number. */
  public static Map<Long, Row> read(
      Path file,
      DatasetContract contract,
      PartnerKey key,
      PostcodeLookup lookup,
      LocalDate periodEnd) {
    Map<Long, Row> out = new HashMap<>();
    try (ExtractReader reader = ExtractReader.open(file)) {
      RowTransformer t =
          new RowTransformer(
              contract,
              file.getFileName().toString(),
              RowTransformer.mapColumns(contract, reader.header()),
              key,
              lookup,
              periodEnd,
              "plaintext",
              100_000);
      int width = reader.header().size();
      for (ExtractReader.Row row : reader) {
        RowTransformer.Outcome o = t.transform(row.number(), row.fields(), width, 0);
        if (o.published()) {
          ByteBuffer k = o.record().getRecordKey().duplicate();
          byte[] rk = new byte[k.remaining()];
          k.get(rk);
          out.put(row.number(), new Row(row.number(), rk, o.matchKeys()));
        }
      }
    } catch (IOException e) {
      throw new EdgeAgent.ExtractException(
          "could not read " + file.getFileName() + ": " + e.getMessage());
    }
    return out;
  }
}
