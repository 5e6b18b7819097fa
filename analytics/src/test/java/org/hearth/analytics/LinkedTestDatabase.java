package org.hearth.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.HearthConfig.PostgresLauncher;

/**
 * A real PostgreSQL server holding the analysts' schema, for tests that write linked rows as the
 * link job would and read them back as the roles analysts log in with.
 */
public final class LinkedTestDatabase implements AutoCloseable {
  /** The password tests give the login roles they create: the server asks every login for one. */
  public static final String ROLE_PASSWORD = "test-role-password";

  private final EmbeddedPostgresServer pg;

  private LinkedTestDatabase(EmbeddedPostgresServer pg) {
    this.pg = pg;
  }

  /** A server with the schema up to the given version (null: the latest). */
  public static LinkedTestDatabase start(Path dir, String version) {
    EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO));
    LinkedTestDatabase db = new LinkedTestDatabase(pg);
    db.migrate(version);
    return db;
  }

  public static LinkedTestDatabase start(Path dir) {
    return start(dir, null);
  }

  public void migrate(String version) {
    try (var pool = Database.pool(pg.jdbcUrl(), pg.user(), pg.password())) {
      Database.migrate(pool, version);
    }
  }

  /** The schema's owner (a superuser): writes as the pipeline would. */
  public Connection owner() throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  /** A login role, as an analyst would connect. */
  public Connection as(String role) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), role, ROLE_PASSWORD);
  }

  /** One row of linked.contributions as the link job writes it (extract 'x', sequence 0). */
  public record Row(
      String recordId,
      String partner,
      String dataset,
      String household,
      String person,
      String attributesJson) {}

  public void contribution(
      String recordId,
      String partner,
      String dataset,
      String household,
      String person,
      String attributesJson)
      throws SQLException {
    contributions(List.of(new Row(recordId, partner, dataset, household, person, attributesJson)));
  }

  public void contributions(List<Row> rows) throws SQLException {
    try (Connection c = owner();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO linked.contributions (record_id, partner, dataset, extract_id,"
                    + " sequence, household_id, person_id, attributes)"
                    + " VALUES (?, ?, ?, 'x', 0, ?, ?, ?::jsonb)")) {
      for (Row r : rows) {
        st.setString(1, r.recordId());
        st.setString(2, r.partner());
        st.setString(3, r.dataset());
        st.setString(4, r.household());
        st.setString(5, r.person());
        st.setString(6, r.attributesJson());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /** A Hearth configuration file pointing at this server as its owner. */
  public Path configFile(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("hearth.properties"),
        "hearth.postgres.jdbc-url="
            + pg.jdbcUrl()
            + "\nhearth.postgres.user="
            + pg.user()
            + "\nhearth.postgres.password="
            + pg.password()
            + "\n");
  }

  public void execute(String sql) throws SQLException {
    try (Connection c = owner();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of the first row, as a number. */
  public static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    pg.close();
  }
}
