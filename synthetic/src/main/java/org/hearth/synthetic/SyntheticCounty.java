package org.hearth.synthetic;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code hearth generate}: builds the county and writes, for each quarter, every partner's
 * extracts, the ground truth beside them (never inside them), and the postcode lookup.
 *
 * <pre>
 *   lookup/onspd-synthetic.csv              postcode -> ward, LSOA, district (ONSPD layout)
 *   lookup/ward-names.csv                   ward code -> ward name, district (ONS names and codes)
 *   lookup/partner-names.csv                partner id -> the organisation's name
 *   extracts/2026-Q1/&lt;partner&gt;/&lt;dataset&gt;.csv|xlsx
 *   truth/2026-Q1/&lt;partner&gt;/&lt;dataset&gt;.csv     row -> true person id, household id
 *   truth/households.csv                    household -> district, ward, type (for evaluation)
 * </pre>
 */
public final class SyntheticCounty {
  private SyntheticCounty() {}

  /** What was written: rows per quarter, partner and dataset, and the population's size. */
  public record Report(
      int people, int households, int dwellings, int postcodes, Map<String, Integer> rows) {
    public int totalRows() {
      return rows.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  public static Report generate(SyntheticConfig config, Consumer<String> progress) {
    LocalDate firstStart = LocalDate.of(config.firstYear(), (config.firstQuarter() - 1) * 3 + 1, 1);
    progress.accept("building the population");
    Geography geo = Geography.build(config.scale(), config.seed());
    Population people =
        Population.build(geo, config.seed(), firstStart, config.noise().surnameChange());
    County county = new County(config, geo, people);
    Path out = config.output();
    Map<String, Integer> counts = new LinkedHashMap<>();
    try {
      Files.createDirectories(out);
      writeLookup(geo, out.resolve("lookup/onspd-synthetic.csv"));
      writeWardNames(geo, out.resolve("lookup/ward-names.csv"));
      List<Dataset> datasets = PartnerDatasets.all();
      writePartnerNames(geo, datasets, out.resolve("lookup/partner-names.csv"));
      for (int q = 0; q < config.quarters(); q++) {
        LocalDate start = firstStart.plusMonths(3L * q);
        String label = start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
        if (q > 0) {
          people.advance(q, start);
        }
        Dataset.Quarter quarter =
            new Dataset.Quarter(q, label, start, start.plusMonths(3).minusDays(1));
        for (Dataset d : datasets) {
          List<Geography.District> districts =
              d.perDistrict() ? geo.districts : java.util.Collections.singletonList(null);
          for (Geography.District district : districts) {
            String partner = d.partner(district);
            progress.accept(label + " " + partner + " " + d.id());
            int n = writeExtract(county, d, quarter, district, out, label, partner);
            counts.put(label + "/" + partner + "/" + d.id(), n);
          }
        }
      }
      writeHouseholds(county, out.resolve("truth/households.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the synthetic county to " + out, e);
    }
    return new Report(
        people.people, people.households, geo.dwellings, geo.postcodeOutward.size(), counts);
  }

  private static int writeExtract(
      County c,
      Dataset d,
      Dataset.Quarter q,
      Geography.District district,
      Path out,
      String label,
      String partner)
      throws IOException {
    Dataset.Format f = d.format(district);
    Path file =
        out.resolve("extracts").resolve(label).resolve(partner).resolve(d.id() + "." + f.extension);
    Path truth = out.resolve("truth").resolve(label).resolve(partner).resolve(d.id() + ".csv");
    Files.createDirectories(file.getParent());
    Files.createDirectories(truth.getParent());
    String[] header = d.columns().stream().map(Dataset.Column::name).toArray(String[]::new);
    int[] rows = {0};
    try (RowWriter w = RowWriter.open(file, f, d.id());
        CsvWriter t =
            CsvWriter.builder()
                .lineDelimiter(LineDelimiter.LF)
                .build(truth, StandardCharsets.UTF_8)) {
      w.write(header);
      t.writeRecord("row", "person_id", "household_id");
      d.rows(
          c,
          q,
          district,
          (person, household, values) -> {
            rows[0]++;
            try {
              w.write(values);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            // the data row's number as a partner's file viewer shows it: the header is row 1
            t.writeRecord(
                Integer.toString(rows[0] + 1), person < 0 ? "" : "P" + person, "H" + household);
          });
    }
    return rows[0];
  }

  /** A CSV or XLSX sink behind one interface. */
  private interface RowWriter extends AutoCloseable {
    void write(String[] values) throws IOException;

    @Override
    void close() throws IOException;

    static RowWriter open(Path file, Dataset.Format f, String sheet) throws IOException {
      if (f == Dataset.Format.XLSX) {
        XlsxWriter x = new XlsxWriter(file, sheet);
        return new RowWriter() {
          public void write(String[] v) throws IOException {
            x.row(v);
          }

          public void close() throws IOException {
            x.close();
          }
        };
      }
      Charset cs =
          f == Dataset.Format.CSV_WINDOWS_1252
              ? Charset.forName("windows-1252")
              : StandardCharsets.UTF_8;
      OutputStream os = Files.newOutputStream(file);
      if (f == Dataset.Format.CSV_UTF8_BOM) {
        os.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      Writer writer =
          new BufferedWriter(
              new OutputStreamWriter(
                  os,
                  cs.newEncoder()
                      .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)),
              1 << 16);
      CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(writer);
      return new RowWriter() {
        public void write(String[] v) {
          csv.writeRecord(v);
        }

        public void close() throws IOException {
          csv.close();
        }
      };
    }
  }

  /** The ONS Postcode Directory columns a partner's edge needs, for every synthetic postcode. */
  static void writeLookup(Geography g, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (CsvWriter w =
        CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(file, StandardCharsets.UTF_8)) {
      w.writeRecord(
          "pcd",
          "pcd2",
          "pcds",
          "dointr",
          "doterm",
          "oscty",
          "oslaua",
          "osward",
          "usertype",
          "ctry",
          "rgn",
          "lsoa21",
          "msoa21",
          "imd");
      for (int pc = 0; pc < g.postcodeOutward.size(); pc++) {
        String out = g.postcodeOutward.get(pc);
        String in = g.postcodeInward.get(pc);
        Geography.Ward ward = g.wards.get(g.postcodeWard.get(pc));
        String lsoa = g.lsoaCodes.get(g.postcodeLsoa.get(pc));
        // ONSPD's pcd is 7 characters with padding; pcd2 is 8; pcds is the usual form
        String pcd = out.length() == 4 ? out + in : (out + "    ").substring(0, 4) + in;
        String pcd2 = (out + "     ").substring(0, 5) + in;
        w.writeRecord(
            pcd.length() > 7 ? out + in : pcd,
            pcd2,
            out + " " + in,
            "202001",
            "",
            "E10000012",
            ward.district().code(),
            ward.code(),
            "0",
            "E92000001",
            "E12000006",
            lsoa,
            "E02" + lsoa.substring(3),
            Integer.toString(1 + (int) ((1 - ward.deprivation()) * 32843)));
      }
    }
  }

  /**
   * Ward names and codes in the layout of the ONS file of that name (WD24CD, WD24NM, LAD24CD,
   * LAD24NM): the ONS Postcode Directory carries ward codes only, and names come from this file.
   */
  static void writeWardNames(Geography g, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (CsvWriter w =
        CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(file, StandardCharsets.UTF_8)) {
      w.writeRecord("WD24CD", "WD24NM", "LAD24CD", "LAD24NM");
      for (Geography.Ward ward : g.wards) {
        w.writeRecord(ward.code(), ward.name(), ward.district().code(), ward.district().name());
      }
    }
  }

  /** Every partner's id and the organisation's name (partner, name). */
  static void writePartnerNames(Geography g, List<Dataset> datasets, Path file) throws IOException {
    java.util.TreeMap<String, String> names = new java.util.TreeMap<>();
    for (Dataset d : datasets) {
      List<Geography.District> districts =
          d.perDistrict() ? g.districts : java.util.Collections.singletonList(null);
      for (Geography.District district : districts) {
        String partner = d.partner(district);
        names.put(partner, partnerName(partner, district));
      }
    }
    Files.createDirectories(file.getParent());
    try (CsvWriter w =
        CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(file, StandardCharsets.UTF_8)) {
      w.writeRecord("partner", "name");
      for (var e : names.entrySet()) {
        w.writeRecord(e.getKey(), e.getValue());
      }
    }
  }

  private static String partnerName(String partner, Geography.District district) {
    if (district != null && partner.equals(district.partner())) {
      return district.name() + " Council";
    }
    return switch (partner) {
      case "essex-county-council" -> "Essex County Council";
      case "essex-police" -> "Essex Police";
      case "essex-yos" -> "Essex Youth Offending Service";
      case "essex-treatment-service" -> "Essex Drug and Alcohol Treatment Service";
      case "essex-family-support" -> "Essex Family Support";
      default -> partner;
    };
  }

  private static void writeHouseholds(County c, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Population p = c.people;
    try (CsvWriter w =
        CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
      w.writeRecord("household_id", "district", "ward", "type", "members");
      for (int h = 0; h < p.households; h++) {
        Geography.Ward ward = c.geo.wardOfDwelling(p.dwelling[h]);
        w.writeRecord(
            "H" + h,
            ward.district().name(),
            ward.code(),
            Population.HOUSEHOLD_TYPES[p.type[h]],
            Integer.toString(c.members(h).length));
      }
    }
  }

  /** The data dictionary as Markdown: docs/synthetic-data.md embeds exactly this. */
  public static String dictionaryMarkdown() {
    StringBuilder b = new StringBuilder();
    Geography.District sample =
        new Geography.District(0, "Basildon", "basildon", "E07900001", List.of("Basildon"));
    for (Dataset d : PartnerDatasets.all()) {
      b.append("### ").append(d.id()).append("\n\n").append(d.description()).append("\n\n");
      b.append("Partner: `")
          .append(d.perDistrict() ? "<district>-council" : d.partner(null))
          .append("`; file: `")
          .append(d.id())
          .append('.')
          .append(d.format(sample).extension)
          .append("`");
      if (d.perDistrict()) {
        b.append(" (one per district)");
      }
      b.append("; format: ")
          .append(d.format(sample).name().toLowerCase().replace('_', ' '))
          .append(".\n\n");
      b.append("| column | meaning |\n|---|---|\n");
      for (Dataset.Column c : d.columns()) {
        b.append("| ").append(c.name()).append(" | ").append(c.meaning()).append(" |\n");
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Each dataset's columns, for the data dictionary and the edge agent's contracts. */
  public static Map<String, List<String[]>> dictionary() {
    Map<String, List<String[]>> m = new LinkedHashMap<>();
    for (Dataset d : PartnerDatasets.all()) {
      List<String[]> cols = new ArrayList<>();
      for (Dataset.Column c : d.columns()) {
        cols.add(new String[] {c.name(), c.meaning()});
      }
      m.put(d.id(), cols);
    }
    return m;
  }
}
