package org.hearth.ingest.read;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * RFC 4180 CSV through FastCSV, with the encoding detected (a UTF-8 byte order mark; else UTF-8 if
 * every byte of the file decodes as UTF-8; else Windows-1252, which legacy council systems write)
 * and the delimiter detected from the header line (comma, semicolon, tab or pipe).
 */
final class CsvExtractReader implements ExtractReader {
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};
  private final Path file;
  private final Charset charset;
  private final boolean bom;
  private final char delimiter;
  private final Reader reader;
  private final CsvReader<CsvRecord> csv;
  private final Iterator<CsvRecord> records;
  private final List<String> header;
  private final List<String> notes = new ArrayList<>();

  CsvExtractReader(Path file) throws IOException {
    this.file = file;
    if (Files.size(file) == 0) {
      throw new ExtractFileException(file, "is empty: there is no header row");
    }
    this.bom = startsWithBom(file);
    this.charset = bom || isUtf8(file) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    this.delimiter = detectDelimiter(file, charset, bom);
    long open = unterminatedQuoteLine(file, charset);
    if (open > 0) {
      throw new ExtractFileException(
          file, "is not valid CSV: the quote opened on line " + open + " is never closed");
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (bom) {
      in.skipNBytes(3);
    }
    this.reader = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
    this.csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .maxBufferSize(4 * 1024 * 1024)
            .ofCsvRecord(reader);
    this.records = csv.iterator();
    try {
      if (!records.hasNext()) {
        throw new ExtractFileException(file, "has no header row");
      }
      this.header = List.copyOf(records.next().getFields());
    } catch (CsvParseException e) {
      throw new ExtractFileException(file, "has a header that is not valid CSV");
    }
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public String describe() {
    String d = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    return "CSV, " + (bom ? "UTF-8 with BOM" : charset.name()) + ", delimiter " + d;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return records.hasNext();
        } catch (CsvParseException e) {
          throw broken(file, e);
        }
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          CsvRecord r = records.next();
          return new Row(r.getStartingLineNumber(), r.getFields());
        } catch (CsvParseException e) {
          throw broken(file, e);
        }
      }
    };
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }

  private static BrokenFileException broken(Path file, CsvParseException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    java.util.regex.Matcher x = java.util.regex.Pattern.compile("line (\\d+)").matcher(m);
    return new BrokenFileException(
        file.getFileName()
            + " is not valid CSV from about line "
            + (x.find() ? x.group(1) : "?")
            + " (an unterminated quote, or a field too large)");
  }

  /**
   * RFC 4180 quotes come in pairs (a quote inside a field is doubled), so an odd count means a
   * quote is never closed; FastCSV would read on to the end of the file. Returns the line where the
   * unclosed quote opened, or 0.
   */
  private static long unterminatedQuoteLine(Path file, Charset cs) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, cs)) {
      boolean inside = false;
      long line = 0;
      long openedAt = 0;
      String l;
      while ((l = r.readLine()) != null) {
        line++;
        for (int i = 0; i < l.length(); i++) {
          if (l.charAt(i) == '"') {
            inside = !inside;
            if (inside) {
              openedAt = line;
            }
          }
        }
      }
      return inside ? openedAt : 0;
    }
  }

  private static boolean startsWithBom(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(3);
      return b.length == 3
          && (b[0] & 0xff) == 0xEF
          && (b[1] & 0xff) == 0xBB
          && (b[2] & 0xff) == 0xBF;
    }
  }

  /** Streams the whole file through a strict UTF-8 decoder. */
  private static boolean isUtf8(Path file) throws IOException {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    try (InputStream s = Files.newInputStream(file)) {
      int n;
      while ((n = s.read(in.array(), in.position(), in.remaining())) != -1) {
        in.position(in.position() + n);
        in.flip();
        if (d.decode(in, out, false).isError()) {
          return false;
        }
        in.compact();
        out.clear();
      }
      in.flip();
      return !d.decode(in, out, true).isError() && !d.flush(out).isError();
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static char detectDelimiter(Path file, Charset cs, boolean bom) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, cs)) {
      String line = r.readLine();
      if (line == null) {
        return ',';
      }
      char best = ',';
      int bestCount = -1;
      for (char d : DELIMITERS) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
          char c = line.charAt(i);
          if (c == '"') {
            quoted = !quoted;
          } else if (c == d && !quoted) {
            count++;
          }
        }
        if (count > bestCount) {
          best = d;
          bestCount = count;
        }
      }
      return best;
    }
  }
}
