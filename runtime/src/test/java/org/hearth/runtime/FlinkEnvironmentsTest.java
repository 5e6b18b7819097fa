package org.hearth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkEnvironmentsTest {
  @TempDir Path dir;

  @Test
  void aSavepointToRestoreFromReachesTheJobsConfiguration() {
    var flink =
        HearthConfig.Flink.embedded(1, HearthConfig.StateBackend.HASHMAP, Duration.ofSeconds(2));
    var restored =
        FlinkEnvironments.create(flink, dir, List.of(), Optional.of("file:///savepoints/sp-1"));
    var fresh = FlinkEnvironments.create(flink, dir, List.of());

    assertThat(restored.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH))
        .contains("file:///savepoints/sp-1");
    assertThat(fresh.getConfiguration().getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
  }

  @Test
  void aClusterJobKeepsItsCheckpointsOnCancelAndGetsItsCheckpointUriIntact() throws Exception {
    try (var rest = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      var flink =
          new HearthConfig.Flink(
              Optional.of("127.0.0.1:" + rest.getLocalPort()),
              2,
              HearthConfig.StateBackend.ROCKSDB,
              Duration.ofSeconds(2),
              Optional.of("s3://hearth-checkpoints/link"),
              Optional.empty());
      var env = FlinkEnvironments.create(flink, dir, List.of());
      assertThat(
              env.getConfiguration()
                  .get(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY))
          .isEqualTo("s3://hearth-checkpoints/link");
      assertThat(env.getCheckpointConfig().getExternalizedCheckpointRetention())
          .isEqualTo(
              org.apache.flink.configuration.ExternalizedCheckpointRetention
                  .RETAIN_ON_CANCELLATION);
    }
  }

  @Test
  void aClusterJobTakesTheClustersDefaultParallelismUnlessOneIsSet() throws Exception {
    // a JobManager's REST endpoint, as far as GET /jobmanager/config goes
    var server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jobmanager/config",
        exchange -> {
          byte[] body =
              "[{\"key\":\"rest.port\",\"value\":\"8081\"},{\"key\":\"parallelism.default\",\"value\":\"3\"}]"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      Optional<String> address = Optional.of("127.0.0.1:" + server.getAddress().getPort());
      var unset =
          new HearthConfig.Flink(
              address,
              java.util.OptionalInt.empty(),
              HearthConfig.StateBackend.ROCKSDB,
              Duration.ofSeconds(2),
              Optional.empty(),
              Optional.empty());
      var set =
          new HearthConfig.Flink(
              address,
              6,
              HearthConfig.StateBackend.ROCKSDB,
              Duration.ofSeconds(2),
              Optional.empty(),
              Optional.empty());

      // not Flink's client default (1), which is what a job got when it asked for none
      assertThat(FlinkEnvironments.create(unset, dir, List.of()).getParallelism()).isEqualTo(3);
      assertThat(FlinkEnvironments.create(set, dir, List.of()).getParallelism()).isEqualTo(6);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aMiniClusterRunsWithTheDefaultParallelismUnlessOneIsSet() {
    var unset =
        new HearthConfig.Flink(
            Optional.empty(),
            java.util.OptionalInt.empty(),
            HearthConfig.StateBackend.HASHMAP,
            Duration.ofSeconds(2),
            Optional.empty(),
            Optional.empty());
    assertThat(FlinkEnvironments.create(unset, dir, List.of()).getParallelism())
        .isEqualTo(HearthConfig.Flink.DEFAULT_PARALLELISM);
  }
}
