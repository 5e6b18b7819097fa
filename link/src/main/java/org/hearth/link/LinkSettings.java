package org.hearth.link;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.hearth.link.rekey.BundleSource;

/**
 * Where the link job reads and writes, and what it trusts. {@code bounded} stops the job at the
 * offsets that were latest when it started (the demo and tests), also when it starts from a
 * savepoint, and quarantines what is still incomplete then; unbounded it runs until cancelled.
 *
 * @param registryJson the partner registry (public): manifests are verified against it
 * @param bundle where tasks find the sealed re-key bundle and its password
 * @param project the project whose analyst ids the outputs carry
 * @param extractTimeout how long a manifest waits for missing records, or records for their missing
 *     manifest (from the last of them), before the extract is quarantined as incomplete
 * @param deleteOnArrival whether the partner topics are a landing zone, cleared up to the group's
 *     committed offsets after each completed checkpoint ({@link LandingZone}); then a run from
 *     scratch can no longer rebuild from them
 */
public record LinkSettings(
    String bootstrapServers,
    Map<String, String> kafkaClientProperties,
    String consumerGroup,
    boolean bounded,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String registryJson,
    BundleSource bundle,
    String project,
    Duration extractTimeout,
    boolean deleteOnArrival)
    implements Serializable {

  public static final String DEFAULT_PROJECT = "school-readiness";

  @Override
  public String toString() {
    return "LinkSettings[bootstrap="
        + bootstrapServers
        + ", jdbc="
        + jdbcUrl
        + ", project="
        + project
        + "]";
  }
}
