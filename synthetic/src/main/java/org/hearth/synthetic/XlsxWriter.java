package org.hearth.synthetic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A streaming writer of single-sheet XLSX files with inline strings. Written here rather than with
 * a library because the generator promises byte-identical output for a seed, and library writers
 * stamp creation times into the document properties and zip entries.
 */
final class XlsxWriter implements AutoCloseable {
  private static final long FIXED_TIME = 1_577_836_800_000L; // 2020-01-01, for every zip entry
  private final ZipOutputStream zip;
  private final Writer sheet;
  private int row;

  XlsxWriter(Path file, String sheetName) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.setLevel(1);
    entry(
        "[Content_Types].xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "</Types>");
    entry(
        "_rels/.rels",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>");
    entry(
        "xl/workbook.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<sheets><sheet name=\""
            + escape(sheetName)
            + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    entry(
        "xl/_rels/workbook.xml.rels",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "</Relationships>");
    ZipEntry e = new ZipEntry("xl/worksheets/sheet1.xml");
    e.setTime(FIXED_TIME);
    zip.putNextEntry(e);
    sheet = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    sheet.write(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
  }

  private void entry(String name, String content) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(FIXED_TIME);
    zip.putNextEntry(e);
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** Every cell is text, as partners' exports usually are: numbers keep their leading zeros. */
  void row(String... values) throws IOException {
    row++;
    sheet.write("<row r=\"" + row + "\">");
    for (int c = 0; c < values.length; c++) {
      if (values[c] == null || values[c].isEmpty()) {
        continue;
      }
      sheet.write(
          "<c r=\"" + column(c) + row + "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
      sheet.write(escape(values[c]));
      sheet.write("</t></is></c>");
    }
    sheet.write("</row>");
  }

  static String column(int c) {
    StringBuilder s = new StringBuilder();
    for (int n = c + 1; n > 0; n = (n - 1) / 26) {
      s.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return s.toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    sheet.write("</sheetData></worksheet>");
    sheet.flush();
    zip.closeEntry();
    zip.close();
  }
}
