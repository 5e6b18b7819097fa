package org.hearth.analytics.reference;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hearth.analytics.Database;

/**
 * The names reports show in place of codes: wards (from the ONS ward names and codes file, whose
 * columns are {@code WDnnCD, WDnnNM, LADnnCD, LADnnNM} for the year nn) and partners. Public
 * reference data in {@code reference.wards} and {@code reference.partners}; a code without a name
 * is shown as the code.
 */
public final class Names {
  private static final Pattern WARD_CODE = Pattern.compile("WD\\d\\dCD");
  private static final Pattern WARD_NAME = Pattern.compile("WD\\d\\dNM");
  private static final Pattern DISTRICT_CODE = Pattern.compile("LAD\\d\\dCD");
  private static final Pattern DISTRICT_NAME = Pattern.compile("LAD\\d\\dNM");

  /** A ward with its district; the district may be unknown (null). */
  public record Ward(String code, String name, String districtCode, String districtName) {}

  /** Every name loaded: wards by code, partner names by partner id. */
  public record All(Map<String, Ward> wards, Map<String, String> partners) {
    public static All none() {
      return new All(Map.of(), Map.of());
    }

    /** The ward's name, or its code where none is loaded. */
    public String wardName(String code) {
      Ward w = wards.get(code);
      return w == null ? code : w.name();
    }

    public Optional<Ward> ward(String code) {
      return Optional.ofNullable(wards.get(code));
    }

    /** The partner's name, or its id where none is loaded. */
    public String partnerName(String partner) {
      return partners.getOrDefault(partner, partner);
    }

    /**
     * The code of a ward given by its code or, where no ward has that code, by its name (case and
     * spacing ignored); empty when neither matches one ward.
     */
    public Optional<String> resolveWard(String codeOrName, java.util.Collection<String> codes) {
      if (codes.contains(codeOrName)) {
        return Optional.of(codeOrName);
      }
      String wanted = normal(codeOrName);
      List<String> found = new ArrayList<>();
      for (String code : codes) {
        Ward w = wards.get(code);
        if (w != null && normal(w.name()).equals(wanted)) {
          found.add(code);
        }
      }
      return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static String normal(String s) {
      return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
  }

  private Names() {}

  /** The names in the database, as the connection's role reads them. */
  public static All read(Connection c) throws SQLException {
    Map<String, Ward> wards = new TreeMap<>();
    try (PreparedStatement st =
            c.prepareStatement("SELECT ward, name, district, district_name FROM reference.wards");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        wards.put(
            rs.getString(1),
            new Ward(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    Map<String, String> partners = new TreeMap<>();
    try (PreparedStatement st = c.prepareStatement("SELECT partner, name FROM reference.partners");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        partners.put(rs.getString(1), rs.getString(2));
      }
    }
    return new All(wards, partners);
  }

  /** Reads a ward names and codes file (ONS layout: WDnnCD, WDnnNM, optional LADnnCD, LADnnNM). */
  public static List<Ward> readWards(Path csv) {
    List<Ward> out = new ArrayList<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
      int code = -1;
      int name = -1;
      int districtCode = -1;
      int districtName = -1;
      boolean header = true;
      for (CsvRecord rec : r) {
        if (header) {
          header = false;
          for (int i = 0; i < rec.getFieldCount(); i++) {
            String h = rec.getField(i).replace("\uFEFF", "").trim().toUpperCase(Locale.ROOT);
            if (WARD_CODE.matcher(h).matches()) {
              code = i;
            } else if (WARD_NAME.matcher(h).matches()) {
              name = i;
            } else if (DISTRICT_CODE.matcher(h).matches()) {
              districtCode = i;
            } else if (DISTRICT_NAME.matcher(h).matches()) {
              districtName = i;
            }
          }
          if (code < 0 || name < 0) {
            throw new IllegalArgumentException(
                csv.getFileName()
                    + " is not a ward names and codes file: it needs the ONS columns WDnnCD and"
                    + " WDnnNM (e.g. WD24CD, WD24NM)");
          }
          continue;
        }
        if (rec.getFieldCount() <= Math.max(code, name) || rec.getField(code).isBlank()) {
          continue;
        }
        out.add(
            new Ward(
                rec.getField(code).trim(),
                rec.getField(name).trim(),
                field(rec, districtCode),
                field(rec, districtName)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Reads a partner names file: columns partner, name. */
  public static Map<String, String> readPartners(Path csv) {
    Map<String, String> out = new TreeMap<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
      boolean header = true;
      int id = -1;
      int name = -1;
      for (CsvRecord rec : r) {
        if (header) {
          header = false;
          for (int i = 0; i < rec.getFieldCount(); i++) {
            String h = rec.getField(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
            if (h.equals("partner")) {
              id = i;
            } else if (h.equals("name")) {
              name = i;
            }
          }
          if (id < 0 || name < 0) {
            throw new IllegalArgumentException(
                csv.getFileName() + " is not a partner names file: it needs columns partner, name");
          }
          continue;
        }
        if (rec.getFieldCount() > Math.max(id, name) && !rec.getField(id).isBlank()) {
          out.put(rec.getField(id).trim(), rec.getField(name).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String field(CsvRecord rec, int i) {
    if (i < 0 || i >= rec.getFieldCount() || rec.getField(i).isBlank()) {
      return null;
    }
    return rec.getField(i).trim();
  }

  /** Inserts or replaces the wards in one transaction; returns how many. */
  public static int loadWards(Connection c, List<Ward> wards) throws SQLException {
    return Database.inTransaction(
        c,
        () -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO reference.wards (ward, name, district, district_name, loaded_at)"
                      + " VALUES (?, ?, ?, ?, now()) ON CONFLICT (ward) DO UPDATE SET"
                      + " name = excluded.name, district = excluded.district,"
                      + " district_name = excluded.district_name, loaded_at = now()")) {
            for (Ward w : wards) {
              st.setString(1, w.code());
              st.setString(2, w.name());
              st.setString(3, w.districtCode());
              st.setString(4, w.districtName());
              st.addBatch();
            }
            st.executeBatch();
          }
          return wards.size();
        });
  }

  /** Inserts or replaces the partners' names in one transaction; returns how many. */
  public static int loadPartners(Connection c, Map<String, String> partners) throws SQLException {
    return Database.inTransaction(
        c,
        () -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO reference.partners (partner, name, loaded_at) VALUES (?, ?, now())"
                      + " ON CONFLICT (partner) DO UPDATE SET name = excluded.name,"
                      + " loaded_at = now()")) {
            for (var e : partners.entrySet()) {
              st.setString(1, e.getKey());
              st.setString(2, e.getValue());
              st.addBatch();
            }
            st.executeBatch();
          }
          return partners.size();
        });
  }

  /** Loads the files that exist of a synthetic county's lookup folder (ward and partner names). */
  public static String loadLookupFolder(Connection c, Path lookup) throws SQLException {
    int w = 0;
    int p = 0;
    if (Files.isRegularFile(lookup.resolve("ward-names.csv"))) {
      w = loadWards(c, readWards(lookup.resolve("ward-names.csv")));
    }
    if (Files.isRegularFile(lookup.resolve("partner-names.csv"))) {
      p = loadPartners(c, readPartners(lookup.resolve("partner-names.csv")));
    }
    return w + " ward names, " + p + " partner names";
  }
}
