package org.hearth.analytics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The analysts' database: connection pools and the Flyway migrations that define it. */
public final class Database {
  private Database() {}

  /** A small pool; the link job's sink keeps its own connections. */
  public static HikariDataSource pool(String jdbcUrl, String user, String password) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(4);
    c.setPoolName("hearth");
    c.setInitializationFailTimeout(10_000);
    return new HikariDataSource(c);
  }

  /** Brings the schema up to date; returns how many migrations ran. */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, null);
  }

  /** Brings the schema up to a version (null: the latest); returns how many migrations ran. */
  public static int migrate(DataSource dataSource, String version) {
    var flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .createSchemas(true)
            .schemas("hearth_meta");
    if (version != null) {
      flyway.target(version);
    }
    MigrateResult result = flyway.load().migrate();
    return result.migrationsExecuted;
  }

  /** Work on a connection that may fail with an SQL error. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run() throws SQLException;
  }

  /**
   * Runs the work in one transaction: committed when it returns, rolled back when it throws, and
   * the connection's auto-commit left as it was.
   */
  public static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** A published count, or SQL null where it is suppressed. */
  public static void setCount(PreparedStatement st, int index, OptionalLong count)
      throws SQLException {
    if (count.isPresent()) {
      st.setLong(index, count.getAsLong());
    } else {
      st.setNull(index, Types.INTEGER);
    }
  }
}
