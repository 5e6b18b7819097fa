package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.events.EventCodec;
import org.hearth.events.PartnerRecord;
import org.hearth.ingest.contract.Contracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and unusual partner files, every one generated here and run through the whole edge path
 * (reader, contract, validation, pseudonymisation, and a Kafka transaction against {@link
 * MockProducer}). Each case is either refused with one line that says what is wrong with the file
 * (no stack trace, no parser text, no value from it) and nothing committed, or read correctly:
 * where a case carries the same people as the baseline, what it commits equals what the plain UTF-8
 * file commits, so text read in the wrong encoding cannot pass as read.
 */
class MalformedInputCorpusTest {
  @TempDir static Path dir;

  private static final List<String> HEADER =
      List.of(
          "YOS ID",
          "Name",
          "DOB",
          "Sex",
          "Address1",
          "Address2",
          "Town",
          "Postcode",
          "Known to YOS",
          "Offence Category",
          "Gravity");
  private static final List<List<String>> ROWS =
      List.of(
          List.of(
              "Q77311",
              "PARRINGTON, Ottoline",
              "02-Jun-2013",
              "F",
              "14 Wexcombe Road",
              "",
              "Pitsea",
              "ZX1 1AA",
              "Y",
              "Theft and handling",
              "3"),
          List.of(
              "Q77312",
              "MÜLLER, Zoë",
              "17-Mar-2012",
              "F",
              "3 Mill Road",
              "",
              "Pitsea",
              "ZX1 1AB",
              "N",
              "Criminal damage",
              "2"),
          List.of(
              "Q77313",
              "O'BRIEN, Seán",
              "01-Jan-2011",
              "M",
              "9 Quay Street",
              "Flat 2",
              "Basildon",
              "ZX1 1AD",
              "Y",
              "Drugs",
              "4"));

  /** What no message, note or reject line may ever contain: the files' values. */
  private static final List<String> VALUES =
      List.of(
          "Q7731",
          "PARRINGTON",
          "Ottoline",
          "MÜLLER",
          "Zoë",
          "Seán",
          "Wexcombe",
          "Quay Street",
          "02-Jun-2013",
          "17-Mar-2012",
          "ZX1 1A",
          "root:");

  private static Set<String> baseline;
  private static final List<String> summary = new ArrayList<>();

  /** What a case must come to. */
  private sealed interface Expect permits Refused, Read {}

  /** Refused as a whole, the message saying {@code says}. */
  private record Refused(String says) implements Expect {}

  /**
   * Read: {@code published} records committed, the rules seen, a line rejects.csv must hold (or
   * null), and whether what was committed must equal the baseline's records.
   */
  private record Read(
      int published, Map<String, Integer> rules, String rejectLine, boolean sameAsBaseline)
      implements Expect {}

  private interface Content {
    void write(Path file) throws IOException;
  }

  private record Case(String id, String fileName, Content content, Expect expect) {}

  private static Read sameAsBaseline() {
    return new Read(3, Map.of(), null, true);
  }

  private static Read read(int published, Map<String, Integer> rules, String rejectLine) {
    return new Read(published, rules, rejectLine, false);
  }

  private static Refused refused(String says) {
    return new Refused(says);
  }

  @BeforeAll
  static void baseline() throws IOException {
    Path f = dir.resolve("baseline.csv");
    Files.writeString(f, csv(HEADER, ROWS, ",", "\r\n"));
    Run r = run("baseline", f);
    assertThat(r.thrown).isNull();
    assertThat(r.result.published()).isEqualTo(3);
    baseline = r.committed;
  }

  @AfterAll
  static void printSummary() {
    System.out.println("Malformed-input corpus (" + summary.size() + " cases):");
    summary.forEach(l -> System.out.println("  " + l));
  }

