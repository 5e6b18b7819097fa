package org.hearth.analytics.supportingfamilies;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.hearth.analytics.Database;
import org.hearth.analytics.disclosure.CellKeys;
import org.hearth.analytics.disclosure.CellKeys.Cell;
import org.hearth.analytics.disclosure.CellKeys.Perturber;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.OutputCheck;
import org.hearth.analytics.disclosure.OutputCheck.Rule;
import org.hearth.analytics.disclosure.OutputChecks;
import org.hearth.analytics.disclosure.ProtectedTable;
import org.hearth.analytics.disclosure.PublishedGrid;
import org.hearth.analytics.disclosure.Release;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Area;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Claim;
import org.hearth.analytics.supportingfamilies.ClaimsCheck.Link;

/**
 * The published summary of a period's claims: how many were for a family claimed before (by the
 * same person or only at the same household), and how many had evidence in each headline outcome
 * area. A claim counts once in the claimed-before table, whose total is the sum of its cells; each
 * area's count is perturbed on its own (a claim has evidence in several areas). The claims team's
 * per-claim answers are operational and stay exact; only this summary is published.
 */
public final class ClaimsSummary {
  public static final String PUBLICATION = "supporting-families-claims";
  public static final String TABLE = "published.supporting_families_claims";
  public static final String CLAIMED_BEFORE = "claimed-before";
  public static final String EVIDENCE = "evidence";
  public static final String NOT_BEFORE = "not claimed before";
  public static final String SAME_PERSON = "same person";
  public static final String SAME_HOUSEHOLD = "same household";
  public static final String ALL_CLAIMS = "all claims";

  private ClaimsSummary() {}

  /** One published figure; empty where suppressed. */
  public record Row(String measure, String category, OptionalLong claims) {}

  public record Figures(
      String period,
      DisclosureRules rules,
      Instant computedAt,
      List<Row> rows,
      List<OutputCheck> checks) {

    public OptionalLong claims(String measure, String category) {
      return rows.stream()
          .filter(r -> r.measure().equals(measure) && r.category().equals(category))
          .findFirst()
          .map(Row::claims)
          .orElseThrow();
    }
  }

  private static int before(Claim c) {
    if (!c.wasClaimedBefore()) {
      return 0;
    }
    return c.claimedBefore().stream().anyMatch(e -> e.by() == Link.SAME_PERSON) ? 1 : 2;
  }

  /** The protected summary of a check's claims. */
  public static Figures of(ClaimsCheck.Result r, DisclosureRules rules, Instant at) {
    String[] categories = {NOT_BEFORE, SAME_PERSON, SAME_HOUSEHOLD};
    Cell[] byBefore = {new Cell(), new Cell(), new Cell()};
    Cell[] byArea = new Cell[Area.values().length];
    for (int a = 0; a < byArea.length; a++) {
      byArea[a] = new Cell();
    }
    for (Claim c : r.claims()) {
      byBefore[before(c)].add(c.key());
      for (Area a : c.evidence()) {
        byArea[a.ordinal()].add(c.key());
      }
    }
    List<Row> rows = new ArrayList<>();
    List<OutputCheck> checks = new ArrayList<>();
    String cellPrefix = "period=" + r.period() + "; ";
    if (rules.perturbs()) {
      TreeMap<String, Cell> named = new TreeMap<>();
      for (int i = 0; i < 3; i++) {
        named.put(CLAIMED_BEFORE + "=" + categories[i], byBefore[i]);
      }
      for (Area a : Area.values()) {
        named.put(EVIDENCE + "=" + a.column(), byArea[a.ordinal()]);
      }
      Perturber p = new Perturber(rules.ptable(), CellKeys.publicationKey(named));
      long all = 0;
      for (int i = 0; i < 3; i++) {
        long v = p.published(byBefore[i]);
        all += v;
        rows.add(new Row(CLAIMED_BEFORE, categories[i], OptionalLong.of(v)));
        checks.add(
            new OutputCheck(
                TABLE,
                cellPrefix + CLAIMED_BEFORE + "; " + categories[i],
                Long.toString(v),
                Rule.CELL_KEY_PERTURBATION,
                OutputChecks.perturbedReason(rules)));
      }
      rows.add(new Row(CLAIMED_BEFORE, ALL_CLAIMS, OptionalLong.of(all)));
      checks.add(
          new OutputCheck(
              TABLE,
              cellPrefix + CLAIMED_BEFORE + "; " + ALL_CLAIMS,
              Long.toString(all),
              Rule.SUM_OF_PUBLISHED_CELLS,
              OutputChecks.sumReason("claimed-before categories")));
      for (Area a : Area.values()) {
        long v = p.published(byArea[a.ordinal()]);
        rows.add(new Row(EVIDENCE, a.headline(), OptionalLong.of(v)));
        checks.add(
            new OutputCheck(
                TABLE,
                cellPrefix + EVIDENCE + "; " + a.headline(),
                Long.toString(v),
                Rule.CELL_KEY_PERTURBATION,
                OutputChecks.perturbedReason(rules)));
      }
    } else {
      long[][] counts = {{byBefore[0].count(), byBefore[1].count(), byBefore[2].count()}};
      PublishedGrid t = ProtectedTable.protect(counts, rules);
      for (int j = 0; j <= 3; j++) {
        String category = j < 3 ? categories[j] : ALL_CLAIMS;
        OptionalLong v = t.shown(0, j);
        rows.add(new Row(CLAIMED_BEFORE, category, v));
        checks.add(thresholdCheck(cellPrefix + CLAIMED_BEFORE + "; " + category, v, rules));
      }
      for (Area a : Area.values()) {
        long with = byArea[a.ordinal()].count();
        // only "with" is published, but its complement is known from the total: protect both
        OptionalLong v =
            ProtectedTable.protect(new long[][] {{with, r.claims().size() - with}}, rules)
                .shown(0, 0);
        rows.add(new Row(EVIDENCE, a.headline(), v));
        checks.add(thresholdCheck(cellPrefix + EVIDENCE + "; " + a.headline(), v, rules));
      }
    }
    return new Figures(r.period(), rules, at, rows, checks);
  }

  private static OutputCheck thresholdCheck(String cell, OptionalLong v, DisclosureRules rules) {
    return v.isPresent()
        ? new OutputCheck(
            TABLE,
            cell,
            Long.toString(v.getAsLong()),
            Rule.THRESHOLD_SHOWN,
            OutputChecks.shownReason(rules))
        : new OutputCheck(
            TABLE, cell, null, Rule.THRESHOLD_SUPPRESSED, OutputChecks.suppressedReason(rules));
  }

  /** Replaces the period's published summary, with the release and its output checks. */
  public static Release publish(Connection c, Figures f) throws SQLException {
    Release release = Release.of(PUBLICATION, f.computedAt(), f.rules(), f.checks());
    Database.inTransaction(
        c,
        () -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "DELETE FROM published.supporting_families_claims WHERE period = ?")) {
            st.setString(1, f.period());
            st.executeUpdate();
          }
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT INTO published.supporting_families_claims (period, measure, category,"
                      + " claims, release_id, disclosure, published_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Row r : f.rows()) {
              st.setString(1, f.period());
              st.setString(2, r.measure());
              st.setString(3, r.category());
              Database.setCount(st, 4, r.claims());
              st.setString(5, release.releaseId());
              st.setString(6, f.rules().label());
              st.setTimestamp(7, Timestamp.from(f.computedAt()));
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
