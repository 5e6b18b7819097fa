package org.hearth.analytics.schoolreadiness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.analytics.Database;
import org.hearth.analytics.disclosure.CellKeys;
import org.hearth.analytics.disclosure.CellKeys.Cell;
import org.hearth.analytics.disclosure.CellKeys.Perturber;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.OutputCheck;
import org.hearth.analytics.disclosure.OutputCheck.Rule;
import org.hearth.analytics.disclosure.OutputChecks;
import org.hearth.analytics.disclosure.PerturbedGrid;
import org.hearth.analytics.disclosure.ProtectedTable;
import org.hearth.analytics.disclosure.PublishedGrid;
import org.hearth.analytics.disclosure.Release;

/**
 * School readiness from the linked tables, after disclosure control: the share of children reaching
 * a good level of development by ward, and for each circumstance the risk of not reaching it with
 * the circumstance against without it. Only protected figures leave this class.
 *
 * <p>Under cell-key perturbation each child is in exactly one perturbed cell of each table: the
 * ward table perturbs ready and not ready per ward and sums the rest; each circumstance's table
 * perturbs ready and not ready among the children with it, and its without-row is the ward table's
 * total minus the with-row. So the total of not-ready children has one noisy value shared by every
 * table, rather than eleven independently perturbed looks at it that an attacker could average.
 */
public final class SchoolReadiness {
  public static final String ALL_WARDS = "All wards";
  public static final String PUBLICATION = "school-readiness";
  public static final String BY_WARD = "published.school_readiness_by_ward";
  public static final String RISK_FACTORS = "published.school_readiness_risk_factors";

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

  /** Everything the report and the published tables show, with each cell's output check. */
  public record Figures(
      Optional<String> ward,
      DisclosureRules rules,
      Instant computedAt,
      List<WardRow> wards,
      WardRow total,
      List<FactorRow> factors,
      List<OutputCheck> checks) {}

  /**
   * One child as the computation needs it.
   *
   * @param key the record key of the child's assessment record, on the 2^-53 grid ({@link
   *     CellKeys#ofRecordKey})
   */
  public record Child(String ward, boolean ready, boolean[] factors, long key) {}

  /**
   * Reads linked.child_factors with the assessment records' keys, and protects the figures (of one
   * ward, or all). A one-ward run still reads every ward: its figures must be those of the
   * publication, whose noise depends on all of its records.
   */
  public static Figures compute(Connection c, Optional<String> ward, DisclosureRules rules)
      throws SQLException {
    return figures(children(c), ward, rules, Instant.now());
  }

