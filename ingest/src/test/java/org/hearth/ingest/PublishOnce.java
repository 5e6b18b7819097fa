package org.hearth.ingest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;

/** A separate JVM for the crash test: publishes one file and dies just before committing it. */
public final class PublishOnce {
  public static void main(String[] a) {
    Path county = Path.of(a[0]);
    Path file = Path.of(a[1]);
    try (ExtractPublisher p =
        new ExtractPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, a[2]), a[3])) {
      Fixtures.agent(county, a[4], a[5], Path.of(a[6]))
          .beforeCommit(
              () -> {
                System.out.flush();
                Runtime.getRuntime().halt(137);
              })
          .run(file, Optional.of(p), n -> {});
    }
  }
}
