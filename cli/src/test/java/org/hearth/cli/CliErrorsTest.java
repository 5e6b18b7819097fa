package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures the user can fix are one line, with a non-zero exit; --verbose adds the trace. */
class CliErrorsTest {
  @TempDir Path dir;

  public record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Hearth.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result r =
          run(
              "demo",
              "--work-dir",
              dir.toString(),
              "--kafka-port",
              Integer.toString(taken.getLocalPort()));
      assertThat(r.code()).isEqualTo(Hearth.FAILED);
      assertOneLine(r, "port " + taken.getLocalPort(), "already in use");
    }
  }

  @Test
  void workDirectoryNotWritable() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Result r = run("demo", "--work-dir", file.resolve("work").toString());
    assertThat(r.code()).isEqualTo(Hearth.FAILED);
    assertOneLine(r, "work directory", "not writable");
  }

  @Test
  void unreachableExternalKafka() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("hearth.properties"),
            "hearth.kafka.bootstrap-servers=127.0.0.1:" + closedPort() + "\n");
    Result r = run("demo", "--work-dir", dir.toString(), "--config", config.toString());
    assertThat(r.code()).isEqualTo(Hearth.FAILED);
    assertOneLine(r, "Kafka at 127.0.0.1:", "cannot be reached");
  }

  @Test
  void unreachableExternalPostgres() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("hearth.properties"),
            "hearth.postgres.jdbc-url=jdbc:postgresql://127.0.0.1:" + closedPort() + "/hearth\n");
    Result r = run("demo", "--work-dir", dir.toString(), "--config", config.toString());
    assertThat(r.code()).isEqualTo(Hearth.FAILED);
    assertOneLine(r, "PostgreSQL at 127.0.0.1:", "cannot be reached");
  }

  @Test
  void badConfigurationIsAUsageError() throws Exception {
    Path config =
        Files.writeString(dir.resolve("hearth.properties"), "hearth.flink.state-backend=disk\n");
    Result r = run("demo", "--work-dir", dir.toString(), "--config", config.toString());
    assertThat(r.code()).isEqualTo(Hearth.USAGE);
    assertOneLine(r, "hearth.flink.state-backend", "hashmap, rocksdb");
  }

  @Test
  void verboseShowsTheStackTrace() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Result r = run("demo", "--verbose", "--work-dir", file.resolve("work").toString());
    assertThat(r.code()).isEqualTo(Hearth.FAILED);
    assertThat(r.err()).contains("not writable").contains("\tat org.hearth.");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"--help"}, {"demo", "--help"}}) {
      Result r = run(args);
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: hearth");
    }
  }

  private static void assertOneLine(Result r, String... fragments) {
    String first = r.err().lines().findFirst().orElse("");
    assertThat(first).startsWith("hearth: ");
    for (String f : fragments) {
      assertThat(first).contains(f);
    }
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
