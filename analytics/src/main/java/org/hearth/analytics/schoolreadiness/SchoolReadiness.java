package org.hearth.analytics.schoolreadiness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.hearth.analytics.Database;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.ProtectedTable;

/**
 * School readiness from the linked tables, after disclosure control: the share of children reaching
 * a good level of development by ward, and for each circumstance the risk of not reaching it with
 * the circumstance against without it. Only protected figures leave this class.
 */
public final class SchoolReadiness {
  public static final String ALL_WARDS = "All wards";

  private SchoolReadiness() {}

  /** A ward's children, ready and not ready; empty where suppressed. */
  public record WardRow(
      String ward,
      OptionalLong children,
      OptionalLong ready,
      OptionalLong notReady,
      OptionalDouble readyPercent) {}

  /** Children with and without a factor, how many of each are not school ready, and the ratio. */
  public record FactorRow(
      Factor factor,
      OptionalLong withChildren,
      OptionalLong withNotReady,
      OptionalLong withoutChildren,
      OptionalLong withoutNotReady,
      Optional<RiskRatio> riskRatio) {}

  /** Everything the report and the published tables show. */
  public record Figures(
      Optional<String> ward,
      DisclosureRules rules,
      Instant computedAt,
      List<WardRow> wards,
      WardRow total,
      List<FactorRow> factors) {}

  /** One child as the computation needs it. */
  record Child(String ward, boolean ready, boolean[] factors) {}

  /** Reads linked.child_factors (in one ward, or all) and protects the figures. */
  public static Figures compute(Connection c, Optional<String> ward, DisclosureRules rules)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ward, good_level_of_development");
    for (Factor f : Factor.values()) {
      sql.append(", ").append(f.column());
    }
    // children with no known ward are left out of every table alike: a separate row of them
    // would be small, and a total that counted them would give their number away by subtraction
    sql.append(" FROM linked.child_factors WHERE ward IS NOT NULL");
    if (ward.isPresent()) {
      sql.append(" AND ward = ?");
    }
    List<Child> children = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      if (ward.isPresent()) {
        st.setString(1, ward.get());
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          boolean[] fs = new boolean[Factor.values().length];
          for (int i = 0; i < fs.length; i++) {
            fs[i] = rs.getBoolean(3 + i);
          }
          children.add(new Child(rs.getString(1), rs.getBoolean(2), fs));
        }
      }
    }
    return figures(children, ward, rules, Instant.now());
  }

  static Figures figures(
      List<Child> children, Optional<String> ward, DisclosureRules rules, Instant at) {
    TreeMap<String, long[]> byWard = new TreeMap<>();
    for (Child ch : children) {
      byWard.computeIfAbsent(ch.ward(), w -> new long[2])[ch.ready() ? 0 : 1]++;
    }
    List<WardRow> wards = new ArrayList<>();
    WardRow total;
    if (byWard.isEmpty()) {
      total = wardRow(ALL_WARDS, null, 0, rules);
    } else {
      ProtectedTable t = ProtectedTable.protect(byWard.values().toArray(long[][]::new), rules);
      int i = 0;
      for (String w : byWard.keySet()) {
        wards.add(wardRow(w, t, i++, rules));
      }
      total = wardRow(ALL_WARDS, t, t.rows(), rules);
    }
    List<FactorRow> factors = new ArrayList<>();
    for (Factor f : Factor.values()) {
      factors.add(factorRow(f, children, rules));
    }
    return new Figures(ward, rules, at, wards, total, factors);
  }

  private static WardRow wardRow(String name, ProtectedTable t, int row, DisclosureRules rules) {
    if (t == null) {
      return new WardRow(
          name,
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalDouble.empty());
    }
    OptionalLong ready = t.shown(row, 0);
    OptionalLong notReady = t.shown(row, 1);
    OptionalLong children = t.shown(row, 2);
    OptionalDouble percent =
        ready.isPresent() && children.isPresent() && children.getAsLong() >= rules.minDenominator()
            ? OptionalDouble.of(100.0 * ready.getAsLong() / children.getAsLong())
            : OptionalDouble.empty();
    return new WardRow(name, children, ready, notReady, percent);
  }

  private static FactorRow factorRow(Factor f, List<Child> children, DisclosureRules rules) {
    // rows: with, without; columns: not ready, ready
    long[][] counts = new long[2][2];
    for (Child ch : children) {
      counts[ch.factors()[f.ordinal()] ? 0 : 1][ch.ready() ? 1 : 0]++;
    }
    ProtectedTable t = ProtectedTable.protect(counts, rules);
    boolean allShown = true;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        allShown &= !t.suppressed(i, j);
      }
    }
    long n1 = counts[0][0] + counts[0][1];
    long n0 = counts[1][0] + counts[1][1];
    Optional<RiskRatio> rr =
        allShown && n1 >= rules.minDenominator() && n0 >= rules.minDenominator()
            ? Optional.of(RiskRatio.of(counts[0][0], n1, counts[1][0], n0))
            : Optional.empty();
    return new FactorRow(f, t.shown(0, 2), t.shown(0, 0), t.shown(1, 2), t.shown(1, 0), rr);
  }

  /**
   * Replaces the published tables with these figures in one transaction. Only county-wide figures
   * are published; a one-ward selection is for the report alone.
   */
  public static void publish(Connection c, Figures f) throws SQLException {
    if (f.ward().isPresent()) {
      throw new IllegalArgumentException("only figures for all wards are published");
    }
    Database.inTransaction(
        c,
        () -> {
          try (var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM published.school_readiness_by_ward");
            st.executeUpdate("DELETE FROM published.school_readiness_risk_factors");
          }
          Timestamp at = Timestamp.from(f.computedAt());
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO published.school_readiness_by_ward"
                      + " (ward, children, ready, not_ready, ready_percent, published_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            List<WardRow> rows = new ArrayList<>(f.wards());
            rows.add(f.total());
            for (WardRow w : rows) {
              st.setString(1, w.ward());
              Database.setCount(st, 2, w.children());
              Database.setCount(st, 3, w.ready());
              Database.setCount(st, 4, w.notReady());
              if (w.readyPercent().isPresent()) {
                st.setDouble(5, Math.round(w.readyPercent().getAsDouble() * 10) / 10.0);
              } else {
                st.setNull(5, java.sql.Types.NUMERIC);
              }
              st.setTimestamp(6, at);
              st.addBatch();
            }
            st.executeBatch();
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO published.school_readiness_risk_factors (factor, description,"
                      + " with_children, with_not_ready, without_children, without_not_ready,"
                      + " risk_ratio, ci_low, ci_high, published_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (FactorRow r : f.factors()) {
              st.setString(1, r.factor().column());
              st.setString(2, r.factor().description());
              Database.setCount(st, 3, r.withChildren());
              Database.setCount(st, 4, r.withNotReady());
              Database.setCount(st, 5, r.withoutChildren());
              Database.setCount(st, 6, r.withoutNotReady());
              for (int i = 0; i < 3; i++) {
                if (r.riskRatio().isPresent()) {
                  RiskRatio rr = r.riskRatio().get();
                  double v = i == 0 ? rr.estimate() : i == 1 ? rr.low() : rr.high();
                  st.setDouble(7 + i, Math.round(v * 1000) / 1000.0);
                } else {
                  st.setNull(7 + i, java.sql.Types.NUMERIC);
                }
              }
              st.setTimestamp(10, at);
              st.addBatch();
            }
            st.executeBatch();
          }
          return null;
        });
  }
}
