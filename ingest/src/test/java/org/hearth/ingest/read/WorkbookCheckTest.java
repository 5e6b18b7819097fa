package org.hearth.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook check's limits that the corpus cannot reach cheaply at their real size: each is
 * shown to hold a workbook under the default limits and to refuse it under a small one, so each
 * limit is seen to be what refuses.
 */
class WorkbookCheckTest {
  @TempDir Path dir;

  private static final WorkbookCheck.Limits D = WorkbookCheck.Limits.DEFAULT;

  @Test
  void aWorkbookWithinTheLimitsIsReadAndItsShapeReported() throws IOException {
    Path f = workbook(sst("a", "b"), "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>", "");
    WorkbookCheck.Result r = WorkbookCheck.check(f, D);
    assertThat(r.sheetNames()).containsExactly("Data");
    assertThat(r.mergedRanges()).isZero();
    try (ExtractReader x = new XlsxExtractReader(f, D)) {
      assertThat(x.header()).containsExactly("b");
    }
  }

  @Test
  void theTotalExpandedSizeIsBounded() throws IOException {
    Path f = workbook(sst("a"), rows(2_000), "");
    WorkbookCheck.check(f, D);
    assertThatThrownBy(() -> WorkbookCheck.check(f, limits(5, 64 * 1024)))
        .isInstanceOf(ExtractReader.ExtractFileException.class)
        .hasMessageContaining("expands to more than 64 KiB of XML");
  }

  @Test
  void theSharedStringsTableIsBoundedInMemory() throws IOException {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      many.append("<si><t>name ").append(i).append("</t></si>");
    }
    Path f =
        workbook(
            sstRaw(many.toString()), "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", "");
    WorkbookCheck.check(f, D);
    assertThatThrownBy(() -> WorkbookCheck.check(f, limits(3, 256 * 1024)))
        .hasMessageContaining("has more shared text than can be read in bounded memory");
  }

  @Test
  void aRowsTextIsBounded() throws IOException {
    String row =
        "<row r=\"1\">"
            + "<c t=\"inlineStr\"><is><t>"
            + "x".repeat(10_000)
            + "</t></is></c>"
            + "<c t=\"inlineStr\"><is><t>"
            + "y".repeat(10_000)
            + "</t></is></c>"
            + "</row>";
    Path f = workbook(null, row, "");
    WorkbookCheck.check(f, D);
    assertThatThrownBy(() -> WorkbookCheck.check(f, limits(2, 15_000)))
        .hasMessageContaining("has more than 15000 characters in row 1");
  }

  @Test
  void formulasAreBoundedOneByOneAndAsKeptForLaterCells() throws IOException {
    String shared =
        "<row r=\"1\"><c r=\"A1\"><f t=\"shared\" ref=\"A1:A9\" si=\"0\">"
            + "B1+".repeat(2_000)
            + "1</f><v>1</v></c></row>";
    Path f = workbook(null, shared, "");
    WorkbookCheck.check(f, D);
    String tooLong =
        "<row r=\"1\"><c r=\"A1\"><f>" + "1+".repeat(5_000) + "1</f><v>1</v></c></row>";
    assertThatThrownBy(() -> WorkbookCheck.check(workbook(null, tooLong, ""), D))
        .hasMessageContaining("has a formula of more than 8192 characters in cell A1");
    assertThatThrownBy(() -> WorkbookCheck.check(f, limits(4, 4_000)))
        .hasMessageContaining("has more shared formulas than can be read in bounded memory");
  }

  @Test
  void theCompressionRatioIsJudgedOnlyBeyondItsFloor() throws IOException {
    // 4 MiB of one repeated element: a ratio far beyond 200, but under the 16 MiB floor
    Path f = workbook(null, "<row r=\"1\"/>", "<a/>".repeat(1 << 20));
    WorkbookCheck.check(f, D);
    assertThatThrownBy(() -> WorkbookCheck.check(f, limits(6, 1 << 20)))
        .hasMessageContaining("expands more than 200 times: a zip bomb");
  }

  @Test
  void mergedRangesAreCounted() throws IOException {
    Path f =
        workbook(
            null,
            "<row r=\"1\"/>",
            "<mergeCells count=\"2\"><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"B1:C1\"/></mergeCells>");
    assertThat(WorkbookCheck.check(f, D).mergedRanges()).isEqualTo(2);
  }

  /** The defaults with one limit (by its position in {@link WorkbookCheck.Limits}) replaced. */
  private static WorkbookCheck.Limits limits(int which, long value) {
    long[] v = {
      D.maxCellChars(),
      D.maxFormulaChars(),
      D.maxRowChars(),
      D.maxSharedStringsBytes(),
      D.maxStoredFormulaChars(),
      D.maxExpandedBytes(),
      D.bombFloorBytes(),
      D.maxRatio(),
      D.maxEntries(),
      D.maxRun()
    };
    v[which] = value;
    return new WorkbookCheck.Limits(
        (int) v[0], (int) v[1], v[2], v[3], v[4], v[5], v[6], (int) v[7], (int) v[8], (int) v[9]);
  }

  private static String rows(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append("<row r=\"")
          .append(i)
          .append("\"><c r=\"A")
          .append(i)
          .append("\"><v>")
          .append(i)
          .append("</v></c></row>");
    }
    return b.toString();
  }

  private static String sst(String... strings) {
    StringBuilder b = new StringBuilder();
    for (String s : strings) {
      b.append("<si><t>").append(s).append("</t></si>");
    }
    return sstRaw(b.toString());
  }

  private static String sstRaw(String items) {
    return "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + items
        + "</sst>";
  }

  private Path workbook(String sharedStrings, String rows, String afterSheetData)
      throws IOException {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put(
        "[Content_Types].xml",
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "</Types>");
    parts.put(
        "xl/workbook.xml",
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
            + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    parts.put(
        "xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\""
            + " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>"
            + "</Relationships>");
    if (sharedStrings != null) {
      parts.put("xl/sharedStrings.xml", sharedStrings);
    }
    parts.put(
        "xl/worksheets/sheet1.xml",
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + rows
            + "</sheetData>"
            + afterSheetData
            + "</worksheet>");
    Path f = Files.createTempFile(dir, "w", ".xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
      for (Map.Entry<String, String> e : parts.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return f;
  }
}
