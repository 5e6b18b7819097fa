package org.hearth.ingest.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

/** XLSX through fastexcel-reader, streaming the first sheet; other sheets are noted, not read. */
final class XlsxExtractReader implements ExtractReader {
  private final ReadableWorkbook workbook;
  private final Stream<org.dhatim.fastexcel.reader.Row> rows;
  private final Iterator<org.dhatim.fastexcel.reader.Row> iterator;
  private final List<String> header = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final String sheetName;

  XlsxExtractReader(Path file) throws IOException {
    try {
      workbook = new ReadableWorkbook(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new ExtractFileException(file, "is not a readable .xlsx workbook");
    }
    List<Sheet> sheets = workbook.getSheets().toList();
    if (sheets.isEmpty()) {
      workbook.close();
      throw new ExtractFileException(file, "has no sheets");
    }
    Sheet first = sheets.get(0);
    sheetName = first.getName();
    if (sheets.size() > 1) {
      notes.add(
          "the workbook has "
              + sheets.size()
              + " sheets; only the first ('"
              + sheetName
              + "') is read");
    }
    int merged = mergedRanges(file, 1);
    if (merged > 0) {
      notes.add(
          "the sheet has "
              + merged
              + " merged cell range(s): a merged value sits in its first"
              + " cell only, so the other cells read as empty (and fail validation where required)");
    }
    rows = first.openStream();
    iterator = rows.iterator();
    if (!iterator.hasNext()) {
      close();
      throw new ExtractFileException(file, "is empty: there is no header row");
    }
    org.dhatim.fastexcel.reader.Row h = iterator.next();
    for (int i = 0; i < h.getCellCount(); i++) {
      String t = h.getCellText(i);
      header.add(t == null ? "" : t);
    }
    while (!header.isEmpty() && header.get(header.size() - 1).isBlank()) {
      header.remove(header.size() - 1);
    }
  }

  /** Counts &lt;mergeCell&gt; elements of the first worksheet by streaming its XML. */
  private static int mergedRanges(Path file, int sheetNumber) {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      java.util.zip.ZipEntry e = zip.getEntry("xl/worksheets/sheet" + sheetNumber + ".xml");
      if (e == null) {
        return 0;
      }
      int count = 0;
      byte[] needle = "<mergeCell ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      int matched = 0;
      try (java.io.InputStream in = new java.io.BufferedInputStream(zip.getInputStream(e))) {
        int b;
        while ((b = in.read()) != -1) {
          if (b == needle[matched]) {
            if (++matched == needle.length) {
              count++;
              matched = 0;
            }
          } else {
            matched = b == needle[0] ? 1 : 0;
          }
        }
      }
      return count;
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public String describe() {
    return "XLSX, sheet '" + sheetName + "'";
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public Iterator<ExtractReader.Row> iterator() {
    return new Iterator<>() {
      private ExtractReader.Row next = advance();

      private ExtractReader.Row advance() {
        while (iterator.hasNext()) {
          org.dhatim.fastexcel.reader.Row r = iterator.next();
          List<String> fields = new ArrayList<>(r.getCellCount());
          boolean any = false;
          for (int i = 0; i < r.getCellCount(); i++) {
            String t = r.getCellText(i);
            fields.add(t == null ? "" : t);
            any |= t != null && !t.isBlank();
          }
          if (!any) {
            continue; // blank rows are common at the end of spreadsheets
          }
          while (fields.size() > header.size() && fields.get(fields.size() - 1).isEmpty()) {
            fields.remove(fields.size() - 1);
          }
          while (fields.size() < header.size()) {
            fields.add("");
          }
          return new ExtractReader.Row(r.getRowNum(), fields);
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public ExtractReader.Row next() {
        ExtractReader.Row r = next;
        if (r == null) {
          throw new java.util.NoSuchElementException();
        }
        next = advance();
        return r;
      }
    };
  }

  @Override
  public void close() throws IOException {
    rows.close();
    workbook.close();
  }
}