  @Test
  void theCorpusHasAtLeastSeventyCases() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(70);
    assertThat(cases().stream().map(Case::id).distinct()).hasSameSizeAs(cases());
  }

  @TestFactory
  Stream<DynamicTest> everyCaseIsRefusedClearlyOrReadCorrectly() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  private static void check(Case c) throws IOException {
    Path f = dir.resolve(c.id()).resolve(c.fileName());
    Files.createDirectories(f.getParent());
    c.content().write(f);
    Run r = run(c.id(), f);
    assertThat(r.thrown)
        .as("%s: a crash is anything but a refusal", c.id())
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(),
            t -> assertThat(t).isInstanceOf(EdgeAgent.ExtractException.class));
    if (c.expect() instanceof Refused x) {
      assertThat(r.thrown).as("%s must be refused", c.id()).isNotNull();
      String m = r.thrown.getMessage();
      summary.add(c.id() + ": REFUSED: " + m);
      assertThat(m)
          .as(c.id())
          .contains(x.says())
          .contains(c.fileName())
          .endsWith("nothing was published")
          .doesNotContain("\n", "\r", "Exception", "java.", "org.", "com.", "\tat ");
      assertThat(VALUES).as("%s: no value in %s", c.id(), m).noneMatch(m::contains);
      assertThat(r.committed).as("%s: a harmful publish", c.id()).isEmpty();
      assertThat(r.producer.transactionCommitted()).as(c.id()).isFalse();
    } else if (c.expect() instanceof Read x) {
      assertThat(r.thrown).as("%s must be read", c.id()).isNull();
      summary.add(
          c.id()
              + ": READ "
              + r.result.published()
              + " as "
              + r.result.notes().get(0)
              + " "
              + r.result.problemsByRule());
      assertThat(r.result.published())
          .as(c.id() + " " + r.result.problemsByRule())
          .isEqualTo(x.published());
      assertThat(r.committed).as(c.id()).hasSize(x.published());
      assertThat(r.result.problemsByRule()).as(c.id()).containsAllEntriesOf(x.rules());
      String rejects = Files.readString(r.result.auditFolder().resolve("rejects.csv"));
      String notes = String.join("\n", r.result.notes());
      assertThat(VALUES)
          .as("%s: no value in rejects or notes", c.id())
          .noneMatch(rejects::contains);
      assertThat(VALUES).as(c.id()).noneMatch(notes::contains);
      if (x.rejectLine() != null) {
        assertThat(RejectRulesTest.located(r.result.auditFolder().resolve("rejects.csv")))
            .as(c.id())
            .contains(x.rejectLine());
      }
      if (x.sameAsBaseline()) {
        assertThat(r.committed)
            .as("%s commits what the UTF-8 file does", c.id())
            .isEqualTo(baseline);
      }
    }
  }

  /** One run of the edge agent with a mock Kafka: what it threw, returned and committed. */
  private record Run(
      Throwable thrown,
      EdgeAgent.Result result,
      Set<String> committed,
      MockProducer<byte[], byte[]> producer) {}

  private static Run run(String id, Path file) throws IOException {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    ExtractPublisher publisher = new ExtractPublisher(producer, Optional.empty());
    EdgeAgent agent =
        new EdgeAgent(
            new EdgeAgent.Settings(
                Contracts.load("youth-offending"),
                Fixtures.AUTHORITY.partnerKey("essex-yos", 1),
                Fixtures.AUTHORITY.signingKey("essex-yos", 1),
                PostcodeLookup.empty(),
                "2026-Q1",
                LocalDate.of(2026, 3, 31),
                dir.resolve("audit-" + id),
                10_000),
            1);
    Throwable thrown = null;
    EdgeAgent.Result result = null;
    try {
      result = agent.run(file, Optional.of(publisher), n -> {});
    } catch (Throwable t) { // an OutOfMemoryError is a crash too, and is reported as one
      thrown = t;
    }
    Set<String> committed = new TreeSet<>();
    for (ProducerRecord<byte[], byte[]> pr : producer.history()) {
      if (pr.partition() == null || pr.partition() != ExtractPublisher.PARTITION) {
        throw new AssertionError("sent outside the dataset's one ordered partition");
      }
      if (new String(
              pr.headers().lastHeader(EventCodec.TYPE_HEADER).value(), StandardCharsets.US_ASCII)
          .equals("PartnerRecord")) {
        committed.add(content(EventCodec.decodeRecord(pr.value())));
      }
    }
    return new Run(thrown, result, committed, producer);
  }

  /** A record as the platform sees it, less what differs between files of the same rows. */
  private static String content(PartnerRecord r) {
    HexFormat hex = HexFormat.of();
    String keys =
        r.getMatchKeys().stream()
            .map(k -> k.getType() + ":" + hex.formatHex(bytes(k.getPseudonym())))
            .sorted()
            .collect(Collectors.joining(","));
    return hex.formatHex(bytes(r.getRecordKey()))
        + "|"
        + keys
        + "|"
        + new java.util.TreeMap<>(
            r.getAttributes().entrySet().stream()
                .collect(
                    Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString())));
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  // ---------------------------------------------------------------- the corpus

  private static List<Case> cases;

  private static List<Case> cases() {
    if (cases == null) {
      List<Case> c = new ArrayList<>();
      csvEncodings(c);
      csvStructure(c);
      controlCharacters(c);
      notWhatTheNameSays(c);
      xlsxReading(c);
      xlsxRefused(c);
      cases = List.copyOf(c);
    }
    return cases;
  }

  private static final String TEXT = csv(HEADER, ROWS, ",", "\r\n");

  private static void csvEncodings(List<Case> c) {
    c.add(new Case("utf8", "a.csv", text(TEXT, StandardCharsets.UTF_8, ""), sameAsBaseline()));
    c.add(
        new Case(
            "utf8-bom", "a.csv", text(TEXT, StandardCharsets.UTF_8, "\uFEFF"), sameAsBaseline()));
    c.add(
        new Case(
            "utf8-lf",
            "a.csv",
            text(TEXT.replace("\r\n", "\n"), StandardCharsets.UTF_8, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf8-cr-only",
            "a.csv",
            text(TEXT.replace("\r\n", "\r"), StandardCharsets.UTF_8, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf16le-bom",
            "a.csv",
            text(TEXT, StandardCharsets.UTF_16LE, "\uFEFF"),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf16be-bom",
            "a.csv",
            text(TEXT, StandardCharsets.UTF_16BE, "\uFEFF"),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf16le-no-bom",
            "a.csv",
            text(TEXT, StandardCharsets.UTF_16LE, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf16be-no-bom",
            "a.csv",
            text(TEXT, StandardCharsets.UTF_16BE, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf32le-bom",
            "a.csv",
            text(TEXT, Charset.forName("UTF-32LE"), "\uFEFF"),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf32be-bom",
            "a.csv",
            text(TEXT, Charset.forName("UTF-32BE"), "\uFEFF"),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf32le-no-bom",
            "a.csv",
            text(TEXT, Charset.forName("UTF-32LE"), ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf32be-no-bom",
            "a.csv",
            text(TEXT, Charset.forName("UTF-32BE"), ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "windows-1252",
            "a.csv",
            text(TEXT, Charset.forName("windows-1252"), ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf16le-tabs",
            "a.txt",
            text(csv(HEADER, ROWS, "\t", "\r\n"), StandardCharsets.UTF_16LE, "\uFEFF"),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf16le-semicolons-no-bom",
            "a.csv",
            text(csv(HEADER, ROWS, ";", "\r\n"), StandardCharsets.UTF_16LE, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "utf16le-odd-byte",
            "a.csv",
            f ->
                Files.write(f, concat(TEXT.getBytes(StandardCharsets.UTF_16LE), new byte[] {0x41})),
            refused("is not valid UTF-16LE from line 5")));
    c.add(
        new Case(
            "utf16le-unpaired-surrogate",
            "a.csv",
            f -> {
              byte[] b = ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_16LE);
              int at = indexOf(b, "Criminal".getBytes(StandardCharsets.UTF_16LE));
              b[at] = 0x00;
              b[at + 1] = (byte) 0xD8; // a high surrogate followed by 'r'
              Files.write(f, b);
            },
            refused("is not valid UTF-16LE from line 3")));
    c.add(
        new Case(
            "utf8-bom-then-invalid",
            "a.csv",
            f ->
                Files.write(
                    f,
                    replace(
                        ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8),
                        "Drugs",
                        new byte[] {'D', (byte) 0xFF, 'u', 'g', 's'})),
            refused("is not valid UTF-8 from line 4")));
    c.add(
        new Case(
            "mixed-utf8-and-1252",
            "a.csv",
            f ->
                Files.write(
                    f,
                    replace(
                        TEXT.getBytes(StandardCharsets.UTF_8),
                        "Seán",
                        "Seán".getBytes(Charset.forName("windows-1252")))),
            refused("mixes character encodings: line 4 is not UTF-8")));
    c.add(
        new Case(
            "1252-undefined-byte",
            "a.csv",
            f ->
                Files.write(
                    f,
                    replace(
                        TEXT.getBytes(Charset.forName("windows-1252")),
                        "Drugs",
                        new byte[] {'D', (byte) 0x81, 'u', 'g', 's'})),
            refused("holds bytes on line 4 that are text neither in UTF-8 nor in Windows-1252")));
    c.add(
        new Case(
            "lone-latin1-byte-is-1252",
            "a.csv",
            text(TEXT.replace("Drugs", "Drugs é"), Charset.forName("windows-1252"), ""),
            read(3, Map.of(), null)));
    c.add(
        new Case(
            "utf8-four-byte-characters",
            "a.csv",
            text(TEXT.replace("Drugs", "Drugs \uD83D\uDE00"), StandardCharsets.UTF_8, ""),
            read(3, Map.of(), null)));
    c.add(new Case("empty", "a.csv", f -> Files.write(f, new byte[0]), refused("is empty")));
    c.add(
        new Case(
            "bom-only-utf8",
            "a.csv",
            text("", StandardCharsets.UTF_8, "\uFEFF"),
            refused("holds only a byte order mark")));
    c.add(
        new Case(
            "bom-only-utf16le",
            "a.csv",
            text("", StandardCharsets.UTF_16LE, "\uFEFF"),
            refused("holds only a byte order mark")));
    c.add(
        new Case(
            "bom-only-utf32be",
            "a.csv",
            text("", Charset.forName("UTF-32BE"), "\uFEFF"),
            refused("holds only a byte order mark")));
    c.add(
        new Case(
            "random-binary",
            "a.csv",
            f -> {
              byte[] b = new byte[20_000];
              new Random(7).nextBytes(b);
              Files.write(f, b);
            },
            refused("is not a text file")));
  }

  private static void csvStructure(List<Case> c) {
    c.add(
        new Case(
            "header-only",
            "a.csv",
            text(String.join(",", HEADER) + "\r\n", StandardCharsets.UTF_8, ""),
            refused("has a header but no rows")));
    c.add(
        new Case(
            "header-only-utf16",
            "a.csv",
            text(String.join(",", HEADER) + "\r\n", StandardCharsets.UTF_16LE, "\uFEFF"),
            refused("has a header but no rows")));
    c.add(
        new Case(
            "blank-lines-only",
            "a.csv",
            text("\r\n\r\n\n", StandardCharsets.UTF_8, ""),
            refused("has no header row")));
    c.add(
        new Case(
            "spaces-only",
            "a.csv",
            text("   \r\n", StandardCharsets.UTF_8, ""),
            refused("lacks the required column(s) YOS ID")));
    c.add(
        new Case(
            "no-header-row",
            "a.csv",
            text(csv(ROWS.get(0), ROWS.subList(1, 3), ",", "\r\n"), StandardCharsets.UTF_8, ""),
            refused("lacks the required column(s) YOS ID")));
    c.add(
        new Case(
            "unterminated-quote",
            "a.csv",
            text(TEXT.replace("\"O'BRIEN, Seán\"", "\"O'BRIEN, Seán"), StandardCharsets.UTF_8, ""),
            refused("the quote opened on line 4 is never closed")));
    c.add(
        new Case(
            "stray-quote-in-a-field",
            "a.csv",
            text(
                TEXT.replace("14 Wexcombe Road", "14\" Wexcombe Road"), StandardCharsets.UTF_8, ""),
            refused("is never closed")));
    c.add(
        new Case(
            "field-over-4-mib",
            "a.csv",
            text(TEXT.replace("Drugs", "Drugs" + "x".repeat(5 << 20)), StandardCharsets.UTF_8, ""),
            refused("a field is longer than 4 MiB")));
    c.add(
        new Case(
            "long-attribute-is-dropped",
            "a.csv",
            text(TEXT.replace("Drugs", "Drugs" + "x".repeat(100_000)), StandardCharsets.UTF_8, ""),
            read(
                3,
                Map.of("field-too-long", 1),
                "a.csv,4,Offence Category,field-too-long,WARNING")));
    c.add(
        new Case(
            "very-long-line-many-fields",
            "a.csv",
            text(TEXT + "Q77319" + ",x".repeat(20_000) + "\r\n", StandardCharsets.UTF_8, ""),
            refused("a row has more fields than a CSV reader accepts")));
    c.add(
        new Case(
            "one-line-of-20-mib",
            "a.csv",
            text(",".repeat(20 << 20), StandardCharsets.UTF_8, ""),
            refused("has a header line that cannot be read as CSV")));
    c.add(
        new Case(
            "wrong-delimiter-colon",
            "a.csv",
            text(csv(HEADER, ROWS, ":", "\r\n").replace("\"", ""), StandardCharsets.UTF_8, ""),
            refused("(its header has a single column")));
    c.add(
        new Case(
            "semicolons",
            "a.csv",
            text(csv(HEADER, ROWS, ";", "\r\n"), StandardCharsets.UTF_8, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "pipes",
            "a.csv",
            text(csv(HEADER, ROWS, "|", "\r\n"), StandardCharsets.UTF_8, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "tabs",
            "a.tsv",
            text(csv(HEADER, ROWS, "\t", "\r\n"), StandardCharsets.UTF_8, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "ragged-rows",
            "a.csv",
            text(
                TEXT + "Q77314,\"SHORT, Row\",01-Jan-2011\r\nQ77315" + ",x".repeat(11) + "\r\n",
                StandardCharsets.UTF_8,
                ""),
            read(
                3,
                Map.of("missing-columns", 1, "extra-columns", 1),
                "a.csv,5,(row),missing-columns,ERROR")));
    c.add(
        new Case(
            "duplicated-header",
            "a.csv",
            text(
                csvWithExtraColumn(HEADER, ROWS, "Postcode", i -> ROWS.get(i).get(7)),
                StandardCharsets.UTF_8,
                ""),
            refused("has two columns for 'Postcode' (columns 8 and 12 of the header)")));
    c.add(
        new Case(
            "duplicated-header-other-spelling",
            "a.csv",
            text(
                csvWithExtraColumn(HEADER, ROWS, "POST-CODE", i -> "ZZ99 3VZ"),
                StandardCharsets.UTF_8,
                ""),
            refused("has two columns for 'Postcode'")));
    c.add(
        new Case(
            "duplicated-unread-column",
            "a.csv",
            text(
                csvWithExtraColumn(addColumn(HEADER, "Notes"), rowsWith("n1"), "notes", i -> "n2"),
                StandardCharsets.UTF_8,
                ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "blank-header-cell",
            "a.csv",
            text(csvWithExtraColumn(HEADER, ROWS, "", i -> "anything"), StandardCharsets.UTF_8, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "blank-header-for-required-column",
            "a.csv",
            text(TEXT.replaceFirst("YOS ID", ""), StandardCharsets.UTF_8, ""),
            refused("lacks the required column(s) YOS ID")));
    c.add(
        new Case(
            "duplicate-record-keys",
            "a.csv",
            text(TEXT + csv(null, List.of(ROWS.get(0)), ",", "\r\n"), StandardCharsets.UTF_8, ""),
            read(
                3,
                Map.of("duplicate-record-key", 1),
                "a.csv,5,YOS ID,duplicate-record-key,ERROR")));

    c.add(
        new Case(
            "trailing-blank-lines",
            "a.csv",
            text(TEXT + "\r\n\r\n\r\n", StandardCharsets.UTF_8, ""),
            sameAsBaseline()));
    c.add(
        new Case(
            "every-row-rejected",
            "a.csv",
            text(
                String.join(",", HEADER) + "\r\nQ77311,\"PARRINGTON, Ottoline\"\r\nQ77312\r\n",
                StandardCharsets.UTF_8,
                ""),
            refused("all 2 rows of a.csv were rejected (missing-columns x2)")));
    c.add(
        new Case(
            "formula-injection",
            "a.csv",
            text(
                TEXT.replace("Drugs", "\"=HYPERLINK(\"\"http://x\"\")\""),
                StandardCharsets.UTF_8,
                ""),
            read(3, Map.of("formula-neutralised", 1), null)));
  }

  private static void controlCharacters(List<Case> c) {
    c.add(
        new Case(
            "nul-in-attribute",
            "a.csv",
            text(TEXT.replace("Drugs", "Dru\u0000gs"), StandardCharsets.UTF_8, ""),
            read(
                2,
                Map.of("control-character", 1),
                "a.csv,4,Offence Category,control-character,ERROR")));
    c.add(
        new Case(
            "nul-in-name",
            "a.csv",
            text(TEXT.replace("PARRINGTON", "PARR\u0000INGTON"), StandardCharsets.UTF_8, ""),
            read(2, Map.of("control-character", 1), "a.csv,2,Name,control-character,ERROR")));
    c.add(
        new Case(
            "nul-in-record-key",
            "a.csv",
            text(TEXT.replace("Q77312", "Q7731\u00002"), StandardCharsets.UTF_8, ""),
            read(2, Map.of("control-character", 1), "a.csv,3,YOS ID,control-character,ERROR")));
    c.add(
        new Case(
            "nul-in-utf16-text",
            "a.csv",
            text(
                TEXT.replace("Pitsea,ZX1 1AB", "Pit\u0000sea,ZX1 1AB"),
                StandardCharsets.UTF_16LE,
                "\uFEFF"),
            read(2, Map.of("control-character", 1), "a.csv,3,Town,control-character,ERROR")));
    c.add(
        new Case(
            "nul-in-every-row",
            "a.csv",
            text(TEXT.replace("Q7731", "Q\u00007731"), StandardCharsets.UTF_8, ""),
            refused("all 3 rows of a.csv were rejected (control-character x3)")));
    c.add(
        new Case(
            "bell",
            "a.csv",
            text(TEXT.replace("Basildon", "Basil\u0007don"), StandardCharsets.UTF_8, ""),
            read(2, Map.of("control-character", 1), "a.csv,4,Town,control-character,ERROR")));
    c.add(
        new Case(
            "escape",
            "a.csv",
            text(
                TEXT.replace("Criminal damage", "\u001B[31mCriminal damage"),
                StandardCharsets.UTF_8,
                ""),
            read(
                2,
                Map.of("control-character", 1),
                "a.csv,3,Offence Category,control-character,ERROR")));
    c.add(
        new Case(
            "unit-separator-at-the-end",
            "a.csv",
            text(TEXT.replace("ZX1 1AD", "ZX1 1AD\u001F"), StandardCharsets.UTF_8, ""),
            read(2, Map.of("control-character", 1), "a.csv,4,Postcode,control-character,ERROR")));
    c.add(
        new Case(
            "delete",
            "a.csv",
            text(TEXT.replace("9 Quay Street", "9 Quay\u007F Street"), StandardCharsets.UTF_8, ""),
            read(2, Map.of("control-character", 1), "a.csv,4,Address1,control-character,ERROR")));
    c.add(
        new Case(
            "c1-next-line",
            "a.csv",
            text(TEXT.replace("Flat 2", "Flat\u00852"), StandardCharsets.UTF_8, ""),
            read(2, Map.of("control-character", 1), "a.csv,4,Address2,control-character,ERROR")));
    c.add(
        new Case(
            "tab-in-quoted-field-is-text",
            "a.csv",
            text(TEXT.replace("Drugs", "\"Drugs\tsupply\""), StandardCharsets.UTF_8, ""),
            read(3, Map.of(), null)));
    c.add(
        new Case(
            "line-break-in-quoted-field-is-text",
            "a.csv",
            text(TEXT.replace("Drugs", "\"Drugs\r\nsupply\""), StandardCharsets.UTF_8, ""),
            read(3, Map.of(), null)));
    c.add(
        new Case(
            "control-in-unread-column-is-never-read",
            "a.csv",
            text(
                csvWithExtraColumn(HEADER, ROWS, "Notes", i -> "a\u0000b"),
                StandardCharsets.UTF_8,
                ""),
            sameAsBaseline()));
  }

  private static void notWhatTheNameSays(List<Case> c) {
    c.add(
        new Case(
            "xlsx-named-csv",
            "a.csv",
            xlsx(Workbook.of(HEADER, ROWS)),
            refused("is a zip archive (an .xlsx workbook?), not a CSV file")));
    c.add(
        new Case(
            "ole2-named-csv",
            "a.csv",
            f -> Files.write(f, ole2(false)),
            refused("not a CSV file")));
    c.add(
        new Case(
            "pdf-named-csv",
            "a.csv",
            f -> Files.write(f, "%PDF-1.7\n%...".getBytes(StandardCharsets.US_ASCII)),
            refused("is a PDF document")));
    c.add(
        new Case(
            "gzip-named-csv",
            "a.csv",
            f -> {
              ByteArrayOutputStream b = new ByteArrayOutputStream();
              try (GZIPOutputStream z = new GZIPOutputStream(b)) {
                z.write(TEXT.getBytes(StandardCharsets.UTF_8));
              }
              Files.write(f, b.toByteArray());
            },
            refused("is gzip-compressed")));
    c.add(
        new Case(
            "csv-named-xlsx",
            "a.xlsx",
            text(TEXT, StandardCharsets.UTF_8, ""),
            refused("is not an .xlsx workbook but a text file (a CSV file?)")));
    c.add(
        new Case(
            "binary-named-xlsx",
            "a.xlsx",
            f -> {
              byte[] b = new byte[4096];
              new Random(3).nextBytes(b);
              b[0] = 0;
              Files.write(f, b);
            },
            refused("is not an .xlsx workbook (it does not start as one)")));
    c.add(
        new Case(
            "encrypted-xlsx",
            "a.xlsx",
            f -> Files.write(f, ole2(true)),
            refused("is a password-protected (encrypted) workbook")));
    c.add(
        new Case(
            "legacy-xls-named-xlsx",
            "a.xlsx",
            f -> Files.write(f, ole2(false)),
            refused("is an Excel 97-2003 workbook under an .xlsx name")));
    c.add(
        new Case(
            "legacy-xls",
            "a.xls",
            f -> Files.write(f, ole2(false)),
            refused("is an old .xls workbook (Excel 97-2003)")));
    c.add(
        new Case(
            "encrypted-xls",
            "a.xls",
            f -> Files.write(f, ole2(true)),
            refused("is a password-protected (encrypted) workbook")));
    c.add(
        new Case(
            "xlsx-named-xls",
            "a.xls",
            xlsx(Workbook.of(HEADER, ROWS)),
            refused("rename it to .xlsx")));
    c.add(new Case("empty-xlsx", "a.xlsx", f -> Files.write(f, new byte[0]), refused("is empty")));
    c.add(
        new Case(
            "opendocument-named-xlsx",
            "a.xlsx",
            zip(
                Map.of(
                    "mimetype",
                    "application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml",
                    "<office:document-content/>")),
            refused("is an OpenDocument file")));
    c.add(
        new Case(
            "zip-without-content-types",
            "a.xlsx",
            zip(Map.of("readme.txt", "hello")),
            refused("is a zip archive but not an .xlsx workbook")));
  }

  private static void xlsxReading(List<Case> c) {
    c.add(new Case("xlsx", "a.xlsx", xlsx(Workbook.of(HEADER, ROWS)), sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-inline-strings",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).inline()),
            sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-two-sheets",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).secondSheet("<broken")),
            sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-formulas",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(2, 10, "<c r=\"K2\"><f>1+2</f><v>3</v></c>")
                    .cell(
                        3,
                        9,
                        "<c r=\"J3\" t=\"str\"><f>\"Criminal \"&amp;\"damage\"</f><v>Criminal damage</v></c>")),
            sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-dates-as-serial-numbers",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(
                        2,
                        2,
                        "<c r=\"C2\" s=\"1\"><v>" + serial(LocalDate.of(2013, 6, 2)) + "</v></c>")
                    .cell(
                        3,
                        2,
                        "<c r=\"C3\" s=\"1\"><v>"
                            + serial(LocalDate.of(2012, 3, 17))
                            + "</v></c>")),
            sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-rich-text-and-phonetic",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .richName(
                        "<r><t>PARRING</t></r><r><rPr><b/></rPr><t>TON, Ottoline</t></r><rPh sb=\"0\" eb=\"1\"><t>IGNORED</t></rPh>")),
            sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-merged-cells",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(3, 0, "")
                    .afterSheetData(
                        "<mergeCells count=\"1\"><mergeCell ref=\"A2:A3\"/></mergeCells>")),
            read(2, Map.of("required-missing", 1), "a.xlsx,3,YOS ID,required-missing,ERROR")));
    c.add(
        new Case(
            "xlsx-huge-dimension",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).beforeSheetData("<dimension ref=\"A1:XFD1048576\"/>")),
            sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-cell-in-last-column",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(
                        4,
                        10,
                        "<c r=\"K4\"><v>4</v></c>"
                            + "<c r=\"XFD4\" t=\"inlineStr\"><is><t>far</t></is></c>")),
            read(2, Map.of("extra-columns", 1), "a.xlsx,4,(row),extra-columns,ERROR")));
    c.add(
        new Case(
            "xlsx-blank-rows",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .extraRows(
                        "<row r=\"9\"/><row r=\"10\"><c r=\"A10\" t=\"inlineStr\"><is><t> </t></is></c></row>")),
            sameAsBaseline()));
    c.add(
        new Case(
            "xlsx-nul-escape",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(4, 9, "<c r=\"J4\" t=\"inlineStr\"><is><t>Dru_x0000_gs</t></is></c>")),
            read(
                2,
                Map.of("control-character", 1),
                "a.xlsx,4,Offence Category,control-character,ERROR")));
    c.add(
        new Case(
            "xlsx-bell-escape",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(2, 6, "<c r=\"G2\" t=\"inlineStr\"><is><t>Pit_x0007_sea</t></is></c>")),
            read(2, Map.of("control-character", 1), "a.xlsx,2,Town,control-character,ERROR")));
    c.add(
        new Case(
            "xlsx-unpaired-surrogate-escape",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(2, 6, "<c r=\"G2\" t=\"inlineStr\"><is><t>Pit_xD800_sea</t></is></c>")),
            read(2, Map.of("invalid-character", 1), "a.xlsx,2,Town,invalid-character,ERROR")));
  }

  private static void xlsxRefused(List<Case> c) {
    c.add(
        new Case(
            "xlsx-header-only",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, List.of())),
            refused("has a header but no rows")));
    c.add(
        new Case(
            "xlsx-empty-sheet",
            "a.xlsx",
            xlsx(Workbook.of(List.of(), List.of())),
            refused("its first sheet has no header row")));
    c.add(
        new Case(
            "xlsx-no-sheets",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .part(
                        "xl/workbook.xml",
                        WORKBOOK.replace(
                            "<sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>", ""))),
            refused("has no sheets")));
    c.add(
        new Case(
            "xlsx-duplicated-header",
            "a.xlsx",
            xlsx(Workbook.of(addColumn(HEADER, "DOB"), rowsWith("01-Jan-2000"))),
            refused("has two columns for 'DOB' (columns 3 and 12 of the header)")));
    c.add(
        new Case(
            "xlsx-every-row-rejected",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(2, 0, "").cell(3, 0, "").cell(4, 0, "")),
            refused("all 3 rows of a.xlsx were rejected")));
    c.add(
        new Case(
            "xlsx-huge-shared-string",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).hugeSharedString(300L << 20)),
            refused("more than 32767 characters (string 1 of its shared strings)")));
    c.add(
        new Case(
            "xlsx-huge-inline-string",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).hugeInlineString(64L << 20, false)),
            refused("has more than 32767 characters in cell J2")));
    c.add(
        new Case(
            "xlsx-huge-cdata",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).hugeInlineString(64L << 20, true)),
            refused("has more than 32767 characters in cell J2")));
    c.add(
        new Case(
            "xlsx-zip-bomb",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).bomb(200L << 20)),
            refused("expands more than 200 times: a zip bomb")));
    c.add(
        new Case(
            "xlsx-missing-shared-strings",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).without("xl/sharedStrings.xml")),
            refused("refers to shared string")));
    c.add(
        new Case(
            "xlsx-shared-string-index-past-the-end",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(2, 3, "<c r=\"D2\" t=\"s\"><v>2000000000</v></c>")),
            refused("refers to shared string 2000000001 but the workbook has only")));
    c.add(
        new Case(
            "xlsx-column-past-xfd",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(2, 3, "<c r=\"FXSHRXW2\"><v>1</v></c>")),
            refused("is damaged: a cell of row 2 has a reference that is not a cell address")));
    c.add(
        new Case(
            "xlsx-column-past-xfd-3-letters",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(2, 3, "<c r=\"ZZZ2\"><v>1</v></c>")),
            refused("refers to a cell (ZZZ2) beyond the last one Excel has")));
    c.add(
        new Case(
            "xlsx-row-number-past-excel",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).extraRows("<row r=\"99999999\"/>")),
            refused("a row number after row 4 is not one Excel has")));
    c.add(
        new Case(
            "xlsx-too-many-cells-in-a-row",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .extraRows("<row>" + "<c><v>1</v></c>".repeat(16_385) + "</row>")),
            refused("has more than 16384 cells in row 5")));
    c.add(
        new Case(
            "xlsx-number-that-is-not",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(3, 10, "<c r=\"K3\"><v>PARRINGTON</v></c>")),
            refused("cannot be read from about row 3 of its first sheet")));
    c.add(
        new Case(
            "xlsx-boolean-that-is-not",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(2, 8, "<c r=\"I2\" t=\"b\"><v>Ottoline</v></c>")),
            refused("cannot be read from about row 2 of its first sheet")));
    c.add(
        new Case(
            "xlsx-unknown-cell-type",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(2, 8, "<c r=\"I2\" t=\"Q77311\"><v>1</v></c>")),
            refused("cell I2 has a cell type Excel does not write")));
    c.add(
        new Case(
            "xlsx-iso-date-cell",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).cell(2, 2, "<c r=\"C2\" t=\"d\"><v>2013-06-02</v></c>")),
            refused("stored as an ISO 8601 date")));
    c.add(
        new Case(
            "xlsx-truncated",
            "a.xlsx",
            f -> {
              xlsx(Workbook.of(HEADER, manyRows(300))).write(f);
              byte[] b = Files.readAllBytes(f);
              Files.write(f, java.util.Arrays.copyOf(b, b.length * 6 / 10));
            },
            refused("its zip structure is incomplete or broken")));
    c.add(
        new Case(
            "xlsx-corrupt-deflate",
            "a.xlsx",
            f -> {
              xlsx(Workbook.of(HEADER, manyRows(300))).write(f);
              byte[] b = Files.readAllBytes(f);
              int at = indexOf(b, "xl/worksheets/sheet1.xml".getBytes(StandardCharsets.US_ASCII));
              for (int i = at + 200; i < at + 260; i++) {
                b[i] = (byte) (b[i] ^ 0x5A);
              }
              Files.write(f, b);
            },
            refused("is damaged: its part xl/worksheets/sheet1.xml")));
    c.add(
        new Case(
            "xlsx-zip-encryption-flag",
            "a.xlsx",
            f -> {
              xlsx(Workbook.of(HEADER, ROWS)).write(f);
              Files.write(f, zipEncryptionFlag(Files.readAllBytes(f), "xl/worksheets/sheet1.xml"));
            },
            refused("stored in a way this reader cannot open")));
    c.add(
        new Case(
            "xlsx-billion-laughs",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).part("xl/sharedStrings.xml", BILLION_LAUGHS)),
            refused("has a document type declaration (DTD) in its part xl/sharedStrings.xml")));
    c.add(
        new Case(
            "xlsx-external-entity",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .prolog("<!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
                    .cell(2, 9, "<c r=\"J2\" t=\"inlineStr\"><is><t>&x;</t></is></c>")),
            refused("has a document type declaration (DTD) in its part xl/worksheets/sheet1.xml")));
    c.add(
        new Case(
            "xlsx-external-entity-in-workbook",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .part(
                        "xl/workbook.xml",
                        WORKBOOK
                            .replace(
                                "?>",
                                "?><!DOCTYPE w [<!ENTITY x SYSTEM \"http://localhost:9/x\">]>")
                            .replace("name=\"Data\"", "name=\"&x;\""))),
            refused("has a document type declaration (DTD) in its part xl/workbook.xml")));
    c.add(
        new Case(
            "xlsx-undeclared-entity",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(2, 9, "<c r=\"J2\" t=\"inlineStr\"><is><t>&x;</t></is></c>")),
            refused("is not well-formed XML (line")));
    c.add(
        new Case(
            "xlsx-malformed-xml",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(2, 9, "<c r=\"J2\" t=\"inlineStr\"><is><t>x</is></c>")),
            refused("its part xl/worksheets/sheet1.xml is not well-formed XML")));
    c.add(
        new Case(
            "xlsx-control-character-in-xml",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .cell(2, 9, "<c r=\"J2\" t=\"inlineStr\"><is><t>a&#1;b</t></is></c>")),
            refused("is not well-formed XML")));
    c.add(
        new Case(
            "xlsx-huge-element-name",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).afterSheetData("<x" + "y".repeat(3 << 20) + "/>")),
            refused("with an unbroken run of more than 1 MiB")));
    c.add(
        new Case(
            "xlsx-huge-attribute",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .afterSheetData("<x y=\"" + "z z".repeat(1 << 20) + "\"/>")),
            refused("beyond this reader's limits")));
    c.add(
        new Case(
            "xlsx-huge-comment",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).afterSheetData("<!--" + "a b ".repeat(1 << 20) + "-->")),
            refused("beyond this reader's limits")));
    c.add(
        new Case(
            "xlsx-missing-workbook-part",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).without("xl/workbook.xml")),
            refused("it has no workbook part")));
    c.add(
        new Case(
            "xlsx-missing-sheet-part",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).without("xl/worksheets/sheet1.xml")),
            refused("its first sheet's part is missing")));
    c.add(
        new Case(
            "xlsx-missing-relationships",
            "a.xlsx",
            xlsx(Workbook.of(HEADER, ROWS).without("xl/_rels/workbook.xml.rels")),
            refused("the workbook's list of parts (/xl/_rels/workbook.xml.rels) is missing")));
    c.add(
        new Case(
            "xlsx-binary-workbook",
            "a.xlsx",
            xlsx(
                Workbook.of(HEADER, ROWS)
                    .part(
                        "[Content_Types].xml",
                        CONTENT_TYPES.replace(
                            "spreadsheetml.sheet.main+xml",
                            "spreadsheetml.sheet.binary.macroEnabled.main"))),
            refused("is a binary workbook (.xlsb)")));
  }

  // ---------------------------------------------------------------- CSV helpers

  private static String csv(List<String> header, List<List<String>> rows, String d, String eol) {
    StringBuilder b = new StringBuilder();
    if (header != null) {
      b.append(header.stream().map(v -> quote(v, d)).collect(Collectors.joining(d))).append(eol);
    }
    for (List<String> r : rows) {
      b.append(r.stream().map(v -> quote(v, d)).collect(Collectors.joining(d))).append(eol);
    }
    return b.toString();
  }

  private static String quote(String v, String d) {
    return v.contains(d) || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }

  private static String csvWithExtraColumn(
      List<String> header,
      List<List<String>> rows,
      String column,
      java.util.function.IntFunction<String> value) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> r = new ArrayList<>(rows.get(i));
      r.add(value.apply(i));
      out.add(r);
    }
    return csv(addColumn(header, column), out, ",", "\r\n");
  }

  private static List<String> addColumn(List<String> header, String column) {
    List<String> h = new ArrayList<>(header);
    h.add(column);
    return h;
  }

  private static List<List<String>> rowsWith(String extra) {
    return ROWS.stream()
        .map(
            r -> {
              List<String> x = new ArrayList<>(r);
              x.add(extra);
              return (List<String>) x;
            })
        .toList();
  }

  private static List<List<String>> manyRows(int n) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> r = new ArrayList<>(ROWS.get(i % 3));
      r.set(0, "R" + i);
      out.add(r);
    }
    return out;
  }

  private static Content text(String s, Charset cs, String bom) {
    return f -> Files.write(f, (bom + s).getBytes(cs));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static byte[] replace(byte[] hay, String what, byte[] with) {
    int at = indexOf(hay, what.getBytes(StandardCharsets.UTF_8));
    int len = what.getBytes(StandardCharsets.UTF_8).length;
    byte[] out = new byte[hay.length - len + with.length];
    System.arraycopy(hay, 0, out, 0, at);
    System.arraycopy(with, 0, out, at, with.length);
    System.arraycopy(hay, at + len, out, at + with.length, hay.length - at - len);
    return out;
  }

  private static long serial(LocalDate d) {
    return ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), d);
  }

  /**
   * An OLE2 compound file as far as a reader's first look goes: the signature, and in an encrypted
   * workbook the directory names of its EncryptionInfo and EncryptedPackage streams (UTF-16LE).
   */
  private static byte[] ole2(boolean encrypted) {
    ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    b.put(
        new byte[] {
          (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
        });
    b.position(0x1A).putShort((short) 3).putShort((short) 0xFFFE).putShort((short) 9);
    b.position(512);
    for (String name :
        encrypted
            ? List.of("Root Entry", "EncryptionInfo", "EncryptedPackage")
            : List.of("Root Entry", "Workbook")) {
      int start = b.position();
      b.put(name.getBytes(StandardCharsets.UTF_16LE));
      b.position(start + 64).putShort((short) (name.length() * 2 + 2));
      b.position(start + 128);
    }
    return b.array();
  }

  /** Sets the "encrypted" bit of an entry's local and central headers (zip-level encryption). */
  private static byte[] zipEncryptionFlag(byte[] zip, String entry) {
    byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + 46 + name.length < zip.length; i++) {
      boolean local = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4;
      boolean central = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2;
      int at = local ? i + 30 : i + 46;
      if ((local || central)
          && java.util.Arrays.equals(zip, at, at + name.length, name, 0, name.length)) {
        zip[local ? i + 6 : i + 8] |= 1;
      }
    }
    return zip;
  }

  private static Content zip(Map<String, String> entries) {
    return f -> {
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
        for (Map.Entry<String, String> e : entries.entrySet()) {
          z.putNextEntry(new ZipEntry(e.getKey()));
          z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
          z.closeEntry();
        }
      }
    };
  }

  // ---------------------------------------------------------------- XLSX helpers

  private static final String CONTENT_TYPES =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
          + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
          + "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
          + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
          + "</Types>";
  private static final String RELS =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
          + "</Relationships>";
  private static final String WORKBOOK =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
          + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
          + "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  private static final String WORKBOOK_RELS =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
          + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
          + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
          + "</Relationships>";
  private static final String BILLION_LAUGHS =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
          + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
          + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
          + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
          + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
          + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
          + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
          + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
          + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
          + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>";

  /**
   * A workbook as Excel writes one (shared strings for text, numbers as numbers), with hooks to
   * break it: replace a cell, a part, or add a part that streams a huge payload.
   */
  private static final class Workbook {
    private final List<List<String>> rows = new ArrayList<>();
    private final Map<String, String> cellOverrides = new LinkedHashMap<>();
    private final Map<String, Object> parts = new LinkedHashMap<>();
    private boolean inline;
    private String prolog = "";
    private String beforeSheetData = "";
    private String afterSheetData = "";
    private String extraRows = "";
    private String richName;
    private String secondSheet;

    static Workbook of(List<String> header, List<List<String>> data) {
      Workbook w = new Workbook();
      if (!header.isEmpty()) {
        w.rows.add(header);
      }
      w.rows.addAll(data);
      return w;
    }

    Workbook inline() {
      inline = true;
      return this;
    }

    /** Replaces the cell at a 1-based row and 0-based column with raw XML ("" removes it). */
    Workbook cell(int row, int column, String xml) {
      cellOverrides.put(row + ":" + column, xml);
      return this;
    }

    Workbook part(String name, String content) {
      parts.put(name, content);
      return this;
    }

    Workbook without(String name) {
      parts.put(name, null);
      return this;
    }

    Workbook prolog(String p) {
      prolog = p;
      return this;
    }

    Workbook beforeSheetData(String xml) {
      beforeSheetData = xml;
      return this;
    }

    Workbook afterSheetData(String xml) {
      afterSheetData = xml;
      return this;
    }

    Workbook extraRows(String xml) {
      extraRows = xml;
      return this;
    }

    Workbook richName(String runs) {
      richName = runs;
      return this;
    }

    Workbook secondSheet(String xml) {
      secondSheet = xml;
      return this;
    }

    /** The first shared string becomes {@code chars} characters, streamed, never in memory. */
    Workbook hugeSharedString(long chars) {
      parts.put(
          "xl/sharedStrings.xml",
          (Payload)
              out -> {
                out.write(
                    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"
                        .getBytes(StandardCharsets.UTF_8));
                repeat(out, (byte) 'x', chars);
                out.write("</t></si></sst>".getBytes(StandardCharsets.UTF_8));
              });
      return this;
    }

    /** Cell J2 becomes an inline string (or CDATA section) of {@code chars} characters. */
    Workbook hugeInlineString(long chars, boolean cdata) {
      cell(2, 9, "\u0000HUGE" + (cdata ? "C" : "T") + chars);
      return this;
    }

    /** {@code bytes} of empty elements after the sheet data: they compress a thousandfold. */
    Workbook bomb(long bytes) {
      afterSheetData = "\u0000BOMB" + bytes;
      return this;
    }

    void write(Path f) throws IOException {
      List<String> shared = new ArrayList<>();
      Map<String, Integer> index = new LinkedHashMap<>();
      StringBuilder sheet = new StringBuilder();
      sheet.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>").append(prolog);
      sheet.append(
          "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
      sheet.append(beforeSheetData).append("<sheetData>");
      for (int r = 0; r < rows.size(); r++) {
        int rowNumber = r + 1;
        sheet.append("<row r=\"").append(rowNumber).append("\">");
        List<String> row = rows.get(r);
        for (int col = 0; col < Math.max(row.size(), HEADER.size()); col++) {
          String override = cellOverrides.get(rowNumber + ":" + col);
          if (override != null) {
            sheet.append(override);
            continue;
          }
          if (col >= row.size()) {
            continue;
          }
          String v = row.get(col);
          if (v.isEmpty()) {
            continue;
          }
          String ref = column(col) + rowNumber;
          if (v.matches("\\d{1,5}")) {
            sheet.append("<c r=\"").append(ref).append("\"><v>").append(v).append("</v></c>");
          } else if (inline) {
            sheet
                .append("<c r=\"")
                .append(ref)
                .append("\" t=\"inlineStr\"><is><t>")
                .append(escape(v))
                .append("</t></is></c>");
          } else {
            String key = rowNumber == 2 && col == 1 && richName != null ? "\u0000rich" : v;
            Integer i = index.get(key);
            if (i == null) {
              i = shared.size();
              index.put(key, i);
              shared.add(key);
            }
            sheet
                .append("<c r=\"")
                .append(ref)
                .append("\" t=\"s\"><v>")
                .append(i)
                .append("</v></c>");
          }
        }
        sheet.append("</row>");
      }
      sheet.append(extraRows).append("</sheetData>");
      String tail = afterSheetData + "</worksheet>";
      StringBuilder sst =
          new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
      sst.append(
              "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"")
          .append(shared.size())
          .append("\">");
      for (String s : shared) {
        sst.append("<si>")
            .append(s.equals("\u0000rich") ? richName : "<t>" + escape(s) + "</t>")
            .append("</si>");
      }
      sst.append("</sst>");
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("[Content_Types].xml", CONTENT_TYPES);
      all.put("_rels/.rels", RELS);
      all.put(
          "xl/workbook.xml",
          secondSheet == null
              ? WORKBOOK
              : WORKBOOK.replace(
                  "</sheets>", "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"));
      all.put("xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
      all.put("xl/sharedStrings.xml", sst.toString());
      String head = sheet.toString();
      all.put("xl/worksheets/sheet1.xml", (Payload) out -> writeSheet(out, head, tail));
      if (secondSheet != null) {
        all.put("xl/worksheets/sheet2.xml", secondSheet);
      }
      all.putAll(parts);
      try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
        z.setLevel(Deflater.BEST_SPEED);
        for (Map.Entry<String, Object> e : all.entrySet()) {
          if (e.getValue() == null) {
            continue;
          }
          z.putNextEntry(new ZipEntry(e.getKey()));
          if (e.getValue() instanceof Payload p) {
            p.write(z);
          } else {
            z.write(e.getValue().toString().getBytes(StandardCharsets.UTF_8));
          }
          z.closeEntry();
        }
      }
    }

    /** The sheet, with its huge payloads streamed where their markers sit. */
    private static void writeSheet(OutputStream out, String head, String tail) throws IOException {
      String text = head + tail;
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\u0000(HUGE[CT]|BOMB)(\\d+)").matcher(text);
      int from = 0;
      while (m.find()) {
        out.write(text.substring(from, m.start()).getBytes(StandardCharsets.UTF_8));
        long n = Long.parseLong(m.group(2));
        switch (m.group(1)) {
          case "HUGET" -> {
            out.write("<c r=\"J2\" t=\"inlineStr\"><is><t>".getBytes(StandardCharsets.UTF_8));
            repeat(out, (byte) 'x', n);
            out.write("</t></is></c>".getBytes(StandardCharsets.UTF_8));
          }
          case "HUGEC" -> {
            out.write(
                "<c r=\"J2\" t=\"inlineStr\"><is><t><![CDATA[".getBytes(StandardCharsets.UTF_8));
            repeat(out, (byte) 'x', n);
            out.write("]]></t></is></c>".getBytes(StandardCharsets.UTF_8));
          }
          default -> {
            byte[] unit = "<a/>".getBytes(StandardCharsets.UTF_8);
            byte[] block = new byte[unit.length * 16_384];
            for (int i = 0; i < block.length; i++) {
              block[i] = unit[i % unit.length];
            }
            for (long w = 0; w < n; w += block.length) {
              out.write(block);
            }
          }
        }
        from = m.end();
      }
      out.write(text.substring(from).getBytes(StandardCharsets.UTF_8));
    }

    private static void repeat(OutputStream out, byte b, long n) throws IOException {
      byte[] block = new byte[1 << 16];
      java.util.Arrays.fill(block, b);
      for (long w = 0; w < n; w += block.length) {
        out.write(block, 0, (int) Math.min(block.length, n - w));
      }
    }

    private static String column(int col) {
      StringBuilder s = new StringBuilder();
      for (int c = col + 1; c > 0; c = (c - 1) / 26) {
        s.insert(0, (char) ('A' + (c - 1) % 26));
      }
      return s.toString();
    }

    private static String escape(String v) {
      return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
  }

  private interface Payload {
    void write(OutputStream out) throws IOException;
  }

  private static Content xlsx(Workbook w) {
    return w::write;
  }
}
