package org.hearth.analytics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
    MigrateResult result =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .createSchemas(true)
            .schemas("hearth_meta")
            .load()
            .migrate();
    return result.migrationsExecuted;
  }
}
