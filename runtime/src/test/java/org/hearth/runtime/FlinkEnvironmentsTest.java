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
}
