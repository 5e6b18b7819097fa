package org.hearth.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.hearth.runtime.HearthConfig.Flink;
import org.hearth.runtime.HearthConfig.Kafka;
import org.hearth.runtime.HearthConfig.Postgres;
import org.hearth.runtime.HearthConfig.PostgresLauncher;
import org.hearth.runtime.HearthConfig.Secret;
import org.hearth.runtime.HearthConfig.StateBackend;

/**
 * The one place configuration is read: defaults, then a properties file, then environment variables
 * ({@code hearth.kafka.bootstrap-servers} is {@code HEARTH_KAFKA_BOOTSTRAP_SERVERS}). Kafka client
 * settings (security protocol, SASL, TLS) pass through under {@code hearth.kafka.client.}, e.g.
 * {@code hearth.kafka.client.security.protocol=SASL_SSL}.
 */
public final class HearthConfigLoader {
  public static final String WORK_DIR = "hearth.work-dir";
  public static final String KAFKA_BOOTSTRAP = "hearth.kafka.bootstrap-servers";
  public static final String KAFKA_CLIENT_PREFIX = "hearth.kafka.client.";
  public static final String PG_JDBC_URL = "hearth.postgres.jdbc-url";
  public static final String PG_USER = "hearth.postgres.user";
  public static final String PG_PASSWORD = "hearth.postgres.password";
  public static final String PG_LAUNCHER = "hearth.postgres.launcher";
  public static final String FLINK_REST = "hearth.flink.rest-address";
  public static final String FLINK_PARALLELISM = "hearth.flink.parallelism";
  public static final String FLINK_STATE_BACKEND = "hearth.flink.state-backend";
  public static final String FLINK_CHECKPOINT_INTERVAL = "hearth.flink.checkpoint-interval";
  public static final String FLINK_CHECKPOINT_DIR = "hearth.flink.checkpoint-dir";
  public static final String FLINK_JOB_JAR = "hearth.flink.job-jar";

  private HearthConfigLoader() {}

  /** Defaults and the process environment, plus the file when one is given. */
  public static HearthConfig load(Optional<Path> file) {
    return load(file, System.getenv(), Map.of());
  }

