package org.hearth.runtime;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the binaries shipped on Maven Central (zonky, linux-amd64).
 *
 * <p>PostgreSQL refuses to run as root. zonky's launcher copes by running the server in a user
 * namespace ({@code unshare -U}); where user namespaces are unavailable, {@link
 * PostgresLauncher#SETPRIV} runs {@code initdb} and {@code pg_ctl} through {@code setpriv} as an
 * unprivileged uid instead. Either way the server listens on 127.0.0.1 only and keeps its data
 * under the work directory, which is wiped at every start.
 *
 * <p>Both launchers create the cluster with trust authentication. Before anyone else can connect,
 * the server is given a generated superuser password, its {@code pg_hba.conf} is rewritten to ask
 * every connection (local socket and loopback alike) for a SCRAM-SHA-256 password, and the
 * configuration is reloaded; the password is written to {@link #PASSWORD_FILE} beside the data,
 * readable by its owner only. Another OS user on the machine then gets nothing without it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  public static final String DATABASE = "hearth";
  public static final String SUPERUSER = "postgres";

  /** Where the server lives, its port (0 picks one) and how it is launched. */
  public record Settings(Path baseDir, int port, PostgresLauncher launcher) {
    public static Settings under(Path workDir, PostgresLauncher launcher) {
      return new Settings(workDir.resolve("postgres"), 0, launcher);
    }
  }

  /** The superuser's generated password, mode 600, under the server's base directory. */
  public static final String PASSWORD_FILE = "superuser.password";

  private final int port;
  private final PostgresLauncher launcher;
  private final AutoCloseable stopper;
  private String password = "";

  private EmbeddedPostgresServer(int port, PostgresLauncher launcher, AutoCloseable stopper) {
    this.port = port;
    this.launcher = launcher;
    this.stopper = stopper;
  }

  public static EmbeddedPostgresServer start(Settings settings) {
    requireSupportedPlatform();
    int port = settings.port() == 0 ? Ports.freeLoopbackPort() : settings.port();
    Ports.requireFree(port, "the embedded PostgreSQL server");
    PostgresLauncher launcher = resolve(settings.launcher());
    Path base = WorkDirectory.prepare(settings.baseDir(), "");
    EmbeddedPostgresServer server =
        switch (launcher) {
          case ZONKY -> startWithZonky(base, port);
          case SETPRIV -> startWithSetpriv(base, port);
          case AUTO -> throw new IllegalStateException("AUTO is resolved above");
        };
    server.createDatabase();
    server.requirePasswords(base.resolve(PASSWORD_FILE));
    LOG.info("embedded PostgreSQL ready on 127.0.0.1:{} (launcher {})", port, launcher);
    return server;
  }

  static void requireSupportedPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new HearthException(
          "the embedded PostgreSQL server ships for Linux x86-64 only, not "
              + os
              + "/"
              + arch
              + "; point Hearth at a PostgreSQL server with "
              + HearthConfigLoader.PG_JDBC_URL
              + " (or HEARTH_POSTGRES_JDBC_URL)");
    }
  }

  /** AUTO: zonky unless we are root and user namespaces are unavailable. */
  static PostgresLauncher resolve(PostgresLauncher requested) {
    if (requested != PostgresLauncher.AUTO) {
      return requested;
    }
    if (!isRoot() || userNamespacesAvailable()) {
      return PostgresLauncher.ZONKY;
    }
    LOG.info("running as root without user namespaces: starting PostgreSQL through setpriv");
    return PostgresLauncher.SETPRIV;
  }

  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  static boolean userNamespacesAvailable() {
    return run(List.of("unshare", "-U", "true"), null) == 0;
  }

  private static EmbeddedPostgresServer startWithZonky(Path base, int port) {
    try {
      Path log = base.resolve("postgres.log");
      Path binaries = WorkDirectory.prepare(base, "zonky");
      // a run that was killed leaves its data behind, and initdb refuses a non-empty directory
      WorkDirectory.deleteTree(base.resolve("data"));
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(base.resolve("data"))
              .setCleanDataDirectory(true)
              .setOverrideWorkingDirectory(binaries.toFile())
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "60")
              .setServerConfig("fsync", "off")
              .setOutputRedirector(Redirect.appendTo(log.toFile()))
              .setErrorRedirector(Redirect.appendTo(log.toFile()))
              .setRegisterShutdownHook(false)
              .start();
      return new EmbeddedPostgresServer(port, PostgresLauncher.ZONKY, pg);
    } catch (IOException | RuntimeException e) {
      throw new HearthException(
          "the embedded PostgreSQL server did not start ("
              + e.getMessage()
              + "); see "
              + base.resolve("postgres.log")
              + ", or set "
              + HearthConfigLoader.PG_LAUNCHER
              + "=setpriv",
          e);
    }
  }

  private static EmbeddedPostgresServer startWithSetpriv(Path base, int port) {
    if (run(List.of("setpriv", "--version"), null) != 0) {
      throw new HearthException(
          "PostgreSQL cannot run as root and neither user namespaces nor setpriv (util-linux) are"
              + " available; run Hearth as another user or set "
              + HearthConfigLoader.PG_JDBC_URL);
    }
    int uid = unprivilegedUid();
    Path home = traversableBy(base, uid);
    Path bin = extractBinaries(home.resolve("pgsql"));
    Path data = home.resolve("data");
    WorkDirectory.deleteTree(data);
    try {
      Files.createDirectories(data);
      Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
      Files.setAttribute(data, "unix:uid", uid);
      Files.setAttribute(data, "unix:gid", uid);
    } catch (IOException e) {
      throw new HearthException("could not prepare " + data + ": " + e.getMessage(), e);
    }
    Path log = base.resolve("postgres.log");
    List<String> asUser =
        List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--");
    List<String> initdb = new ArrayList<>(asUser);
    initdb.addAll(
        List.of(
            bin.resolve("bin/initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"));
    if (run(initdb, log) != 0) {
      throw new HearthException("initdb failed under setpriv; see " + log);
    }
    List<String> pgCtl = new ArrayList<>(asUser);
    pgCtl.addAll(
        List.of(
            bin.resolve("bin/pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            data.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + port
                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                + data
                + " -c fsync=off -c max_connections=60",
            "start"));
    if (run(pgCtl, log) != 0) {
      throw new HearthException("PostgreSQL did not start under setpriv; see " + log);
    }
    List<String> stop = new ArrayList<>(asUser);
    stop.addAll(
        List.of(
            bin.resolve("bin/pg_ctl").toString(),
            "-D",
            data.toString(),
            "-m",
            "fast",
            "-w",
            "stop"));
    return new EmbeddedPostgresServer(port, PostgresLauncher.SETPRIV, () -> run(stop, log));
  }

  /** The uid of 'nobody', which initdb can look up, or 65534. */
  private static int unprivilegedUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":");
        if (f.length > 3 && f[0].equals("nobody")) {
          return Integer.parseInt(f[2]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return 65534;
  }

  /**
   * The unprivileged user must reach its data through every parent directory; /root is not
   * traversable, so fall back to a private directory under the system temp directory.
   */
  private static Path traversableBy(Path base, int uid) {
    Path probe = base.resolve("setpriv");
    try {
      Files.createDirectories(probe);
      Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new HearthException("could not prepare " + probe + ": " + e.getMessage(), e);
    }
    List<String> test =
        List.of(
            "setpriv",
            "--reuid=" + uid,
            "--regid=" + uid,
            "--clear-groups",
            "--",
            "test",
            "-x",
            probe.toString());
    if (run(test, null) == 0) {
      return probe;
    }
    try {
      Path tmp = Files.createTempDirectory("hearth-pg-");
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      LOG.info("{} is not reachable by uid {}; PostgreSQL runs from {}", base, uid, tmp);
      return tmp;
    } catch (IOException e) {
      throw new HearthException("could not create a directory for PostgreSQL: " + e, e);
    }
  }

  /** Unpacks the Maven-shipped PostgreSQL binaries once; a marker file says it finished. */
  static Path extractBinaries(Path target) {
    Path done = target.resolve(".extracted");
    if (Files.exists(done)) {
      return target;
    }
    WorkDirectory.deleteTree(target);
    try (InputStream raw = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
      Files.createDirectories(target);
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path out = target.resolve(e.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new IOException("archive entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.deleteIfExists(out);
          Files.createSymbolicLink(out, Path.of(e.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(
              out,
              PosixFilePermissions.fromString(
                  (e.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
      try (var paths = Files.walk(target)) {
        for (Path d : (Iterable<Path>) paths::iterator) {
          if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
      Files.createFile(done);
      return target;
    } catch (IOException e) {
      throw new HearthException("could not unpack the PostgreSQL binaries: " + e.getMessage(), e);
    }
  }

  private static int run(List<String> command, Path log) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      if (log == null) {
        pb.redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD);
      } else {
        pb.redirectOutput(Redirect.appendTo(log.toFile())).redirectErrorStream(true);
      }
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Gives the superuser a generated password, makes the server ask every connection for one, and
   * writes it to {@code file} (mode 600). The server writes its own {@code pg_hba.conf}, so the
   * file keeps the server's owner whichever launcher ran it.
   */
  private void requirePasswords(Path file) {
    byte[] random = new byte[24];
    new java.security.SecureRandom().nextBytes(random);
    String secret = java.util.HexFormat.of().formatHex(random);
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
        Statement s = c.createStatement()) {
      s.execute("SET password_encryption = 'scram-sha-256'");
      s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + secret + "'");
      s.execute(
          "COPY (SELECT unnest(ARRAY["
              + "'local all all scram-sha-256',"
              + "'host all all 127.0.0.1/32 scram-sha-256',"
              + "'host all all ::1/128 scram-sha-256'])) TO '"
              + hbaFile(s)
              + "'");
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new HearthException(
          "could not require passwords on the embedded PostgreSQL: " + e.getMessage(), e);
    }
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n");
    } catch (IOException e) {
      throw new HearthException("could not write " + file + ": " + e.getMessage(), e);
    }
    password = secret;
  }

  private static String hbaFile(Statement s) throws SQLException {
    try (var rs = s.executeQuery("SHOW hba_file")) {
      rs.next();
      String path = rs.getString(1);
      if (path.contains("'")) {
        throw new SQLException("unexpected hba_file path");
      }
      return path;
    }
  }

  private void createDatabase() {
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new HearthException("could not create the hearth database: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** The launcher actually used (AUTO resolved). */
  public PostgresLauncher launcher() {
    return launcher;
  }

  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String user() {
    return SUPERUSER;
  }

  /** The superuser's password: every connection needs it. */
  public String password() {
    return password;
  }

  @Override
  public void close() {
    try {
      stopper.close();
    } catch (Exception e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly", e);
    }
  }

  /** For tests that check the server really runs unprivileged. */
  static File dataDirectoryOf(Path base) {
    return base.resolve("data").toFile();
  }
}