  /** Every assessed child with a known ward, as the connection's role sees them, with keys. */
  public static List<Child> children(Connection c) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT f.ward, f.good_level_of_development");
    for (Factor x : Factor.values()) {
      sql.append(", f.").append(x.column());
    }
    // children with no known ward are left out of every table alike: a separate row of them
    // would be small, and a total that counted them would give their number away by subtraction
    sql.append(
        ", k.record_key FROM linked.child_factors f"
            + " JOIN linked.contributions k ON k.record_id = f.record_id"
            + " WHERE f.ward IS NOT NULL");
    List<Child> children = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql.toString());
        ResultSet rs = st.executeQuery()) {
      int keyColumn = 3 + Factor.values().length;
      while (rs.next()) {
        boolean[] fs = new boolean[Factor.values().length];
        for (int i = 0; i < fs.length; i++) {
          fs[i] = rs.getBoolean(3 + i);
        }
        children.add(
            new Child(
                rs.getString(1),
                rs.getBoolean(2),
                fs,
                CellKeys.ofRecordKey(rs.getDouble(keyColumn))));
      }
    }
    return children;
  }

  /** The protected figures of the children (all of the publication's), for one ward or all. */
  public static Figures figures(
      List<Child> children, Optional<String> ward, DisclosureRules rules, Instant at) {
    List<Child> shown =
        ward.isEmpty()
            ? children
            : children.stream().filter(ch -> ch.ward().equals(ward.get())).toList();
    if (shown.isEmpty()) {
      return nothing(ward, rules, at);
    }
    return rules.perturbs()
        ? perturbed(children, shown, ward, rules, at)
        : suppressed(shown, ward, rules, at);
  }

  private static Figures nothing(Optional<String> ward, DisclosureRules rules, Instant at) {
    List<FactorRow> factors = new ArrayList<>();
    for (Factor f : Factor.values()) {
      factors.add(
          new FactorRow(
              f,
              OptionalLong.empty(),
              OptionalLong.empty(),
              OptionalLong.empty(),
              OptionalLong.empty(),
              Optional.empty()));
    }
    WardRow total =
        new WardRow(
            ALL_WARDS,
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalDouble.empty());
    return new Figures(ward, rules, at, List.of(), total, factors, List.of());
  }

  private static Figures suppressed(
      List<Child> children, Optional<String> ward, DisclosureRules rules, Instant at) {
    TreeMap<String, long[]> byWard = new TreeMap<>();
    for (Child ch : children) {
      byWard.computeIfAbsent(ch.ward(), w -> new long[2])[ch.ready() ? 0 : 1]++;
    }
    List<OutputCheck> checks = new ArrayList<>();
    ProtectedTable t = ProtectedTable.protect(byWard.values().toArray(long[][]::new), rules);
    List<String> names = new ArrayList<>(byWard.keySet());
    List<WardRow> wards = wardRows(t, names, rules, checks);
    WardRow total = wards.remove(wards.size() - 1);
    List<FactorRow> factors = new ArrayList<>();
    for (Factor f : Factor.values()) {
      // rows: with, without; columns: not ready, ready
      long[][] counts = new long[2][2];
      for (Child ch : children) {
        counts[ch.factors()[f.ordinal()] ? 0 : 1][ch.ready() ? 1 : 0]++;
      }
      ProtectedTable ft = ProtectedTable.protect(counts, rules);
      String cell = "factor=" + f.column() + "; ";
      String[][] published = {
        {"with_not_ready", "with_children"}, {"without_not_ready", "without_children"}
      };
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          OptionalLong v = ft.shown(i, j == 0 ? 0 : 2);
          checks.add(
              v.isPresent()
                  ? new OutputCheck(
                      RISK_FACTORS,
                      cell + published[i][j],
                      Long.toString(v.getAsLong()),
                      Rule.THRESHOLD_SHOWN,
                      OutputChecks.shownReason(rules))
                  : new OutputCheck(
                      RISK_FACTORS,
                      cell + published[i][j],
                      null,
                      Rule.THRESHOLD_SUPPRESSED,
                      OutputChecks.suppressedReason(rules)));
        }
      }
      factors.add(
          factorRow(
              f,
              ft.shown(0, 2),
              ft.shown(0, 0),
              ft.shown(1, 2),
              ft.shown(1, 0),
              rules,
              checks,
              "(every count behind it is shown)"));
    }
    return new Figures(ward, rules, at, wards, total, factors, checks);
  }

  private static Figures perturbed(
      List<Child> all,
      List<Child> shown,
      Optional<String> ward,
      DisclosureRules rules,
      Instant at) {
    // the publication's cells: every ward's ready and not ready, and every circumstance's
    TreeMap<String, Cell> cells = new TreeMap<>();
    for (Child ch : all) {
      cells.computeIfAbsent(wardCell(ch.ward(), true), k -> new Cell());
      cells.computeIfAbsent(wardCell(ch.ward(), false), k -> new Cell());
      cells.get(wardCell(ch.ward(), ch.ready())).add(ch.key());
    }
    for (Factor f : Factor.values()) {
      cells.put(factorCell(f, true), new Cell());
      cells.put(factorCell(f, false), new Cell());
    }
    for (Child ch : all) {
      for (Factor f : Factor.values()) {
        if (ch.factors()[f.ordinal()]) {
          cells.get(factorCell(f, ch.ready())).add(ch.key());
        }
      }
    }
    Perturber p = new Perturber(rules.ptable(), CellKeys.publicationKey(cells));

    List<String> names = new ArrayList<>(new TreeSet<>(shown.stream().map(Child::ward).toList()));
    Cell[][] grid = new Cell[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      grid[i] =
          new Cell[] {
            cells.get(wardCell(names.get(i), true)), cells.get(wardCell(names.get(i), false))
          };
    }
    PerturbedGrid t = PerturbedGrid.of(grid, p);
    List<OutputCheck> checks = new ArrayList<>();
    List<WardRow> wards = wardRows(t, names, rules, checks);
    WardRow total = wards.remove(wards.size() - 1);
    long totalReady = total.ready().getAsLong();
    long totalNotReady = total.notReady().getAsLong();

    // a one-ward report's circumstances are counted in that ward only: cells of their own, with
    // the publication's noise lookup so that repeated runs agree
    Map<String, Cell> local = cells;
    if (ward.isPresent()) {
      local = new TreeMap<>();
      for (Factor f : Factor.values()) {
        local.put(factorCell(f, true), new Cell());
        local.put(factorCell(f, false), new Cell());
      }
      for (Child ch : shown) {
        for (Factor f : Factor.values()) {
          if (ch.factors()[f.ordinal()]) {
            local.get(factorCell(f, ch.ready())).add(ch.key());
          }
        }
      }
    }
    List<FactorRow> factors = new ArrayList<>();
    for (Factor f : Factor.values()) {
      long withReady = p.published(local.get(factorCell(f, true)));
      long withNotReady = p.published(local.get(factorCell(f, false)));
      long withChildren = withReady + withNotReady;
      long withoutNotReady = Math.max(0, totalNotReady - withNotReady);
      long withoutChildren = Math.max(0, totalReady - withReady) + withoutNotReady;
      String cell = "factor=" + f.column() + "; ";
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell + "with_children",
              Long.toString(withChildren),
              Rule.SUM_OF_PUBLISHED_CELLS,
              OutputChecks.sumReason(
                  "ready and not-ready children with the circumstance (each perturbed; not ready"
                      + " is published beside it)")));
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell + "with_not_ready",
              Long.toString(withNotReady),
              Rule.CELL_KEY_PERTURBATION,
              OutputChecks.perturbedReason(rules)));
      String minus =
          " minus the same among those with the circumstance, floored at 0: every circumstance"
              + " table adds up to the ward table's totals, so none gives the total a second noisy"
              + " look";
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell + "without_children",
              Long.toString(withoutChildren),
              Rule.TOTAL_MINUS_PUBLISHED_CELLS,
              "the ward table's published ready and not-ready totals" + minus));
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell + "without_not_ready",
              Long.toString(withoutNotReady),
              Rule.TOTAL_MINUS_PUBLISHED_CELLS,
              "the ward table's published not-ready total" + minus));
      factors.add(
          factorRow(
              f,
              OptionalLong.of(withChildren),
              OptionalLong.of(withNotReady),
              OptionalLong.of(withoutChildren),
              OptionalLong.of(withoutNotReady),
              rules,
              checks,
              "(from the published, perturbed counts)"));
    }
    return new Figures(ward, rules, at, wards, total, factors, checks);
  }

  /** Where the report's counts of children left out and not linked appear in output checks. */
  public static final String COVERAGE = "school-readiness report: children left out";

  /** An assessment result of linked.children: has it a ward, a household; its record key. */
  public record Assessed(boolean hasWard, boolean hasHousehold, long key) {}

  /**
   * Children the tables leave out (no known ward) and children counted without a household (every
   * circumstance absent), under the same disclosure control as the tables; empty where suppressed.
   */
  public record Coverage(
      OptionalLong withoutWard, OptionalLong withoutHousehold, List<OutputCheck> checks) {}

  /** Every assessment result of linked.children as the connection's role sees them, with keys. */
  public static List<Assessed> assessed(Connection c) throws SQLException {
    List<Assessed> out = new ArrayList<>();
    try (PreparedStatement st =
            c.prepareStatement(
                "SELECT ch.ward IS NOT NULL, ch.household_id IS NOT NULL, k.record_key"
                    + " FROM linked.children ch"
                    + " JOIN linked.contributions k ON k.record_id = ch.record_id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Assessed(
                rs.getBoolean(1), rs.getBoolean(2), CellKeys.ofRecordKey(rs.getDouble(3))));
      }
    }
    return out;
  }

  /**
   * The counts of children left out and not linked, protected: perturbed as cells of their own
   * publication (so they do not change the tables' noise), or shown only from the threshold up.
   */
  public static Coverage coverage(List<Assessed> records, DisclosureRules rules) {
    Cell withoutWard = new Cell();
    Cell withoutHousehold = new Cell();
    for (Assessed a : records) {
      if (!a.hasWard()) {
        withoutWard.add(a.key());
      } else if (!a.hasHousehold()) {
        withoutHousehold.add(a.key());
      }
    }
    String[] names = {"without_ward", "with_ward_without_household"};
    Cell[] cells = {withoutWard, withoutHousehold};
    List<OutputCheck> checks = new ArrayList<>();
    OptionalLong[] shown = new OptionalLong[2];
    if (rules.perturbs()) {
      TreeMap<String, Cell> named = new TreeMap<>();
      for (int i = 0; i < 2; i++) {
        named.put(COVERAGE + "; " + names[i], cells[i]);
      }
      Perturber p = new Perturber(rules.ptable(), CellKeys.publicationKey(named));
      for (int i = 0; i < 2; i++) {
        long v = p.published(cells[i]);
        shown[i] = OptionalLong.of(v);
        checks.add(
            new OutputCheck(
                COVERAGE,
                names[i],
                Long.toString(v),
                Rule.CELL_KEY_PERTURBATION,
                OutputChecks.perturbedReason(rules)));
      }
    } else {
      for (int i = 0; i < 2; i++) {
        long n = cells[i].count();
        boolean show = n >= rules.minCount();
        shown[i] = show ? OptionalLong.of(n) : OptionalLong.empty();
        checks.add(
            show
                ? new OutputCheck(
                    COVERAGE,
                    names[i],
                    Long.toString(n),
                    Rule.THRESHOLD_SHOWN,
                    OutputChecks.shownReason(rules))
                : new OutputCheck(
                    COVERAGE,
                    names[i],
                    null,
                    Rule.THRESHOLD_SUPPRESSED,
                    OutputChecks.suppressedReason(rules)));
      }
    }
    return new Coverage(shown[0], shown[1], checks);
  }

  static String wardCell(String ward, boolean ready) {
    return "ward=" + ward + "; " + (ready ? "ready" : "not_ready");
  }

  static String factorCell(Factor f, boolean ready) {
    return "factor=" + f.column() + "; with; " + (ready ? "ready" : "not_ready");
  }

  /** The rows of a ward table (columns ready, not ready; totals) with their checks; total last. */
  private static List<WardRow> wardRows(
      PublishedGrid t, List<String> names, DisclosureRules rules, List<OutputCheck> checks) {
    String[] columns = {"ready", "not_ready", "children"};
    OutputChecks.grid(
        checks,
        BY_WARD,
        t,
        rules,
        (i, j) -> (i < names.size() ? "ward=" + names.get(i) : ALL_WARDS) + "; " + columns[j],
        "ready and not-ready children of the ward",
        "wards");
    List<WardRow> rows = new ArrayList<>();
    for (int i = 0; i <= names.size(); i++) {
      String name = i < names.size() ? names.get(i) : ALL_WARDS;
      OptionalLong ready = t.shown(i, 0);
      OptionalLong notReady = t.shown(i, 1);
      OptionalLong children = t.shown(i, 2);
      OptionalDouble percent = OptionalDouble.empty();
      String cell = (i < names.size() ? "ward=" + name : ALL_WARDS) + "; ready_percent";
      if (ready.isEmpty() || children.isEmpty()) {
        checks.add(
            new OutputCheck(
                BY_WARD,
                cell,
                null,
                Rule.WITHHELD_SUPPRESSED_COUNT,
                "a count behind the rate is suppressed"));
      } else if (children.getAsLong() < rules.minDenominator()) {
        checks.add(
            new OutputCheck(
                BY_WARD,
                cell,
                null,
                Rule.WITHHELD_SMALL_DENOMINATOR,
                "fewer than " + rules.minDenominator() + " children published"));
      } else {
        percent = OptionalDouble.of(100.0 * ready.getAsLong() / children.getAsLong());
        checks.add(
            new OutputCheck(
                BY_WARD,
                cell,
                String.format(Locale.ROOT, "%.1f", percent.getAsDouble()),
                Rule.COMPUTED_FROM_PUBLISHED_COUNTS,
                "ready / children, both as published"));
      }
      rows.add(new WardRow(name, children, ready, notReady, percent));
    }
    return rows;
  }

  /** A circumstance's row with its risk ratio, shown only over enough children with outcomes. */
  private static FactorRow factorRow(
      Factor f,
      OptionalLong withChildren,
      OptionalLong withNotReady,
      OptionalLong withoutChildren,
      OptionalLong withoutNotReady,
      DisclosureRules rules,
      List<OutputCheck> checks,
      String from) {
    String cell = "factor=" + f.column() + "; risk_ratio";
    Optional<RiskRatio> rr = Optional.empty();
    if (withChildren.isEmpty()
        || withNotReady.isEmpty()
        || withoutChildren.isEmpty()
        || withoutNotReady.isEmpty()) {
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell,
              null,
              Rule.WITHHELD_SUPPRESSED_COUNT,
              "a count behind the ratio is suppressed"));
    } else if (withChildren.getAsLong() < rules.minDenominator()
        || withoutChildren.getAsLong() < rules.minDenominator()) {
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell,
              null,
              Rule.WITHHELD_SMALL_DENOMINATOR,
              "fewer than " + rules.minDenominator() + " children published with or without it"));
    } else if (withNotReady.getAsLong() == 0
        || withoutNotReady.getAsLong() == 0
        || withoutNotReady.getAsLong() > withoutChildren.getAsLong()) {
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell,
              null,
              Rule.WITHHELD_NO_OUTCOMES,
              "no not-ready children published in a group, so no ratio"));
    } else {
      rr =
          Optional.of(
              RiskRatio.of(
                  withNotReady.getAsLong(),
                  withChildren.getAsLong(),
                  withoutNotReady.getAsLong(),
                  withoutChildren.getAsLong()));
      checks.add(
          new OutputCheck(
              RISK_FACTORS,
              cell,
              String.format(
                  Locale.ROOT,
                  "%.3f (%.3f-%.3f)",
                  rr.get().estimate(),
                  rr.get().low(),
                  rr.get().high()),
              Rule.COMPUTED_FROM_PUBLISHED_COUNTS,
              "risk ratio with its 95% confidence interval (log method) " + from));
    }
    return new FactorRow(f, withChildren, withNotReady, withoutChildren, withoutNotReady, rr);
  }

  /**
   * Replaces the published tables with these figures in one transaction, with the release and its
   * output checks. Only county-wide figures are published; a one-ward selection is for the report
   * alone.
   */
  public static Release publish(Connection c, Figures f) throws SQLException {
    if (f.ward().isPresent()) {
      throw new IllegalArgumentException("only figures for all wards are published");
    }
    Release release = Release.of(PUBLICATION, f.computedAt(), f.rules(), f.checks());
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
                  "INSERT INTO published.school_readiness_by_ward (ward, children, ready,"
                      + " not_ready, ready_percent, published_at, release_id, disclosure)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
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
              st.setString(7, release.releaseId());
              st.setString(8, f.rules().label());
              st.addBatch();
            }
            st.executeBatch();
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO published.school_readiness_risk_factors (factor, description,"
                      + " with_children, with_not_ready, without_children, without_not_ready,"
                      + " risk_ratio, ci_low, ci_high, published_at, release_id, disclosure)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
              st.setString(11, release.releaseId());
              st.setString(12, f.rules().label());
              st.addBatch();
            }
            st.executeBatch();
          }
          release.record(c);
          return null;
        });
    return release;
  }
}
