package org.hearth.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Postcode;
import org.hearth.pseudonymise.normalise.Upn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ward-scale county, checked against what its configuration promises. */
class SyntheticCountyTest {
  @TempDir static Path out;
  static SyntheticCounty.Report report;
  static SyntheticConfig config;

  @BeforeAll
  static void generate() {
    config = SyntheticConfig.defaults(Scale.WARD, 42, out).withQuarters(3);
    report = SyntheticCounty.generate(config, s -> {});
  }

  @Test
  void wardScaleIsAboutTenThousandPeople() {
    assertThat(report.people()).isBetween(8_500, 11_500);
    assertThat(report.rows()).hasSize(3 * 9);
    report.rows().forEach((k, v) -> assertThat(v).as(k).isPositive());
  }

  @Test
  void identifiersAreValidAndInTheTestRanges() throws IOException {
    Set<String> nhs = new HashSet<>();
    Set<String> upns = new HashSet<>();
    for (Table t : tables("2026-Q1")) {
      for (int i = 0; i < t.rows.size(); i++) {
        Map<String, String> r = t.rows.get(i);
        for (String col : List.of("NHS Number", "NHS No")) {
          String v = r.getOrDefault(col, "");
          if (!v.isEmpty()) {
            var n = NhsNumber.normalise(v);
            assertThat(n.isOk()).as("%s %s", t.file, col).isTrue();
            assertThat(NhsNumber.isTestRange(n.value().get())).isTrue();
            nhs.add(n.value().get());
          }
        }
        String upn = r.getOrDefault("UPN", "");
        if (!upn.isEmpty()) {
          assertThat(Upn.normalise(upn).isOk()).as("%s UPN", t.file).isTrue();
          upns.add(upn);
        }
        for (String col : List.of("Postcode", "Post Code")) {
          String pc = r.getOrDefault(col, "");
          if (!pc.isEmpty()) {
            assertThat(Postcode.normalise(pc).isOk()).as("%s postcode", t.file).isTrue();
          }
        }
      }
    }
    assertThat(nhs).hasSizeGreaterThan(50);
    assertThat(upns).hasSizeGreaterThan(50);
  }

  @Test
  void theLookupNamesEveryWardAndPartner() throws IOException {
    Set<String> named = new HashSet<>();
    for (Map<String, String> r :
        readCsv(out.resolve("lookup/ward-names.csv"), StandardCharsets.UTF_8)) {
      assertThat(r.get("WD24NM")).isNotBlank();
      assertThat(r.get("LAD24NM")).isNotBlank();
      named.add(r.get("WD24CD"));
    }
    for (Map<String, String> r :
        readCsv(out.resolve("lookup/onspd-synthetic.csv"), StandardCharsets.UTF_8)) {
      assertThat(named).contains(r.get("osward"));
    }
    Map<String, String> partners = new java.util.HashMap<>();
    for (Map<String, String> r :
        readCsv(out.resolve("lookup/partner-names.csv"), StandardCharsets.UTF_8)) {
      partners.put(r.get("partner"), r.get("name"));
    }
    assertThat(partners)
        .containsEntry("basildon-council", "Basildon Council")
        .containsEntry("essex-police", "Essex Police");
    assertThat(partners.values()).noneMatch(n -> n.matches("[a-z-]+"));
  }

