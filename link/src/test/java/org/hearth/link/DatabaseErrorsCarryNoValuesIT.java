package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing write of the link job's sinks must not carry the record into the exception (and so into
 * the log): with PgJDBC's defaults it does, both the batch entry's parameters and the server's
 * failing-row detail.
 */
class DatabaseErrorsCarryNoValuesIT {
  private static final String CANARY = "CANARY-Q7Z3-attribute-value";

  @TempDir Path dir;

  @Test
  void aFailingBatchNamesNoValueWithTheSinksSettings() throws Exception {
    try (EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO))) {
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
        c.createStatement().execute("CREATE TABLE t (v text NOT NULL CHECK (v NOT LIKE 'CAN%'))");
      }
      Properties defaults = new Properties();
      defaults.setProperty("user", pg.user());
      defaults.setProperty("password", pg.password());
      Properties sinks = new Properties();
      sinks.putAll(defaults);
      sinks.setProperty(LinkJob.HIDE_VALUES_IN_ERRORS, "false");

      assertThat(messages(failingBatch(pg.jdbcUrl(), defaults)))
          .as("PgJDBC's defaults, so that this test can fail")
          .contains(CANARY);
      String withSinkSettings = messages(failingBatch(pg.jdbcUrl(), sinks));
      assertThat(withSinkSettings).contains("violates check constraint").doesNotContain(CANARY);
      assertThat(messages(failingNul(pg.jdbcUrl(), sinks))).doesNotContain(CANARY);
    }
  }

  private static Throwable failingBatch(String url, Properties p) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, p);
        PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
      ps.setString(1, "fine");
      ps.addBatch();
      ps.setString(1, CANARY);
      ps.addBatch();
      return catchThrowable(ps::executeBatch);
    }
  }

  private static Throwable failingNul(String url, Properties p) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, p);
        PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
      ps.setString(1, "x\u0000" + CANARY);
      ps.addBatch();
      return catchThrowable(ps::executeBatch);
    }
  }

  /** Every message in the chain and in JDBC's next-exception chain, as a log would print. */
  private static String messages(Throwable t) {
    assertThat(t).isNotNull();
    StringBuilder b = new StringBuilder();
    for (Throwable x = t; x != null; x = x.getCause()) {
      b.append(x).append('\n');
      if (x instanceof SQLException sql) {
        for (SQLException n = sql.getNextException(); n != null; n = n.getNextException()) {
          b.append(n).append('\n');
        }
      }
    }
    return b.toString();
  }
}
