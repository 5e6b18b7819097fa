package org.hearth.analytics.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hearth.analytics.Database;

/**
 * Applies {@code governance.retention_rules} to the database: every contribution a rule has
 * outlived — counted from when the extract that last carried it landed — is deleted outright (row
 * and provenance), and the destruction log says how many of which partner's dataset under which
 * rule. One transaction: the rows go and the log line appears together, or neither.
 *
 * <p>The link job applies the same rules to its state (so a destroyed record cannot come back with
 * a later re-attribution); this is the database's half, and also clears the tombstones the job
 * leaves.
 */
public final class Retention {
  public static final String DESTROYED_BY = "hearth retention run";

  private Retention() {}

  /** What one rule destroyed, or would destroy, in one partner's dataset. */
  public record Destroyed(String rule, String partner, String dataset, long records) {}

  private static final String EXPIRED =
      "SELECT DISTINCT ON (c.record_id) c.record_id, r.rule, c.partner, c.dataset"
          + " FROM linked.contributions c"
          + " JOIN governance.retention_rules r ON r.dataset = c.dataset"
          + " JOIN governance.extracts e ON e.partner = c.partner AND e.dataset = c.dataset"
          + "   AND e.extract_id = c.extract_id"
          + " WHERE e.decided_at < now() - make_interval(months => r.keep_months)"
          + "   AND (r.attribute IS NULL"
          // a tombstone has no attributes left to test: its provenance goes with its rule's
          // dataset
          + "     OR (c.attributes IS NULL AND NOT c.withheld)"
          + "     OR (r.equals IS NULL AND coalesce(c.attributes->>r.attribute, '') <> '')"
          + "     OR c.attributes->>r.attribute = r.equals)"
          + " ORDER BY c.record_id, r.rule";

  /**
   * @param dryRun count what would be destroyed, change nothing
   */
  public static List<Destroyed> run(Connection c, boolean dryRun) throws SQLException {
    String sql =
        dryRun
            ? "WITH expired AS ("
                + EXPIRED
                + ")"
                + " SELECT rule, partner, dataset, count(*) FROM expired"
                + " GROUP BY rule, partner, dataset ORDER BY rule, partner, dataset"
            : "WITH expired AS ("
                + EXPIRED
                + "), gone AS (DELETE FROM linked.contributions c USING expired x"
                + "   WHERE c.record_id = x.record_id RETURNING x.rule, x.partner, x.dataset),"
                + " logged AS (INSERT INTO governance.destruction_log"
                + "   (rule, partner, dataset, records, destroyed_at, destroyed_by)"
                + "   SELECT rule, partner, dataset, count(*), now(), ? FROM gone"
                + "   GROUP BY rule, partner, dataset"
                + "   RETURNING rule, partner, dataset, records)"
                + " SELECT rule, partner, dataset, records FROM logged"
                + " ORDER BY rule, partner, dataset";
    return Database.inTransaction(
        c,
        () -> {
          try (PreparedStatement st = c.prepareStatement(sql)) {
            if (!dryRun) {
              st.setString(1, DESTROYED_BY);
            }
            List<Destroyed> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Destroyed(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
              }
            }
            return out;
          }
        });
  }
}
