package org.hearth.link.retain;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Where the link job's tasks find the retention rules: the database's, read when they start. */
@FunctionalInterface
public interface RetentionRules extends Serializable {
  List<RetentionRule> load();

  static RetentionRules of(List<RetentionRule> rules) {
    List<RetentionRule> copy = List.copyOf(rules);
    return () -> copy;
  }

  /** {@code governance.retention_rules}, so the job and {@code hearth retention run} agree. */
  static RetentionRules fromDatabase(String jdbcUrl, String user, String password) {
    return () -> {
      try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
        return read(c);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "could not read governance.retention_rules (SQL state " + e.getSQLState() + ")", e);
      }
    };
  }

  static List<RetentionRule> read(Connection c) throws SQLException {
    List<RetentionRule> rules = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT rule, dataset, attribute, equals, keep_months"
                    + " FROM governance.retention_rules ORDER BY rule")) {
      while (rs.next()) {
        rules.add(
            new RetentionRule(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
      }
    }
    return rules;
  }
}
