package org.hearth.ingest.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Streams an extract's rows in constant memory. Row numbers are as a spreadsheet shows them (the
 * header is row 1), so a data officer can find a rejected row.
 */
public interface ExtractReader extends AutoCloseable, Iterable<ExtractReader.Row> {

  /** One data row; {@code fields} may be shorter or longer than the header (that is reported). */
  record Row(long number, List<String> fields) {}

  List<String> header();

  /** What the reader detected, for the summary: "CSV, UTF-8 with BOM, ','" or "XLSX, sheet ...". */
  String describe();

  /** Notes about the file as a whole (several sheets, a replaced encoding, ...). */
  List<String> notes();

  @Override
  Iterator<Row> iterator();

  @Override
  void close() throws IOException;

  static ExtractReader open(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsx")) {
      return new XlsxExtractReader(file);
    }
    if (name.endsWith(".xls")) {
      byte[] head;
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
        head = in.readNBytes(8);
      }
      if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
        throw new ExtractFileException(
            file, "is an .xlsx workbook under an .xls name: rename it to .xlsx");
      }
      if (WorkbookCheck.isOle2(head) && WorkbookCheck.encrypted(file)) {
        throw new ExtractFileException(file, WorkbookCheck.ENCRYPTED);
      }
      throw new ExtractFileException(
          file,
          "is an old .xls workbook (Excel 97-2003), which cannot be read: save it as .xlsx or CSV"
              + " UTF-8 (without a password)");
    }
    return new CsvExtractReader(file);
  }

  /** The file's structure broke part-way through: nothing of it is published. */
  final class BrokenFileException extends RuntimeException {
    public BrokenFileException(String message) {
      super(message);
    }
  }

  /** The file as a whole cannot be read: nothing of it is published. */
  final class ExtractFileException extends IOException {
    public ExtractFileException(Path file, String problem) {
      super(file.getFileName() + " " + problem);
    }
  }
}
