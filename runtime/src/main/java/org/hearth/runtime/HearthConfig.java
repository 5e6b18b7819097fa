package org.hearth.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything Hearth needs to know about where it runs. Each component is embedded unless an
 * external endpoint is configured. Loaded and validated only by {@link HearthConfigLoader}.
 */
public record HearthConfig(Path workDir, Kafka kafka, Postgres postgres, Flink flink) {

  /** Kafka: embedded broker unless bootstrap servers are given. */
  public record Kafka(Optional<String> bootstrapServers, Map<String, String> clientProperties) {
    public boolean embedded() {
      return bootstrapServers.isEmpty();
    }

    /** Client settings hold logins (the JAAS line, key store passwords): none reaches a log. */
    @Override
    public String toString() {
      Map<String, String> shown = new java.util.TreeMap<>();
      clientProperties.forEach(
          (k, v) -> shown.put(k, k.contains("jaas") || k.contains("password") ? "****" : v));
      return "Kafka[bootstrapServers=" + bootstrapServers + ", clientProperties=" + shown + "]";
    }
  }

  /** PostgreSQL: embedded server unless a JDBC URL is given. */
  public record Postgres(
      Optional<String> jdbcUrl, String user, Secret password, PostgresLauncher launcher) {
    public boolean embedded() {
      return jdbcUrl.isEmpty();
    }
  }

  /** How the embedded PostgreSQL server is started. */
  public enum PostgresLauncher {
    /** zonky's launcher, which runs as an unprivileged user in a user namespace when root. */
    ZONKY,
    /** initdb and postgres through setpriv as an unprivileged uid: root without namespaces. */
    SETPRIV,
    /** ZONKY unless running as root where user namespaces are unavailable. */
    AUTO
  }

  /** Flink: a MiniCluster in this JVM unless a cluster's REST address is given. */
  public record Flink(
      Optional<String> restAddress,
      /**
       * {@code hearth.flink.parallelism} when set. Unset, a job on a cluster takes the cluster's
       * {@code parallelism.default}, and a MiniCluster {@link #DEFAULT_PARALLELISM}.
       */
      OptionalInt parallelismSetting,
      StateBackend stateBackend,
      Duration checkpointInterval,
      /**
       * A URI the cluster resolves ({@code file:///…}, {@code s3://…}); a bare path is made one.
       */
      Optional<String> checkpointDir,
      Optional<Path> jobJar) {
    /** The MiniCluster's parallelism when none is set. */
    public static final int DEFAULT_PARALLELISM = 2;

    /** With the parallelism set. */
    public Flink(
        Optional<String> restAddress,
        int parallelism,
        StateBackend stateBackend,
        Duration checkpointInterval,
        Optional<String> checkpointDir,
        Optional<Path> jobJar) {
      this(
          restAddress,
          OptionalInt.of(parallelism),
          stateBackend,
          checkpointInterval,
          checkpointDir,
          jobJar);
    }

    public boolean embedded() {
      return restAddress.isEmpty();
    }

    /**
     * The parallelism set, or {@link #DEFAULT_PARALLELISM}: what a MiniCluster runs with. A job on
     * a cluster gets only a parallelism that is set ({@link #parallelismSetting}).
     */
    public int parallelism() {
      return parallelismSetting.orElse(DEFAULT_PARALLELISM);
    }

    /** An embedded MiniCluster with these settings and no job jar (tests). */
    public static Flink embedded(int parallelism, StateBackend backend, Duration interval) {
      return new Flink(
          Optional.empty(), parallelism, backend, interval, Optional.empty(), Optional.empty());
    }
  }

  public enum StateBackend {
    HASHMAP,
    ROCKSDB
  }

  /** A password or key that must never reach a log line or an exception message. */
  public record Secret(String value) {
    @Override
    public String toString() {
      return value.isEmpty() ? "Secret[empty]" : "Secret[****]";
    }
  }
}
