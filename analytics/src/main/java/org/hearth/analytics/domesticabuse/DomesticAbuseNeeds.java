package org.hearth.analytics.domesticabuse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.analytics.Database;
import org.hearth.analytics.disclosure.CellKeys;
import org.hearth.analytics.disclosure.CellKeys.Cell;
import org.hearth.analytics.disclosure.CellKeys.Perturber;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.OutputCheck;
import org.hearth.analytics.disclosure.OutputChecks;
import org.hearth.analytics.disclosure.PerturbedGrid;
import org.hearth.analytics.disclosure.ProtectedTable;
import org.hearth.analytics.disclosure.PublishedGrid;
import org.hearth.analytics.disclosure.Release;

/**
 * The domestic-abuse needs assessment: homelessness applications owed a duty because of domestic
 * abuse, per quarter, by district and household type, after disclosure control. Each quarter is one
 * protected table with its margins; nothing across quarters is published, so no figure of one
 * quarter can be subtracted from another's. Under cell-key perturbation each quarter is its own
 * publication for the noise lookup: a change to one quarter's cases redraws that quarter's cells
 * and leaves the other quarters' figures exactly as they were. The cases read are those the
 * connection's role may see: a district computing it sees its own cases only, the county every
 * district's.
 */
public final class DomesticAbuseNeeds {
  public static final String ALL_DISTRICTS = "All districts";
  public static final String ALL_HOUSEHOLD_TYPES = "All household types";
  public static final String PUBLICATION = "domestic-abuse-needs";
  public static final String TABLE = "published.domestic_abuse_needs";

  private DomesticAbuseNeeds() {}

  /**
   * One application as the computation needs it.
   *
   * @param key the case record's key on the 2^-53 grid ({@link CellKeys#ofRecordKey})
   */
  public record Case(String quarter, String district, String householdType, long key) {}

  /** One quarter's table: districts by household type, margins last; empty where suppressed. */
  public record Quarter(
      String quarter, List<String> districts, List<String> householdTypes, PublishedGrid table) {

    /** Rows are the districts then {@link #ALL_DISTRICTS}; columns the types then the total. */
    public OptionalLong applications(int district, int householdType) {
      return table.shown(district, householdType);
    }

    public List<String> rowNames() {
      List<String> r = new ArrayList<>(districts);
      r.add(ALL_DISTRICTS);
      return r;
    }

    public List<String> columnNames() {
      List<String> c = new ArrayList<>(householdTypes);
      c.add(ALL_HOUSEHOLD_TYPES);
      return c;
    }
  }

  /** Everything published. */
  public record Figures(
      DisclosureRules rules,
      Instant computedAt,
      List<Quarter> quarters,
      long undated,
      List<OutputCheck> checks) {}

  /** Reads linked.domestic_abuse_cases as the connection's role sees it. */
  public static Figures compute(Connection c, DisclosureRules rules) throws SQLException {
    Cases cases = read(c);
    return figures(cases.dated(), cases.undated(), rules, Instant.now());
  }

  /** The cases with a date of application, and how many have none. */
  public record Cases(List<Case> dated, long undated) {}

  /** Reads linked.domestic_abuse_cases as the connection's role sees it, with record keys. */
  public static Cases read(Connection c) throws SQLException {
    List<Case> cases = new ArrayList<>();
    long undated = 0;
    try (PreparedStatement st =
            c.prepareStatement(
                "SELECT d.quarter, d.district, d.household_type, k.record_key"
                    + " FROM linked.domestic_abuse_cases d"
                    + " JOIN linked.contributions k ON k.record_id = d.record_id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(1) == null) {
          // left out of every table alike: a row of them would be small, and a total that
          // counted them would give their number away by subtraction
          undated++;
        } else {
          cases.add(
              new Case(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  CellKeys.ofRecordKey(rs.getDouble(4))));
        }
      }
    }
    return new Cases(cases, undated);
  }

  public static Figures figures(List<Case> cases, long undated, DisclosureRules rules, Instant at) {
    TreeMap<String, List<Case>> byQuarter = new TreeMap<>();
    for (Case k : cases) {
      byQuarter.computeIfAbsent(k.quarter(), q -> new ArrayList<>()).add(k);
    }
    List<Quarter> quarters = new ArrayList<>();
    List<OutputCheck> checks = new ArrayList<>();
    for (var e : byQuarter.entrySet()) {
      List<String> districts =
          new ArrayList<>(new TreeSet<>(e.getValue().stream().map(Case::district).toList()));
      List<String> types =
          new ArrayList<>(new TreeSet<>(e.getValue().stream().map(Case::householdType).toList()));
      PublishedGrid table;
      if (rules.perturbs()) {
        Cell[][] cells = new Cell[districts.size()][types.size()];
        TreeMap<String, Cell> named = new TreeMap<>();
        for (int i = 0; i < districts.size(); i++) {
          for (int j = 0; j < types.size(); j++) {
            cells[i][j] = new Cell();
            named.put(districts.get(i) + "\0" + types.get(j), cells[i][j]);
          }
        }
        for (Case k : e.getValue()) {
          cells[districts.indexOf(k.district())][types.indexOf(k.householdType())].add(k.key());
        }
        table =
            PerturbedGrid.of(cells, new Perturber(rules.ptable(), CellKeys.publicationKey(named)));
      } else {
        long[][] counts = new long[districts.size()][types.size()];
        for (Case k : e.getValue()) {
          counts[districts.indexOf(k.district())][types.indexOf(k.householdType())]++;
        }
        table = ProtectedTable.protect(counts, rules);
      }
      Quarter q = new Quarter(e.getKey(), districts, types, table);
      quarters.add(q);
      List<String> rows = q.rowNames();
      List<String> columns = q.columnNames();
      OutputChecks.grid(
          checks,
          TABLE,
          table,
          rules,
          (i, j) -> "quarter=" + q.quarter() + "; district=" + rows.get(i) + "; " + columns.get(j),
          "household types of the district",
          "districts");
    }
    return new Figures(rules, at, quarters, undated, checks);
  }

  /**
   * Replaces published.domestic_abuse_needs with these figures in one transaction, with the release
   * and its output checks.
   */
  public static Release publish(Connection c, Figures f) throws SQLException {
    Release release = Release.of(PUBLICATION, f.computedAt(), f.rules(), f.checks());
    Database.inTransaction(
        c,
        () -> {
          try (var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM published.domestic_abuse_needs");
          }
          Timestamp at = Timestamp.from(f.computedAt());
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO published.domestic_abuse_needs (quarter, district,"
                      + " household_type, applications, published_at, release_id, disclosure)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Quarter q : f.quarters()) {
              List<String> rows = q.rowNames();
              List<String> columns = q.columnNames();
              for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < columns.size(); j++) {
                  st.setString(1, q.quarter());
                  st.setString(2, rows.get(i));
                  st.setString(3, columns.get(j));
                  Database.setCount(st, 4, q.applications(i, j));
                  st.setTimestamp(5, at);
                  st.setString(6, release.releaseId());
                  st.setString(7, f.rules().label());
                  st.addBatch();
                }
              }
            }
            st.executeBatch();
          }
          release.record(c);
          return null;
        });
    return release;
  }
}
