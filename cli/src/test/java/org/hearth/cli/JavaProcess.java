package org.hearth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own, started from jars as an operator's service manager would start it: the same
 * {@code java} as this JVM, output to a log file. {@link #kill} is {@code kill -9}.
 */
final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * @param workingDir the process's own working directory, as on a machine of its own: a relative
   *     path the CLI's JVM hands it does not resolve to the same place there
   */
  static JavaProcess start(
      String name,
      Path workingDir,
      Path logDir,
      String classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".out");
      ProcessBuilder b =
          new ProcessBuilder(command)
              .directory(Files.createDirectories(workingDir).toFile())
              .redirectErrorStream(true);
      b.redirectOutput(log.toFile());
      // CLASSPATH or JAVA_TOOL_OPTIONS of the build must not reach the services
      b.environment().remove("CLASSPATH");
      b.environment().remove("JAVA_TOOL_OPTIONS");
      Process p = b.start();
      // a test JVM that dies (or is stopped) must not leave services behind
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
      return new JavaProcess(name, p, log);
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The end of the process's console output, for a failure message. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return name
          + " ("
          + (alive() ? "running" : "exited " + process.exitValue())
          + "):\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return name + ": no output (" + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }
}
