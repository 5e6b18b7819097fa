package org.hearth.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfigLoader;
import picocli.CommandLine.Option;

/** Options every command that touches the platform shares. */
final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file with hearth.* settings (environment variables HEARTH_* win).")
  Path config;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Directory for embedded data and logs (default: ./hearth-work).")
  Path workDir;

  @Option(names = "--verbose", description = "Show stack traces of failures.")
  boolean verbose;

  HearthConfig load() {
    Map<String, String> overrides = new HashMap<>();
    if (workDir != null) {
      overrides.put(HearthConfigLoader.WORK_DIR, workDir.toString());
    }
    return HearthConfigLoader.load(Optional.ofNullable(config), System.getenv(), overrides);
  }

  /**
   * The {@code --scale} value. The embedded pipeline commands refuse county: it is for {@code
   * hearth generate} and the benchmarks.
   */
  static org.hearth.synthetic.Scale scale(String value, boolean countyAllowed) {
    String allowed = countyAllowed ? "ward, district or county" : "ward or district";
    org.hearth.synthetic.Scale s;
    try {
      s = org.hearth.synthetic.Scale.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new org.hearth.runtime.ConfigException("--scale must be " + allowed);
    }
    if (s == org.hearth.synthetic.Scale.COUNTY && !countyAllowed) {
      throw new org.hearth.runtime.ConfigException(
          "--scale county is for hearth generate and benchmarks; this command runs " + allowed);
    }
    return s;
  }

  /**
   * A pool on the configured (not embedded) database, for commands that work on an existing
   * platform's tables; {@code needs} completes the message when none is configured.
   */
  /** What a command does with one connection to the configured database. */
  interface DatabaseWork {
    void run(java.sql.Connection c) throws Exception;
  }

  /**
   * Loads the settings, opens the configured database for the one piece of work and closes it: what
   * every reporting command does; {@code needs} names the command in the error when no database is
   * configured.
   */
  void withDatabase(String needs, DatabaseWork work) throws Exception {
    try (var pool = configuredDatabase(load(), needs);
        java.sql.Connection c = pool.getConnection()) {
      work.run(c);
    }
  }

  static com.zaxxer.hikari.HikariDataSource configuredDatabase(HearthConfig config, String needs) {
    String jdbc =
        config
            .postgres()
            .jdbcUrl()
            .orElseThrow(
                () ->
                    new org.hearth.runtime.ConfigException(
                        needs + ": set hearth.postgres.jdbc-url"));
    return org.hearth.analytics.Database.pool(
        jdbc, config.postgres().user(), config.postgres().password().value());
  }
}
