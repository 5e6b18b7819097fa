package org.hearth.ingest.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * XLSX through fastexcel-reader, streaming the first sheet; other sheets are noted, not read. The
 * file is checked first ({@link WorkbookCheck}), so what the reader holds is bounded; whatever it
 * still throws becomes one line without its text, which may quote a cell.
 */
final class XlsxExtractReader implements ExtractReader {
  /** OOXML's escape for a character XML cannot carry, such as a control character: _x0007_. */
  private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

  private final Path file;
  private final ReadableWorkbook workbook;
  private final Stream<org.dhatim.fastexcel.reader.Row> rows;
  private final Iterator<org.dhatim.fastexcel.reader.Row> iterator;
  private final List<String> header = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final String sheetName;
  private long lastRow = 1;

  XlsxExtractReader(Path file) throws IOException {
    this(file, WorkbookCheck.Limits.DEFAULT);
  }

  XlsxExtractReader(Path file, WorkbookCheck.Limits limits) throws IOException {
    this.file = file;
    WorkbookCheck.Result checked = WorkbookCheck.check(file, limits);
    try {
      workbook = new ReadableWorkbook(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new ExtractFileException(file, "is not a readable .xlsx workbook: " + problem(e));
    }
    try {
      List<Sheet> sheets = workbook.getSheets().toList();
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
      if (checked.mergedRanges() > 0) {
        notes.add(
            "the sheet has "
                + checked.mergedRanges()
                + " merged cell range(s): a merged value sits in its first"
                + " cell only, so the other cells read as empty (and fail validation where"
                + " required)");
      }
      rows = first.openStream();
      iterator = rows.iterator();
      if (!iterator.hasNext()) {
        close();
        throw new ExtractFileException(file, "is empty: its first sheet has no header row");
      }
      org.dhatim.fastexcel.reader.Row h = iterator.next();
      lastRow = h.getRowNum();
      for (int i = 0; i < h.getCellCount(); i++) {
        header.add(text(h, i));
      }
    } catch (ExtractFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      workbook.close();
      throw new ExtractFileException(
          file, "has a first sheet whose header row cannot be read: " + problem(e));
    }
    while (!header.isEmpty() && header.get(header.size() - 1).isBlank()) {
      header.remove(header.size() - 1);
    }
  }

  /** A cell's text with OOXML escapes decoded, so a control character is seen as one. */
  private static String text(org.dhatim.fastexcel.reader.Row r, int i) {
    String t = r.getCellText(i);
    if (t == null) {
      return "";
    }
    if (t.indexOf("_x") < 0) {
      return t;
    }
    Matcher m = ESCAPE.matcher(t);
    StringBuilder out = new StringBuilder(t.length());
    while (m.find()) {
      m.appendReplacement(out, "");
      out.append((char) Integer.parseInt(m.group(1), 16));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The kind of failure, never its message: a parser's message can quote the cell it choked on. */
  private static String problem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.zip.ZipException || t instanceof java.io.EOFException) {
        return "part of the workbook cannot be decompressed (a damaged copy?)";
      }
      if (t instanceof javax.xml.stream.XMLStreamException) {
        return "its XML is not well-formed (a damaged copy?)";
      }
      if (t instanceof NumberFormatException || t instanceof IllegalStateException) {
        return "a value or cell type in it is not what Excel writes";
      }
    }
    return "a cell is not what its type says, or the sheet is damaged";
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
        try {
          while (iterator.hasNext()) {
            org.dhatim.fastexcel.reader.Row r = iterator.next();
            lastRow = r.getRowNum();
            List<String> fields = new ArrayList<>(r.getCellCount());
            boolean any = false;
            for (int i = 0; i < r.getCellCount(); i++) {
              String t = text(r, i);
              fields.add(t);
              any |= !t.isBlank();
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
        } catch (RuntimeException e) {
          throw new BrokenFileException(
              file.getFileName()
                  + " cannot be read from about row "
                  + (lastRow + 1)
                  + " of its first sheet: "
                  + problem(e));
        }
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
    if (rows != null) {
      rows.close();
    }
    workbook.close();
  }
}
