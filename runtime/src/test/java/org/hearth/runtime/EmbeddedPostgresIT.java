package org.hearth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both ways of starting the real PostgreSQL server, each checked to run unprivileged. */
class EmbeddedPostgresIT {

  @Test
  void defaultPathStartsARealServer(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO))) {
      roundTrip(pg);
      if (EmbeddedPostgresServer.isRoot()) {
        // checked while the connection is open: its backend process exits when it closes
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
          rs.next();
          long pid = rs.getLong(1);
          // as root the server must not be root inside its user namespace, or must be another uid
          assertThat(
                  !Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user"))
                          .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/user")))
                      || uidOf(pid) != 0)
              .as("the server runs unprivileged")
              .isTrue();
        }
      }
    }
  }

  @Test
  void setprivFallbackRunsTheServerAsAnUnprivilegedUid(@TempDir Path dir) throws Exception {
    assumeThat(EmbeddedPostgresServer.isRoot())
        .as("the setpriv fallback exists for root; this JVM is not root")
        .isTrue();
    try (EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.SETPRIV))) {
      assertThat(pg.launcher()).isEqualTo(PostgresLauncher.SETPRIV);
      roundTrip(pg);
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        assertThat(uidOf(rs.getLong(1))).as("uid of the backend process").isNotZero();
      }
    }
  }

  @Test
  void everyLoginNeedsTheGeneratedPasswordWhichOnlyItsOwnerCanRead(@TempDir Path dir)
      throws Exception {
    var settings = EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO);
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(settings)) {
      Path file = dir.resolve("postgres").resolve(EmbeddedPostgresServer.PASSWORD_FILE);
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(file).strip()).isEqualTo(pg.password()).hasSize(48);
      for (String wrong : new String[] {"", "postgres", "trust"}) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), wrong).close())
            .isInstanceOf(java.sql.SQLException.class)
            .hasMessageContaining("password");
      }
      // the Unix socket too: no trust for local connections
      assertThat(Files.readString(hbaFile(pg))).doesNotContain("trust");
      roundTrip(pg);
    }
  }

  private static Path hbaFile(EmbeddedPostgresServer pg) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW hba_file")) {
      rs.next();
      return Path.of(rs.getString(1));
    }
  }

  @Test
  void whatAKilledRunLeftInTheDataDirectoryDoesNotStopTheNextStart(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("postgres").resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("PG_VERSION"), "17\n");
    Files.writeString(data.resolve("postmaster.pid"), "99999\n");
    try (EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(
            EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO))) {
      roundTrip(pg);
    }
  }

  @Test
  void aSecondStartInTheSameDirectoryWorks(@TempDir Path dir) throws Exception {
    var settings = EmbeddedPostgresServer.Settings.under(dir, PostgresLauncher.AUTO);
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(settings)) {
      roundTrip(pg);
    }
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(settings)) {
      roundTrip(pg);
    }
  }

  /** Writes and reads a row; returns the backend's process id. */
  private static long roundTrip(EmbeddedPostgresServer pg) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id int primary key, v text)");
      s.execute("INSERT INTO t VALUES (1, 'one')");
      try (ResultSet rs = s.executeQuery("SELECT v, pg_backend_pid() FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("one");
        return rs.getLong(2);
      }
    }
  }

  private static int uidOf(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Uid:")) {
        return Integer.parseInt(line.split("\\s+")[1]);
      }
    }
    throw new AssertionError("no Uid line for " + pid);
  }
}
