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
}
