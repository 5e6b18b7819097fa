package org.hearth.ingest;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Postcode -> ward and LSOA codes, from a file in ONS Postcode Directory layout (pcds, osward,
 * lsoa21).
 */
public final class PostcodeLookup {
  /** The areas a postcode generalises to. */
  public record Areas(String ward, String lsoa) {}

  private final Map<String, Areas> byPostcode;

  private PostcodeLookup(Map<String, Areas> byPostcode) {
    this.byPostcode = byPostcode;
  }

  public static PostcodeLookup empty() {
    return new PostcodeLookup(Map.of());
  }

  public static PostcodeLookup load(Path onspd) {
    Map<String, Areas> m = new HashMap<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(onspd)) {
      List<String> header = null;
      int pcds = -1;
      int ward = -1;
      int lsoa = -1;
      for (CsvRecord rec : r) {
        if (header == null) {
          header = rec.getFields();
          pcds = header.indexOf("pcds");
          ward = header.indexOf("osward");
          lsoa = header.indexOf(header.contains("lsoa21") ? "lsoa21" : "lsoa11");
          if (pcds < 0 || ward < 0 || lsoa < 0) {
            throw new IllegalArgumentException(
                onspd.getFileName() + " lacks the ONSPD columns pcds, osward and lsoa21");
          }
          continue;
        }
        m.put(
            rec.getField(pcds).replace(" ", ""), new Areas(rec.getField(ward), rec.getField(lsoa)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the ONSPD lookup file " + onspd, e);
    }
    return new PostcodeLookup(m);
  }

  public Optional<Areas> areas(String compactPostcode) {
    return Optional.ofNullable(byPostcode.get(compactPostcode));
  }

  public int size() {
    return byPostcode.size();
  }
}
