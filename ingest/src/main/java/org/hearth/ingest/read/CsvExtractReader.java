package org.hearth.ingest.read;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * RFC 4180 CSV through FastCSV, with the encoding detected ({@link TextEncoding}: a byte order
 * mark, else UTF-16 or UTF-32 by their NUL bytes, else UTF-8 if every byte of the file decodes as
 * UTF-8, else Windows-1252, which legacy council systems write) and the delimiter detected from the
 * header line (comma, semicolon, tab or pipe).
 */
final class CsvExtractReader implements ExtractReader {
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};

  /** Longest field FastCSV buffers; longer ones are refused as a broken file, never read. */
  private static final int MAX_FIELD = 4 * 1024 * 1024;

  private final Path file;
  private final TextEncoding encoding;
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
    this.encoding = TextEncoding.detect(file);
    this.delimiter = detectDelimiter(file, encoding);
    long open = unterminatedQuoteLine(file, encoding);
    if (open > 0) {
      throw new ExtractFileException(
          file, "is not valid CSV: the quote opened on line " + open + " is never closed");
    }
    this.reader = encoding.open(file);
    this.csv =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .maxBufferSize(MAX_FIELD)
            .ofCsvRecord(reader);
    this.records = csv.iterator();
    try {
      if (!records.hasNext()) {
        csv.close();
        throw new ExtractFileException(file, "has no header row (only empty lines)");
      }
      this.header = List.copyOf(records.next().getFields());
    } catch (RuntimeException e) {
      csv.close();
      throw new ExtractFileException(
          file, "has a header line that cannot be read as CSV: " + why(e));
    }
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public String describe() {
    String d = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    return "CSV, " + encoding.label() + ", delimiter " + d;
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      private long line = 1;

      @Override
      public boolean hasNext() {
        try {
          return records.hasNext();
        } catch (RuntimeException e) {
          throw broken(e, line);
        }
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          CsvRecord r = records.next();
          line = r.getStartingLineNumber();
          return new Row(r.getStartingLineNumber(), r.getFields());
        } catch (RuntimeException e) {
          throw broken(e, line);
        }
      }
    };
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }

  /**
   * FastCSV's and the decoder's messages are not passed on (a parser may quote what it read); the
   * line and the kind of problem are.
   */
  private BrokenFileException broken(RuntimeException e, long lastGoodLine) {
    String at = lineOf(e);
    return new BrokenFileException(
        file.getFileName()
            + " cannot be read as CSV from about line "
            + (at == null ? Long.toString(lastGoodLine + 1) : at)
            + ": "
            + why(e));
  }

  private static String lineOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      java.util.regex.Matcher x = java.util.regex.Pattern.compile("line (\\d+)").matcher(m);
      if (x.find()) {
        return x.group(1);
      }
    }
    return null;
  }

  /** The kind of problem, in words of our own. */
  private static String why(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof java.nio.charset.CharacterCodingException) {
        return "it holds bytes that are not text in its encoding (did it change while being read?)";
      }
      if (m.contains("maximum buffer size")) {
        return "a field is longer than "
            + MAX_FIELD / (1024 * 1024)
            + " MiB characters (or a quote is never closed)";
      }
      if (m.contains("fields")) {
        return "a row has more fields than a CSV reader accepts (16,384)";
      }
      if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
        return "the file could not be read to the end";
      }
    }
    return "its structure is broken (an unterminated quote, or a field too large)";
  }

  /**
   * RFC 4180 quotes come in pairs (a quote inside a field is doubled), so an odd count means a
   * quote is never closed; FastCSV would read on to the end of the file. Returns the line where the
   * unclosed quote opened, or 0. Reads character by character: a file without line breaks must not
   * become one string.
   */
  private static long unterminatedQuoteLine(Path file, TextEncoding enc) throws IOException {
    try (Reader r = new BufferedReader(enc.open(file), 1 << 16)) {
      boolean inside = false;
      long line = 1;
      long openedAt = 0;
      boolean cr = false;
      int c;
      while ((c = r.read()) != -1) {
        if (c == '\n') {
          if (!cr) {
            line++;
          }
        } else if (c == '\r') {
          line++;
        } else if (c == '"') {
          inside = !inside;
          if (inside) {
            openedAt = line;
          }
        }
        cr = c == '\r';
      }
      return inside ? openedAt : 0;
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ExtractFileException(file, "changed while it was being read");
    }
  }

  /** The delimiter that splits the header line (at most its first 64 Ki characters) most often. */
  private static char detectDelimiter(Path file, TextEncoding enc) throws IOException {
    StringBuilder line = new StringBuilder();
    try (Reader r = new BufferedReader(enc.open(file), 1 << 16)) {
      int c;
      while (line.length() < 65_536 && (c = r.read()) != -1 && c != '\n' && c != '\r') {
        line.append((char) c);
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ExtractFileException(file, "changed while it was being read");
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
