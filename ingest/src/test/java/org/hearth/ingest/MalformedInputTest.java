package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.hearth.events.PartnerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files get clear errors or reject rows; a fatal error publishes and audits nothing. */
class MalformedInputTest {
  @TempDir static Path dir;
  static Path county;
  private static final String HEADER =
      "YOS ID,Name,DOB,Sex,Address1,Address2,Town,Postcode,Known to YOS,Offence Category,Gravity";
  private static final String GOOD =
      "YOS1,\"SMITH, John\",02-Jun-2013,M,14 Victoria Road,,Pitsea,ZX1 1AA,Y,Theft and handling,3";

  @BeforeAll
  static void generate() {
    county = Fixtures.county(dir.resolve("county"));
  }

  private EdgeAgent.Result run(String name, byte[] content) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    return Fixtures.agent(county, "essex-yos", "youth-offending", dir.resolve("audit"))
        .run(f, Optional.empty(), n -> {});
  }

  private EdgeAgent.Result run(String name, String text) throws IOException {
    return run(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private void assertFatal(String name, String text, String message) {
    Path audit = dir.resolve("audit/essex-yos/youth-offending/2026-Q1");
    assertThatThrownBy(() -> run(name, text))
        .isInstanceOf(EdgeAgent.ExtractException.class)
        .hasMessageContaining(message)
        .hasMessageEndingWith("nothing was published");
    // no audit either: a fatal file leaves no trace of a half-publish
    if (Files.exists(audit)) {
      try (var s = Files.list(audit)) {
        assertThat(s.filter(p -> p.getFileName().toString().startsWith(".")).toList()).isEmpty();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void unterminatedQuoteIsFatal() {
    assertFatal(
        "unterminated.csv",
        HEADER
            + "\r\n"
            + GOOD
            + "\r\nYOS2,\"JONES, Amy,03-Jun-2013,F,1 Mill Road,,Pitsea,ZX1 1AB,Y,Drugs,2\r\n",
        "quote opened on line 3 is never closed");
  }

  @Test
  void emptyAndHeaderOnlyFilesAreFatal() {
    assertFatal("empty.csv", "", "is empty");
    assertFatal("header-only.csv", HEADER + "\r\n", "no rows");
  }

  @Test
  void aMissingRequiredColumnIsFatal() {
    assertFatal(
        "no-id.csv",
        HEADER.replace("YOS ID,", "") + "\r\n" + GOOD.replace("YOS1,", "") + "\r\n",
        "lacks the required column(s) YOS ID");
  }

  @Test
  void windows1252IsDetected() throws IOException {
    String text = HEADER + "\r\n" + GOOD.replace("SMITH, John", "MÜLLER, Zoë") + "\r\n";
    EdgeAgent.Result r = run("cp1252.csv", text.getBytes(Charset.forName("windows-1252")));
    assertThat(r.notes()).anyMatch(n -> n.contains("windows-1252"));
    assertThat(r.published()).isEqualTo(1);
  }

  @Test
  void bomAndSemicolonsAreDetected() throws IOException {
    String text =
        "\uFEFF"
            + HEADER.replace(",", ";")
            + "\r\n"
            + GOOD.replace(",", ";").replace("\"SMITH; John\"", "\"SMITH, John\"")
            + "\r\n";
    EdgeAgent.Result r = run("bom.csv", text);
    assertThat(r.notes()).anyMatch(n -> n.contains("UTF-8 with BOM") && n.contains("';'"));
    assertThat(r.published()).isEqualTo(1);
  }

  @Test
  void missingAndExtraColumnsRejectTheRow() throws IOException {
    EdgeAgent.Result r =
        run(
            "ragged.csv",
            HEADER
                + "\r\n"
                + GOOD
                + "\r\nYOS2,\"JONES, Amy\",03-Jun-2013\r\n"
                + GOOD.replace("YOS1", "YOS3")
                + ",surplus\r\n");
    assertThat(r.published()).isEqualTo(1);
    assertThat(r.problemsByRule())
        .containsEntry("missing-columns", 1)
        .containsEntry("extra-columns", 1);
    assertThat(rejects(r))
        .anySatisfy(l -> assertThat(l).isEqualTo("ragged.csv,3,(row),missing-columns,ERROR"));
    // each line also says, in plain words, what the rule means and what to do
    List<List<String>> report = RejectRulesTest.records(r.auditFolder().resolve("rejects.csv"));
    assertThat(report.get(0))
        .containsExactly("file", "row", "column", "rule", "severity", "message", "what_to_do");
    var missing = RejectRules.find("missing-columns").orElseThrow();
    assertThat(report)
        .contains(
            List.of(
                "ragged.csv",
                "3",
                "(row)",
                "missing-columns",
                "ERROR",
                missing.meaning(),
                missing.whatToDo()));
  }

  @Test
  void aDuplicateRowSaysWhichRowItRepeats() throws IOException {
    EdgeAgent.Result r =
        run(
            "twice.csv",
            HEADER
                + "\r\n"
                + GOOD
                + "\r\n"
                + GOOD.replace("YOS1", "YOS2")
                + "\r\n"
                + GOOD
                + "\r\n");
    assertThat(r.published()).isEqualTo(2);
    var duplicate = RejectRules.find("duplicate-record-key").orElseThrow();
    List<List<String>> report = RejectRulesTest.records(r.auditFolder().resolve("rejects.csv"));
    assertThat(report)
        .anySatisfy(
            line -> {
              assertThat(line.subList(0, 5))
                  .containsExactly("twice.csv", "4", "YOS ID", "duplicate-record-key", "ERROR");
              assertThat(line.get(5)).isEqualTo(duplicate.meaning() + " (repeats row 2)");
            });
  }

  @Test
  void hugeFieldsAreBoundedAndNeverEchoed() throws IOException {
    String huge = "x".repeat(100_000);
    EdgeAgent.Result r =
        run(
            "huge.csv",
            HEADER
                + "\r\n"
                + GOOD.replace("Theft and handling", huge)
                + "\r\n"
                + GOOD.replace("YOS1", "YOS2")
                    .replace("14 Victoria Road", "14 Victoria Road " + huge)
                + "\r\n");
    assertThat(r.problemsByRule()).containsEntry("field-too-long", 2);
    assertThat(r.published())
        .as("the attribute is dropped; the identifier's row is rejected")
        .isEqualTo(1);
    assertThat(String.join("\n", rejects(r))).doesNotContain("xxxx");
    assertThat(sent(r).get(0).getAttributes()).doesNotContainKey("offence_category");
  }

  @Test
  void identifiersPastedIntoATextAttributeNeverLeaveTheEdge() throws IOException {
    String[] planted = {
      "Mum is Sarah Thompson", // a name
      "call 020 7946 0018 after 5", // a London phone number
      "NHS 943.476.5919", // an NHS number with dots
      "lives at 12 Acacia Avenue", // an address line
      "born 14/03/2015", // a date of birth
      "sw1a 2aa", // a postcode in lower case
    };
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (int i = 0; i < planted.length; i++) {
      csv.append(GOOD.replace("YOS1", "YOS" + (10 + i)).replace("Theft and handling", planted[i]))
          .append("\r\n");
    }
    csv.append(GOOD).append("\r\n");
    EdgeAgent.Result r = run("pasted.csv", csv.toString());

    assertThat(r.published()).as("the records still publish, without the value").isEqualTo(7);
    long stopped =
        r.problemsByRule().entrySet().stream()
            .filter(e -> e.getKey().startsWith("identifier-shaped:"))
            .mapToLong(java.util.Map.Entry::getValue)
            .sum();
    assertThat(stopped).isEqualTo(planted.length);
    String sentText = sent(r).toString() + String.join("\n", rejects(r));
    for (String p : planted) {
      assertThat(sentText).doesNotContain(p);
    }
    assertThat(sent(r).get(planted.length).getAttributes().get("offence_category"))
        .as("clean text still leaves")
        .isEqualTo("Theft and handling");
  }

  @Test
  void formulaInjectionIsNeutralised() throws IOException {
    EdgeAgent.Result r =
        run(
            "formula.csv",
            HEADER
                + "\r\n"
                + GOOD.replace("Theft and handling", "=HYPERLINK(\"http://x\")")
                + "\r\n");
    assertThat(r.problemsByRule()).containsEntry("formula-neutralised", 1);
    assertThat(sent(r).get(0).getAttributes().get("offence_category")).startsWith("'=");
  }

  @Test
  void aRecordMissingNamesOrHalfADateIsPublishedWithTheKeysItCanMake() throws IOException {
    EdgeAgent.Result r =
        run(
            "partial.csv",
            HEADER
                + "\r\n"
                + GOOD.replace("\"SMITH, John\"", "Miss").replace("02-Jun-2013", "06/2013")
                + "\r\n"
                + GOOD.replace("YOS1", "YOS2").replace("02-Jun-2013", "")
                + "\r\n"
                + GOOD.replace("YOS1", "YOS3").replace("02-Jun-2013", "17/03/1888")
                + "\r\n");
    assertThat(r.published()).isEqualTo(3);
    assertThat(r.problemsByRule())
        .containsEntry("dob-partial", 1)
        .containsEntry("surname-format", 1)
        .containsEntry("forename-missing", 1)
        .containsEntry("dob-missing", 1)
        .doesNotContainKey("dob-too-old");
    assertThat(rejects(r))
        .contains(
            "partial.csv,2,DOB,dob-partial,WARNING",
            "partial.csv,2,Name,surname-format,WARNING",
            "partial.csv,3,DOB,dob-missing,WARNING")
        .noneMatch(l -> l.contains("ERROR"));
    // the title-only name made no name key; the old date made them all
    assertThat(sent(r).get(0).getMatchKeys()).noneMatch(k -> k.getType().name().contains("DOB"));
    assertThat(sent(r).get(2).getMatchKeys())
        .anyMatch(k -> k.getType() == org.hearth.events.MatchKeyType.NAME_DOB_SEX);
  }

  @Test
  void impossibleDatesAndInvalidIdentifiersDropTheirKeyWithAWarning() throws IOException {
    EdgeAgent.Result r =
        run(
            "dates.csv",
            HEADER
                + "\r\n"
                + GOOD.replace("02-Jun-2013", "31-Feb-2013")
                + "\r\n"
                + GOOD.replace("YOS1", "YOS2").replace("ZX1 1AA", "QX1 1AA")
                + "\r\n");
    assertThat(r.published()).isEqualTo(2);
    assertThat(r.problemsByRule())
        .containsEntry("dob-impossible", 1)
        .containsEntry("postcode-format", 1);
    assertThat(rejects(r)).anySatisfy(l -> assertThat(l).endsWith(",DOB,dob-impossible,WARNING"));
    assertThat(sent(r).get(0).getAttributes()).doesNotContainKey("birth_month");
  }

  @Test
  void invalidCheckDigitsAreReported() throws IOException {
    Path f = dir.resolve("nhs.csv");
    Files.writeString(
        f,
        "Client ID,First Name,Last Name,Date of Birth,Gender,NHS No,Address 1,Address 2,Town,Postcode,Substance,In Treatment,In Treatment 12m,Successful Completion 12m,Referral Source,Intervention\r\n"
            + "TR1,Amy,Jones,1990-01-02,Female,9434765918,3 Mill Road,,Pitsea,ZX1 1AA,Alcohol,Y,Y,N,GP,Psychosocial\r\n");
    EdgeAgent.Result r =
        Fixtures.agent(
                county, "essex-treatment-service", "drug-alcohol-treatment", dir.resolve("audit"))
            .run(f, Optional.empty(), n -> {});
    assertThat(r.problemsByRule()).containsEntry("nhs-check-digit", 1);
    assertThat(String.join("\n", rejects(r))).doesNotContain("9434765918");
  }

  @Test
  void anXlsxWithSeveralSheetsReadsTheFirstAndSaysSo() throws Exception {
    Path src = county.resolve("extracts/2026-Q1/basildon-council/da-homelessness.xlsx");
    Path two = dir.resolve("two-sheets.xlsx");
    addSecondSheet(src, two);
    EdgeAgent.Result r =
        Fixtures.agent(county, "basildon-council", "da-homelessness", dir.resolve("audit"))
            .run(two, Optional.empty(), n -> {});
    assertThat(r.notes()).anyMatch(n -> n.contains("2 sheets"));
    assertThat(r.published()).isPositive();
  }

  @Test
  void mergedCellsAreNotedAndTheirEmptyCellsValidated() throws Exception {
    Path src = county.resolve("extracts/2026-Q1/basildon-council/da-homelessness.xlsx");
    Path merged = dir.resolve("merged.xlsx");
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (var zin = new java.util.zip.ZipInputStream(Files.newInputStream(src))) {
      for (var e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
        entries.put(e.getName(), zin.readAllBytes());
      }
    }
    // merge the second data row's Case ID down from the first: row 3 then has no Case ID
    String sheet = new String(entries.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8);
    sheet =
        sheet
            .replaceFirst("<c r=\"A3\"[^>]*><is><t[^>]*>[^<]*</t></is></c>", "")
            .replace(
                "</sheetData>",
                "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A2:A3\"/></mergeCells>");
    entries.put("xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8));
    try (var zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(merged))) {
      for (var e : entries.entrySet()) {
        zout.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
        zout.write(e.getValue());
        zout.closeEntry();
      }
    }
    EdgeAgent.Result r =
        Fixtures.agent(county, "basildon-council", "da-homelessness", dir.resolve("audit"))
            .run(merged, Optional.empty(), n -> {});
    assertThat(r.notes()).anyMatch(n -> n.contains("1 merged cell range"));
    assertThat(r.problemsByRule()).containsEntry("required-missing", 1);
    assertThat(rejects(r))
        .anySatisfy(l -> assertThat(l).isEqualTo("merged.xlsx,3,Case ID,required-missing,ERROR"));
  }

  @Test
  void republishingTheSameContentIsRecognised() throws IOException {
    EdgeAgent.Result a = run("same.csv", HEADER + "\r\n" + GOOD + "\r\n");
    EdgeAgent.Result b = run("same-again.csv", HEADER + "\r\n" + GOOD + "\r\n");
    assertThat(b.extractId()).isEqualTo(a.extractId());
    EdgeAgent.Result c = run("other.csv", HEADER + "\r\n" + GOOD.replace("YOS1", "YOS9") + "\r\n");
    assertThat(c.extractId()).isNotEqualTo(a.extractId());
  }

  @Test
  void aConfirmedShrinkIsANewExtractSoARefusedFileCanBeSentAgainConfirmed() throws IOException {
    Path f = dir.resolve("confirm.csv");
    Files.writeString(f, HEADER + "\r\n" + GOOD.replace("YOS1", "YOS7") + "\r\n");
    EdgeAgent agent = Fixtures.agent(county, "essex-yos", "youth-offending", dir.resolve("audit"));
    String plain = agent.run(f, Optional.empty(), n -> {}).extractId();
    String confirmed = agent.confirmingShrink().run(f, Optional.empty(), n -> {}).extractId();
    assertThat(confirmed).isNotEqualTo(plain);
  }

  @Test
  void aFileWhoseRowsAreAllRejectedIsCheckedInADryRunAndSaysItWouldBeRefused() throws IOException {
    EdgeAgent.Result r = run("all-short.csv", HEADER + "\r\nYOS2,\"JONES, Amy\",03-Jun-2013\r\n");
    assertThat(r.published()).isZero();
    assertThat(r.notes())
        .anyMatch(
            n -> n.startsWith("publishing would be refused: all 1 rows") && !n.contains("JONES"));
    assertThat(rejects(r)).anySatisfy(l -> assertThat(l).contains("missing-columns"));
  }

  /** The report's lines as file,row,column,rule,severity (its explanation columns left off). */
  private static List<String> rejects(EdgeAgent.Result r) throws IOException {
    return RejectRulesTest.located(r.auditFolder().resolve("rejects.csv"));
  }

  private static List<PartnerRecord> sent(EdgeAgent.Result r) throws IOException {
    List<PartnerRecord> out = new ArrayList<>();
    try (DataFileReader<PartnerRecord> in =
        new DataFileReader<>(
            r.auditFolder().resolve("sent.avro").toFile(),
            new SpecificDatumReader<>(PartnerRecord.class))) {
      in.forEach(out::add);
    }
    return out;
  }

  /** Copies a workbook and adds a second worksheet to it. */
  private static void addSecondSheet(Path src, Path dst) throws IOException {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (var zin = new java.util.zip.ZipInputStream(Files.newInputStream(src))) {
      for (var e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
        entries.put(e.getName(), zin.readAllBytes());
      }
    }
    String ct =
        new String(entries.get("[Content_Types].xml"), StandardCharsets.UTF_8)
            .replace(
                "</Types>",
                "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
    entries.put("[Content_Types].xml", ct.getBytes(StandardCharsets.UTF_8));
    String wb =
        new String(entries.get("xl/workbook.xml"), StandardCharsets.UTF_8)
            .replace("</sheets>", "<sheet name=\"Notes\" sheetId=\"2\" r:id=\"rId2\"/></sheets>");
    entries.put("xl/workbook.xml", wb.getBytes(StandardCharsets.UTF_8));
    String rels =
        new String(entries.get("xl/_rels/workbook.xml.rels"), StandardCharsets.UTF_8)
            .replace(
                "</Relationships>",
                "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/></Relationships>");
    entries.put("xl/_rels/workbook.xml.rels", rels.getBytes(StandardCharsets.UTF_8));
    entries.put(
        "xl/worksheets/sheet2.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>"
            .getBytes(StandardCharsets.UTF_8));
    try (var zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(dst))) {
      for (var e : entries.entrySet()) {
        zout.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
        zout.write(e.getValue());
        zout.closeEntry();
      }
    }
  }
}
