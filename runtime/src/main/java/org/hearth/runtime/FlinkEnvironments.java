package org.hearth.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink execution environments with exactly-once checkpointing: a MiniCluster in this JVM by
 * default, or a remote cluster's REST endpoint when configured.
 */
public final class FlinkEnvironments {
  static final String LOOPBACK = "127.0.0.1";

  private FlinkEnvironments() {}

  /**
   * @param jobJars jars shipped to a remote cluster (the link job jar); ignored when embedded
   */
  public static StreamExecutionEnvironment create(
      HearthConfig.Flink settings, Path workDir, List<Path> jobJars) {
    return create(settings, workDir, jobJars, java.util.Optional.empty());
  }

  /**
   * @param restoreFrom a savepoint (or retained checkpoint) the job starts from: how a new version
   *     of the link job takes over the state of the one stopped with a savepoint
   */
  public static StreamExecutionEnvironment create(
      HearthConfig.Flink settings,
      Path workDir,
      List<Path> jobJars,
      java.util.Optional<String> restoreFrom) {
    Configuration conf = new Configuration();
    restoreFrom.ifPresent(
        path -> conf.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, path));
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend().name().toLowerCase());
    // The resolver looks up many keys its state does not hold yet (a new record's match keys), in
    // a state larger than the block cache. Without a Bloom filter each such lookup reads the index
    // of every file, and with 4 KB blocks those indexes are large and evicted by data: measured,
    // the county's resolver read 470 MB/s of index blocks through the page cache and fell from
    // 1,300 to 80 records/s once its state outgrew the memtables. Partitioned indexes keep only
    // their top level in the cache; 16 KB blocks make the index a quarter of the size.
    conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
    conf.set(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, true);
    conf.set(RocksDBConfigurableOptions.BLOCK_SIZE, MemorySize.parse("16kb"));
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    String checkpoints =
        settings
            .checkpointDir()
            .orElseGet(
                () -> WorkDirectory.prepare(workDir, "flink/checkpoints").toUri().toString());
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints);
    // said explicitly: the job's own checkpoint settings replace the cluster's, and Flink's default
    // deletes the checkpoints on cancel, the one thing an operator restarting by hand needs
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (settings.embedded()) {
      conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.parallelism());
      // a small footprint on a 2-core developer machine; RocksDB gets what it needs from this
      conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("96m"));
      conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
      conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
      // The MiniCluster's REST endpoint has no authentication (anyone who reaches it can cancel
      // the job), and nothing outside this machine needs it: every port it opens is loopback-only.
      conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
      conf.set(RestOptions.ADDRESS, LOOPBACK);
      conf.set(JobManagerOptions.BIND_HOST, LOOPBACK);
      conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
      conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
      conf.set(TaskManagerOptions.HOST, LOOPBACK);
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), conf);
      return env;
    }
    String rest = settings.restAddress().orElseThrow();
    Ports.requireReachable(rest, "the Flink cluster's REST endpoint");
    int colon = rest.lastIndexOf(':');
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createRemoteEnvironment(
            rest.substring(0, colon),
            Integer.parseInt(rest.substring(colon + 1)),
            conf,
            jobJars.stream().map(Path::toString).toArray(String[]::new));
    env.setParallelism(
        settings.parallelismSetting().isPresent()
            ? settings.parallelismSetting().getAsInt()
            : clusterDefaultParallelism(rest));
    return env;
  }

  /**
   * The cluster's {@code parallelism.default}, from its REST endpoint. Left unset, a job would run
   * at the client's default (Flink's 1), not the cluster's: neither the client nor the JobManager
   * applies the cluster's setting to a job submitted over REST.
   */
  static int clusterDefaultParallelism(String rest) {
    String url = "http://" + rest + "/jobmanager/config";
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode());
      }
      for (JsonNode entry : new ObjectMapper().readTree(r.body())) {
        if (entry.path("key").asText().equals(CoreOptions.DEFAULT_PARALLELISM.key())) {
          return Integer.parseInt(entry.path("value").asText().trim());
        }
      }
      return CoreOptions.DEFAULT_PARALLELISM.defaultValue();
    } catch (IOException | NumberFormatException e) {
      throw new HearthException(
          "could not read the Flink cluster's parallelism.default from "
              + url
              + " ("
              + e.getMessage()
              + "): set hearth.flink.parallelism",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HearthException("interrupted while asking " + url, e);
    }
  }
}