  /**
   * @param overrides settings that win over everything else (command-line options)
   */
  public static HearthConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> s = new TreeMap<>();
    if (file.isPresent()) {
      s.putAll(readFile(file.get()));
    }
    env.forEach(
        (k, v) -> {
          if (isSetting(k)) {
            s.put(envToKey(k), v);
          }
        });
    s.putAll(overrides);
    return fromSettings(s);
  }

  /**
   * Whether an environment variable is a setting: {@code HEARTH_WORK_DIR} and the {@code
   * HEARTH_KAFKA_}, {@code HEARTH_POSTGRES_} and {@code HEARTH_FLINK_} families. Other {@code
   * HEARTH_} variables belong to other readers (the launcher's {@code HEARTH_JAVA_OPTS}, key
   * passwords, the deployment scripts'), so they must not be refused here; a misspelt setting
   * inside a family still is.
   */
  static boolean isSetting(String env) {
    return env.equals("HEARTH_WORK_DIR")
        || env.startsWith("HEARTH_KAFKA_")
        || env.startsWith("HEARTH_POSTGRES_")
        || env.startsWith("HEARTH_FLINK_");
  }

  static String envToKey(String env) {
    String rest = env.substring("HEARTH_".length()).toLowerCase(Locale.ROOT);
    if (rest.startsWith("kafka_client_")) {
      // Kafka's own keys use dots: HEARTH_KAFKA_CLIENT_SASL_MECHANISM -> sasl.mechanism
      return KAFKA_CLIENT_PREFIX + rest.substring("kafka_client_".length()).replace('_', '.');
    }
    for (String group : new String[] {"kafka_", "postgres_", "flink_"}) {
      if (rest.startsWith(group)) {
        return "hearth."
            + group.substring(0, group.length() - 1)
            + "."
            + rest.substring(group.length()).replace('_', '-');
      }
    }
    return "hearth." + rest.replace('_', '-');
  }

  private static Map<String, String> readFile(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("configuration file " + file + " cannot be read");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("configuration file " + file + " is not a valid properties file");
    }
    Map<String, String> m = new HashMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
    return m;
  }

  static HearthConfig fromSettings(Map<String, String> s) {
    for (String key : s.keySet()) {
      if (!key.startsWith(KAFKA_CLIENT_PREFIX) && !KNOWN.containsKey(key)) {
        throw new ConfigException(
            "unknown setting '" + key + "'; known settings: " + String.join(", ", KNOWN.keySet()));
      }
    }
    Path workDir = Path.of(s.getOrDefault(WORK_DIR, "hearth-work")).toAbsolutePath();
    Map<String, String> client = new TreeMap<>();
    s.forEach(
        (k, v) -> {
          if (k.startsWith(KAFKA_CLIENT_PREFIX)) {
            client.put(k.substring(KAFKA_CLIENT_PREFIX.length()), v);
          }
        });
    Optional<String> bootstrap = nonBlank(s.get(KAFKA_BOOTSTRAP));
    bootstrap.ifPresent(b -> requireHostPorts(KAFKA_BOOTSTRAP, b));
    if (bootstrap.isEmpty() && !client.isEmpty()) {
      throw new ConfigException(
          KAFKA_CLIENT_PREFIX + "* settings need " + KAFKA_BOOTSTRAP + " (an external Kafka)");
    }
    Optional<String> jdbcUrl = nonBlank(s.get(PG_JDBC_URL));
    jdbcUrl.ifPresent(
        u -> {
          if (!u.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(PG_JDBC_URL + " must start with jdbc:postgresql://");
          }
        });
    Postgres pg =
        new Postgres(
            jdbcUrl,
            s.getOrDefault(PG_USER, "hearth"),
            new Secret(s.getOrDefault(PG_PASSWORD, "")),
            parseEnum(PG_LAUNCHER, s.getOrDefault(PG_LAUNCHER, "auto"), PostgresLauncher.class));
    Optional<String> rest = nonBlank(s.get(FLINK_REST));
    rest.ifPresent(r -> requireHostPorts(FLINK_REST, r));
    // unset, a cluster's own parallelism.default applies (a MiniCluster's is Flink.DEFAULT_...)
    java.util.OptionalInt parallelism = java.util.OptionalInt.empty();
    if (nonBlank(s.get(FLINK_PARALLELISM)).isPresent()) {
      int p = parseInt(FLINK_PARALLELISM, s.get(FLINK_PARALLELISM).trim());
      if (p < 1 || p > 1024) {
        throw new ConfigException(FLINK_PARALLELISM + " must be between 1 and 1024");
      }
      parallelism = java.util.OptionalInt.of(p);
    }
    Duration interval = parseDuration(s.getOrDefault(FLINK_CHECKPOINT_INTERVAL, "PT2S"));
    Flink flink =
        new Flink(
            rest,
            parallelism,
            parseEnum(
                FLINK_STATE_BACKEND,
                s.getOrDefault(FLINK_STATE_BACKEND, "hashmap"),
                StateBackend.class),
            interval,
            nonBlank(s.get(FLINK_CHECKPOINT_DIR)).map(HearthConfigLoader::checkpointUri),
            nonBlank(s.get(FLINK_JOB_JAR)).map(Path::of));
    return new HearthConfig(workDir, new Kafka(bootstrap, Map.copyOf(client)), pg, flink);
  }

  private static final Map<String, String> KNOWN =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(WORK_DIR, "directory for embedded data, logs and audit copies"),
              Map.entry(KAFKA_BOOTSTRAP, "external Kafka bootstrap servers"),
              Map.entry(PG_JDBC_URL, "external PostgreSQL JDBC URL"),
              Map.entry(PG_USER, "PostgreSQL user"),
              Map.entry(PG_PASSWORD, "PostgreSQL password"),
              Map.entry(PG_LAUNCHER, "auto, zonky or setpriv"),
              Map.entry(FLINK_REST, "Flink cluster REST address host:port"),
              Map.entry(FLINK_PARALLELISM, "Flink parallelism"),
              Map.entry(FLINK_STATE_BACKEND, "hashmap or rocksdb"),
              Map.entry(FLINK_CHECKPOINT_INTERVAL, "ISO-8601 duration, e.g. PT2S"),
              Map.entry(FLINK_CHECKPOINT_DIR, "checkpoint directory or URI"),
              Map.entry(FLINK_JOB_JAR, "the link job jar shipped to a Flink cluster")));

  /**
   * A checkpoint location as the cluster must see it: a URI passes through untouched (a Path would
   * fold {@code file:///x} into the relative {@code file:/x}, and every TaskManager would then look
   * under its own working directory); a bare path becomes an absolute {@code file:} URI.
   */
  static String checkpointUri(String v) {
    if (v.matches("[A-Za-z][A-Za-z0-9+.-]*:/.*")) {
      return v;
    }
    // without the trailing slash toUri() adds only when the folder happens to exist
    return Path.of(v).toAbsolutePath().normalize().toUri().toString().replaceAll("(?<=.)/$", "");
  }

  private static Optional<String> nonBlank(String v) {
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static void requireHostPorts(String key, String value) {
    for (String hp : value.split(",")) {
      String t = hp.trim();
      int colon = t.lastIndexOf(':');
      if (colon <= 0 || colon == t.length() - 1) {
        throw new ConfigException(key + " must be host:port[,host:port...], was '" + value + "'");
      }
      parseInt(key, t.substring(colon + 1));
    }
  }

  private static int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, was '" + v + "'");
    }
  }

  private static Duration parseDuration(String v) {
    try {
      Duration d = Duration.parse(v.trim());
      if (d.isNegative() || d.isZero()) {
        throw new ConfigException(FLINK_CHECKPOINT_INTERVAL + " must be positive");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          FLINK_CHECKPOINT_INTERVAL
              + " must be an ISO-8601 duration such as PT2S, was '"
              + v
              + "'");
    }
  }

  private static <E extends Enum<E>> E parseEnum(String key, String v, Class<E> type) {
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new ConfigException(key + " must be one of " + allowed + ", was '" + v + "'");
    }
  }
}
