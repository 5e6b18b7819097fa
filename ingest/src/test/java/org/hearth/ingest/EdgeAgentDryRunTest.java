package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.hearth.events.PartnerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every synthetic extract through the agent in dry-run mode: what would be sent, and the audit. */
class EdgeAgentDryRunTest {
  @TempDir static Path dir;
  static Path county;

  @BeforeAll
  static void generate() {
    county = Fixtures.county(dir.resolve("county"));
  }

  static List<Path[]> extracts() throws Exception {
    List<Path[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(county.resolve("extracts/2026-Q1"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.add(new Path[] {f.getParent().getFileName(), f});
      }
    }
    return out;
  }

  @Test
  void everyDatasetPublishesNearlyEveryRowAndNoIdentifier() throws Exception {
    for (Path[] e : extracts()) {
      String partner = e[0].toString();
      Path file = e[1];
      String dataset = file.getFileName().toString().replaceAll("\\.(csv|xlsx)$", "");
      Path audit = dir.resolve("audit");
      EdgeAgent.Result r =
          Fixtures.agent(county, partner, dataset, audit).run(file, Optional.empty(), n -> {});
      assertThat(r.rowsRead()).as(dataset).isPositive();
      // rejections are real problems (duplicates, no usable key) and stay rare at default noise
      assertThat((double) r.published() / r.rowsRead())
          .as("%s published share %s", dataset, r.problemsByRule())
          .isGreaterThan(0.93);
      assertThat(r.auditFolder().resolve("sent.avro")).exists();
      assertThat(r.auditFolder().resolve("receipt.json")).exists();
      List<PartnerRecord> sent = new ArrayList<>();
      try (DataFileReader<PartnerRecord> in =
          new DataFileReader<>(
              r.auditFolder().resolve("sent.avro").toFile(),
              new SpecificDatumReader<>(PartnerRecord.class))) {
        in.forEach(sent::add);
      }
      assertThat(sent).hasSize((int) r.published());
      assertThat(sent).allSatisfy(p -> assertThat(p.getMatchKeys()).isNotEmpty());
      // nothing the partner holds as an identifier appears in what it sends or keeps as audit
      String auditText = readAll(r.auditFolder());
      for (String identifier : identifiersIn(file)) {
        assertThat(auditText)
            .as("%s audit leaks an identifier", dataset)
            .doesNotContain(identifier);
      }
    }
  }

  @Test
  void threadsChangeNothingInWhatIsSent() throws Exception {
    Path file = county.resolve("extracts/2026-Q1/essex-county-council/school-readiness.xlsx");
    var settings =
        Fixtures.agent(county, "essex-county-council", "school-readiness", dir.resolve("a1"));
    EdgeAgent.Result one =
        new EdgeAgent(settingsOf(county, dir.resolve("t1")), 1)
            .run(file, Optional.empty(), n -> {});
    EdgeAgent.Result four =
        new EdgeAgent(settingsOf(county, dir.resolve("t4")), 4)
            .run(file, Optional.empty(), n -> {});
    assertThat(settings).isNotNull();
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (var pair : List.of(List.of(one, a), List.of(four, b))) {
      EdgeAgent.Result r = (EdgeAgent.Result) pair.get(0);
      @SuppressWarnings("unchecked")
      List<String> into = (List<String>) pair.get(1);
      try (DataFileReader<PartnerRecord> in =
          new DataFileReader<>(
              r.auditFolder().resolve("sent.avro").toFile(),
              new SpecificDatumReader<>(PartnerRecord.class))) {
        in.forEach(x -> into.add(x.toString()));
      }
    }
    assertThat(b).isEqualTo(a).hasSize((int) one.published());
  }

  private static EdgeAgent.Settings settingsOf(Path county, Path audit) {
    return new EdgeAgent.Settings(
        org.hearth.ingest.contract.Contracts.load("school-readiness"),
        Fixtures.AUTHORITY.partnerKey("essex-county-council", 1),
        Fixtures.AUTHORITY.signingKey("essex-county-council", 1),
        PostcodeLookup.load(county.resolve("lookup/onspd-synthetic.csv")),
        "2026-Q1",
        java.time.LocalDate.of(2026, 3, 31),
        audit,
        100_000);
  }

  /** NHS numbers, UPNs, full postcodes and distinctive surnames in the file. */
  static List<String> identifiersIn(Path file) throws Exception {
    List<String> ids = new ArrayList<>();
    String text =
        file.toString().endsWith(".xlsx")
            ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
            : Files.readString(file, StandardCharsets.ISO_8859_1);
    var m =
        java.util.regex.Pattern.compile(
                "999\\d{7}|999 \\d{3} \\d{4}|[A-Z]99\\d{10}|ZX\\d{1,2} ?\\d[A-Z]{2}")
            .matcher(text);
    while (m.find() && ids.size() < 200) {
      ids.add(m.group());
    }
    return ids;
  }

  static String readAll(Path folder) throws Exception {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString();
  }
}
