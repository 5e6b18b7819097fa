package org.hearth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.legacy.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Flink MiniCluster opens no socket that another machine could reach: its REST
 * endpoint has no authentication, and an anonymous PATCH to it cancelled the demo's job when it
 * listened on every interface. Read off the kernel's socket tables while a job runs.
 */
class EmbeddedFlinkLoopbackIT {
  @Test
  void everySocketTheMiniClusterListensOnIsLoopback(@TempDir Path dir) throws Exception {
    Set<Long> before = listeningInodesOfThisProcess();
    StreamExecutionEnvironment env =
        FlinkEnvironments.create(
            HearthConfig.Flink.embedded(
                1, HearthConfig.StateBackend.HASHMAP, Duration.ofSeconds(2)),
            dir,
            List.of());
    env.fromSequence(0, Long.MAX_VALUE).addSink(new DiscardingSink<>());
    JobClient job = env.executeAsync("loopback-check");
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (job.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      List<String> opened = new ArrayList<>();
      List<String> exposed = new ArrayList<>();
      for (Listener l : listeners()) {
        if (!before.contains(l.inode) && ownInodes().contains(l.inode)) {
          opened.add(l.address);
          if (!l.loopback) {
            exposed.add(l.address);
          }
        }
      }
      assertThat(opened).as("the MiniCluster listens somewhere (its REST endpoint)").isNotEmpty();
      assertThat(exposed).as("sockets listening beyond loopback").isEmpty();
    } finally {
      job.cancel().get();
    }
  }

  record Listener(String address, boolean loopback, long inode) {}

  private static Set<Long> listeningInodesOfThisProcess() throws IOException {
    Set<Long> own = ownInodes();
    Set<Long> out = new HashSet<>();
    for (Listener l : listeners()) {
      if (own.contains(l.inode)) {
        out.add(l.inode);
      }
    }
    return out;
  }

  /** LISTEN sockets from /proc/net/tcp and tcp6, with whether their address is loopback. */
  private static List<Listener> listeners() throws IOException {
    List<Listener> out = new ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (!f[3].equals("0A")) {
          continue; // not LISTEN
        }
        String ip = f[1].substring(0, f[1].indexOf(':'));
        // /proc prints each 32-bit word little-endian: 127.x.x.x ends in 7F, as does an
        // IPv4-mapped ::ffff:127.x.x.x; ::1 is its own pattern
        String v4 =
            ip.length() == 8
                ? ip
                : ip.startsWith("0000000000000000FFFF0000") ? ip.substring(24) : null;
        boolean loopback =
            (v4 != null && v4.endsWith("7F")) || ip.equals("00000000000000000000000001000000");
        out.add(new Listener(table + " " + f[1], loopback, Long.parseLong(f[9])));
      }
    }
    return out;
  }

  private static Set<Long> ownInodes() throws IOException {
    Set<Long> out = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            out.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException e) {
          // the descriptor closed while we looked
        }
      }
    }
    return out;
  }
}
