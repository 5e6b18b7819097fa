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
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.ProtectedTable;

/**
 * The domestic-abuse needs assessment: homelessness applications owed a duty because of domestic
 * abuse, per quarter, by district and household type, after disclosure control. Each quarter is one
 * protected table with its margins; nothing across quarters is published, so no figure of one
 * quarter can be subtracted from another's. The cases read are those the connection's role may see:
 * a district computing it sees its own cases only, the county every district's.
 */
public final class DomesticAbuseNeeds {
  public static final String ALL_DISTRICTS = "All districts";
  public static final String ALL_HOUSEHOLD_TYPES = "All household types";

  private DomesticAbuseNeeds() {}

  /** One application as the computation needs it. */
  public record Case(String quarter, String district, String householdType) {}

  /** One quarter's table: districts by household type, margins last; empty where suppressed. */
  public record Quarter(
      String quarter, List<String> districts, List<String> householdTypes, ProtectedTable table) {

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
      DisclosureRules rules, Instant computedAt, List<Quarter> quarters, long undated) {}

  /** Reads linked.domestic_abuse_cases as the connection's role sees it. */
  public static Figures compute(Connection c, DisclosureRules rules) throws SQLException {
    List<Case> cases = new ArrayList<>();
    long undated = 0;
    try (PreparedStatement st =
            c.prepareStatement(
                "SELECT quarter, district, household_type FROM linked.domestic_abuse_cases");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        if (rs.getString(1) == null) {
          // left out of every table alike: a row of them would be small, and a total that
          // counted them would give their number away by subtraction
          undated++;
        } else {
          cases.add(new Case(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return figures(cases, undated, rules, Instant.now());
  }

  public static Figures figures(List<Case> cases, long undated, DisclosureRules rules, Instant at) {
    TreeMap<String, List<Case>> byQuarter = new TreeMap<>();
    for (Case k : cases) {
      byQuarter.computeIfAbsent(k.quarter(), q -> new ArrayList<>()).add(k);
    }
    List<Quarter> quarters = new ArrayList<>();
    for (var e : byQuarter.entrySet()) {
      List<String> districts =
          new ArrayList<>(new TreeSet<>(e.getValue().stream().map(Case::district).toList()));
      List<String> types =
          new ArrayList<>(new TreeSet<>(e.getValue().stream().map(Case::householdType).toList()));
      long[][] counts = new long[districts.size()][types.size()];
      for (Case k : e.getValue()) {
        counts[districts.indexOf(k.district())][types.indexOf(k.householdType())]++;
      }
      quarters.add(
          new Quarter(e.getKey(), districts, types, ProtectedTable.protect(counts, rules)));
    }
    return new Figures(rules, at, quarters, undated);
  }

  /** Replaces published.domestic_abuse_needs with these figures in one transaction. */
  public static void publish(Connection c, Figures f) throws SQLException {
    Database.inTransaction(
        c,
        () -> {
          try (var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM published.domestic_abuse_needs");
          }
          Timestamp at = Timestamp.from(f.computedAt());
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO published.domestic_abuse_needs"
                      + " (quarter, district, household_type, applications, published_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
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
                  st.addBatch();
                }
              }
            }
            st.executeBatch();
          }
          return null;
        });
  }
}