  @Test
  void theLookupCoversEveryGeneratedPostcode() throws IOException {
    Set<String> lookup = new HashSet<>();
    for (Map<String, String> r :
        readCsv(out.resolve("lookup/onspd-synthetic.csv"), StandardCharsets.UTF_8)) {
      lookup.add(r.get("pcds"));
      assertThat(r.get("osward")).startsWith("E05");
      assertThat(r.get("lsoa21")).startsWith("E01");
    }
    int checked = 0;
    for (String q : List.of("2026-Q1", "2026-Q2", "2026-Q3")) {
      for (Table t : tables(q)) {
        for (Map<String, String> r : t.rows) {
          for (String col : List.of("Postcode", "Post Code")) {
            var pc = Postcode.normalise(r.getOrDefault(col, "")).value();
            if (pc.isPresent() && !pc.get().pseudo()) {
              assertThat(lookup).as(t.file.toString()).contains(pc.get().full());
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void goodLevelOfDevelopmentIsNearTheTargetAndLowerWithRiskFactors() throws IOException {
    Table eyfsp = table("2026-Q1", "essex-county-council", "school-readiness");
    List<Map<String, String>> truth =
        readCsv(
            out.resolve("truth/2026-Q1/essex-county-council/school-readiness.csv"),
            StandardCharsets.UTF_8);
    Map<String, Integer> flagsByHousehold = householdFlags();
    int n = 0;
    int gld = 0;
    int riskN = 0;
    int riskGld = 0;
    for (int i = 0; i < eyfsp.rows.size(); i++) {
      boolean g = eyfsp.rows.get(i).get("GLD").equals("Y");
      n++;
      gld += g ? 1 : 0;
      int f = flagsByHousehold.getOrDefault(truth.get(i).get("household_id"), 0);
      if ((f
              & (Population.DOMESTIC_ABUSE
                  | Population.SOCIAL_CARE
                  | Population.TREATMENT
                  | Population.ARREARS))
          != 0) {
        riskN++;
        riskGld += g ? 1 : 0;
      }
    }
    // the ward scale is the deprived ward: below the county-wide target
    assertThat((double) gld / n).isBetween(0.40, config.gldTarget() - 0.02);
    assertThat(riskN).isGreaterThan(10);
    assertThat((double) riskGld / riskN).isLessThan((double) (gld - riskGld) / (n - riskN));
  }

  @Test
  void theReferenceCountyMeetsTheTargetRate(@TempDir Path d) {
    // district scale: mixed wards, so the rate sits near the county target
    SyntheticConfig district =
        new SyntheticConfig(Scale.DISTRICT, 42, 1, 2026, 1, NoiseRates.defaults(), 0.677, d);
    Geography g = Geography.build(Scale.DISTRICT, 42);
    Population p = Population.build(g, 42, java.time.LocalDate.of(2026, 1, 1));
    County c = new County(district, g, p);
    var eyfsp = new PartnerDatasets.SchoolReadiness();
    double offset = eyfsp.offset(c);
    int n = 0;
    int met = 0;
    for (int child = 0; child < p.people; child++) {
      if (PartnerDatasets.SchoolReadiness.inCohort(p.dobOf(child), 2025)) {
        n++;
        met +=
            PartnerDatasets.SchoolReadiness.gld(
                    42, child, PartnerDatasets.SchoolReadiness.latent(c, child) + offset)
                ? 1
                : 0;
      }
    }
    assertThat(n).isGreaterThan(1500);
    assertThat((double) met / n).isCloseTo(0.677, within(0.05));
  }

  @Test
  void gldFollowsTheTwelveGoals() throws IOException {
    for (Map<String, String> r :
        table("2026-Q1", "essex-county-council", "school-readiness").rows) {
      boolean all = true;
      for (int g = 0; g < 12; g++) {
        all &= r.get("ELG " + PartnerDatasets.SchoolReadiness.GOALS[g]).equals("2");
      }
      assertThat(r.get("GLD")).isEqualTo(all ? "Y" : "N");
    }
  }

  @Test
  void noiseRatesAreNearTheirConfiguration() throws IOException {
    // missing NHS numbers in children's social care are configured at half the base rate
    Table csc = table("2026-Q1", "essex-county-council", "childrens-social-care");
    long missing = csc.rows.stream().filter(r -> r.get("NHS Number").isEmpty()).count();
    assertThat((double) missing / csc.rows.size())
        .isCloseTo(config.noise().missingNhsNumber() / 2, within(0.12));
    // missing postcodes across person datasets
    int pcs = 0;
    int pcMissing = 0;
    for (String ds : List.of("childrens-social-care", "school-readiness")) {
      for (Map<String, String> r : table("2026-Q1", "essex-county-council", ds).rows) {
        pcs++;
        pcMissing += r.get("Postcode").isEmpty() ? 1 : 0;
      }
    }
    assertThat((double) pcMissing / pcs).isCloseTo(config.noise().missingPostcode(), within(0.04));
  }

  @Test
  void quartersChurnByAboutTenPercent() throws IOException {
    List<String> q1 = column(table("2026-Q1", "basildon-council", "housing-benefits"), "Claim Ref");
    List<String> q2 = column(table("2026-Q2", "basildon-council", "housing-benefits"), "Claim Ref");
    Set<String> a = new HashSet<>(q1);
    Set<String> b = new HashSet<>(q2);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    double churn = 1 - (double) both.size() / Math.max(a.size(), b.size());
    assertThat(churn).isBetween(0.04, 0.20);
  }

  @Test
  void truthSitsBesideEveryExtractWithOneRowPerRecord() throws IOException {
    for (Table t : tables("2026-Q2")) {
      Path truth =
          out.resolve("truth")
              .resolve(out.resolve("extracts").relativize(t.file))
              .resolveSibling(t.file.getFileName().toString().replaceAll("\\.(csv|xlsx)$", ".csv"));
      List<Map<String, String>> rows = readCsv(truth, StandardCharsets.UTF_8);
      assertThat(rows).as(truth.toString()).hasSize(t.rows.size());
      assertThat(rows).allSatisfy(r -> assertThat(r.get("household_id")).startsWith("H"));
    }
  }

  @Test
  void theSameSeedWritesByteIdenticalFiles(@TempDir Path again) throws IOException {
    SyntheticCounty.generate(
        new SyntheticConfig(Scale.WARD, 42, 3, 2026, 1, NoiseRates.defaults(), 0.677, again),
        s -> {});
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(again.resolve(out.relativize(f))))
            .as(f.toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
  }

  @Test
  void aDifferentSeedWritesDifferentPeople(@TempDir Path other) throws IOException {
    SyntheticCounty.generate(
        new SyntheticConfig(Scale.WARD, 7, 1, 2026, 1, NoiseRates.defaults(), 0.677, other),
        s -> {});
    Path f = Path.of("extracts/2026-Q1/essex-county-council/childrens-social-care.csv");
    assertThat(Files.readAllBytes(other.resolve(f)))
        .isNotEqualTo(Files.readAllBytes(out.resolve(f)));
  }

  // --- reading what was written, with the same readers the edge will use

  record Table(Path file, List<Map<String, String>> rows) {}

  private static List<String> column(Table t, String name) {
    List<String> v = new ArrayList<>();
    t.rows.forEach(r -> v.add(r.get(name)));
    return v;
  }

  private static Map<String, Integer> householdFlags() {
    Geography g = Geography.build(Scale.WARD, 42);
    Population p = Population.build(g, 42, java.time.LocalDate.of(2026, 1, 1));
    Map<String, Integer> m = new HashMap<>();
    for (int h = 0; h < p.households; h++) {
      m.put("H" + h, p.flags[h]);
    }
    return m;
  }

  private static Table table(String quarter, String partner, String dataset) throws IOException {
    for (Table t : tables(quarter)) {
      if (t.file.getParent().getFileName().toString().equals(partner)
          && t.file.getFileName().toString().startsWith(dataset + ".")) {
        return t;
      }
    }
    throw new AssertionError("no " + partner + "/" + dataset + " in " + quarter);
  }

  private static List<Table> tables(String quarter) throws IOException {
    List<Table> out2 = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out.resolve("extracts").resolve(quarter))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (f.toString().endsWith(".xlsx")) {
          out2.add(new Table(f, readXlsx(f)));
        } else {
          byte[] head = Files.readAllBytes(f);
          boolean utf8 =
              StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(head)).length()
                  > 0;
          out2.add(new Table(f, readCsv(f, StandardCharsets.UTF_8)));
          assertThat(utf8).isTrue();
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new AssertionError(e);
    }
    return out2;
  }

  static List<Map<String, String>> readCsv(Path f, Charset cs) throws IOException {
    String text =
        Files.readString(
            f, f.toString().contains("housing-benefits") ? Charset.forName("windows-1252") : cs);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    List<String> header = null;
    for (CsvRecord r : CsvReader.builder().ofCsvRecord(text)) {
      if (header == null) {
        header = r.getFields();
        continue;
      }
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), i < r.getFieldCount() ? r.getField(i) : "");
      }
      rows.add(m);
    }
    return rows;
  }

  static List<Map<String, String>> readXlsx(Path f) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (InputStream in = Files.newInputStream(f);
        ReadableWorkbook wb = new ReadableWorkbook(in);
        Stream<Row> sheet = wb.getFirstSheet().openStream()) {
      List<String> header = new ArrayList<>();
      for (Row r : (Iterable<Row>) sheet::iterator) {
        if (header.isEmpty()) {
          for (int i = 0; i < r.getCellCount(); i++) {
            header.add(r.getCellText(i));
          }
          continue;
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          String v = i < r.getCellCount() ? r.getCellText(i) : "";
          m.put(header.get(i), v == null ? "" : v);
        }
        rows.add(m);
      }
    }
    return rows;
  }
}
