package org.hearth.link;

import java.io.Serializable;
import java.util.Map;

/**
 * Where the link job reads and writes. {@code bounded} stops the job at the offsets that were
 * latest when it started (the demo and tests); unbounded it runs until cancelled.
 */
public record LinkSettings(
    String bootstrapServers,
    Map<String, String> kafkaClientProperties,
    String consumerGroup,
    boolean bounded,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword)
    implements Serializable {
  @Override
  public String toString() {
    return "LinkSettings[bootstrap=" + bootstrapServers + ", jdbc=" + jdbcUrl + "]";
  }
}
