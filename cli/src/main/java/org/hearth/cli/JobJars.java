package org.hearth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfigLoader;
import org.hearth.runtime.HearthException;

/** The jar a Flink cluster receives: configured, or the one the build left in link/target. */
final class JobJars {
  private JobJars() {}

  static List<Path> forCluster(HearthConfig.Flink flink) {
    if (flink.embedded()) {
      return List.of();
    }
    if (flink.jobJar().isPresent()) {
      Path jar = flink.jobJar().get();
      if (!Files.isReadable(jar)) {
        throw new HearthException(HearthConfigLoader.FLINK_JOB_JAR + " " + jar + " cannot be read");
      }
      return List.of(jar);
    }
    Path target = Path.of(System.getProperty("hearth.home", ".")).resolve("link/target");
    try (Stream<Path> s = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return List.of(
          s.filter(p -> p.getFileName().toString().endsWith("-job.jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new HearthException(
                          "no link job jar for the Flink cluster: build it (./mvnw package -pl link -am)"
                              + " or set "
                              + HearthConfigLoader.FLINK_JOB_JAR)));
    } catch (IOException e) {
      throw new HearthException("could not look for the link job jar in " + target, e);
    }
  }
}
