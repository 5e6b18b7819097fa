package org.hearth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hearth.runtime.Ports;

/**
 * A Flink standalone session cluster as separate processes on loopback, started as {@code
 * jobmanager.sh} and {@code taskmanager.sh} start one: {@code StandaloneSessionClusterEntrypoint}
 * and {@code TaskManagerRunner} from Flink's jars as Maven Central has them (the classpath {@code
 * flink-lib} writes, what lib/ of an installation holds), with a {@code config.yaml} like the
 * compose file's: RocksDB, retained checkpoints under a {@code file://} URI, child-first class
 * loading. No Hearth or Kafka class is on their classpath: the job jar brings its own.
 */
final class LoopbackFlinkCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String classpath;
  private final Path conf;
  private final int restPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private JavaProcess jobManager;
  private final Map<String, JavaProcess> taskManagers = new LinkedHashMap<>();

  private LoopbackFlinkCluster(Path dir, String classpath, Path conf, int restPort) {
    this.dir = dir;
    this.classpath = classpath;
    this.conf = conf;
    this.restPort = restPort;
  }

  /**
   * @param classpath a file holding Flink's jars as a classpath
   * @param checkpoints where checkpoints go, a URI every process resolves alike
   */
  static LoopbackFlinkCluster start(
      Path dir, Path classpath, int taskManagers, int slotsPerTaskManager, String checkpoints)
      throws Exception {
    if (!Files.isReadable(classpath)) {
      throw new IllegalStateException(
          classpath + " is missing: a reactor build writes it (./mvnw verify, or -pl cli -am)");
    }
    Path conf = Files.createDirectories(dir.resolve("conf"));
    int restPort = Ports.freeLoopbackPort();
    int rpcPort = Ports.freeLoopbackPort();
    Files.writeString(
        conf.resolve("config.yaml"),
        String.join(
            "\n",
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.rpc.port: " + rpcPort,
            "jobmanager.bind-host: 127.0.0.1",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.port: " + restPort,
            "taskmanager.bind-host: 127.0.0.1",
            "taskmanager.host: 127.0.0.1",
            "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
            "parallelism.default: " + slotsPerTaskManager,
            // Flink's default, said here because the test is about it
            "classloader.resolve-order: child-first",
            "state.backend.type: rocksdb",
            "state.backend.incremental: true",
            "execution.checkpointing.dir: " + checkpoints,
            "execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION",
            // a job's slots on every TaskManager, so that losing any one of them is felt
            "taskmanager.load-balance.mode: slots",
            // a lost TaskManager is noticed in seconds, not the default 50
            "heartbeat.interval: 1000",
            "heartbeat.timeout: 6000",
            "restart-strategy.type: fixed-delay",
            "restart-strategy.fixed-delay.attempts: 30",
            "restart-strategy.fixed-delay.delay: 1 s",
            // what taskmanager.sh would derive from taskmanager.memory.process.size
            "taskmanager.cpu.cores: " + slotsPerTaskManager,
            "taskmanager.memory.framework.heap.size: 128m",
            "taskmanager.memory.task.heap.size: 320m",
            "taskmanager.memory.framework.off-heap.size: 64m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.network.min: 32m",
            "taskmanager.memory.network.max: 32m",
            "taskmanager.memory.managed.size: 96m",
            "taskmanager.memory.jvm-metaspace.size: 256m",
            "taskmanager.memory.jvm-overhead.min: 64m",
            "taskmanager.memory.jvm-overhead.max: 64m",
            ""));
    Files.writeString(
        conf.resolve("log4j2.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = file",
            "appender.file.type = File",
            "appender.file.name = file",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n",
            ""));
    String cp = Files.readString(classpath).trim();
    LoopbackFlinkCluster cluster = new LoopbackFlinkCluster(dir, cp, conf, restPort);
    try {
      cluster.startJobManager();
      for (int i = 1; i <= taskManagers; i++) {
        cluster.startTaskManager("taskmanager-" + i);
      }
      cluster.awaitTaskManagers(taskManagers);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private JavaProcess process(
      String name, List<String> heap, String mainClass, List<String> dynamic) throws IOException {
    Path tmp = Files.createDirectories(dir.resolve("tmp/" + name));
    List<String> jvm = new ArrayList<>(heap);
    jvm.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-Djava.io.tmpdir=" + tmp,
            "-Dlog.file=" + dir.resolve("logs/" + name + ".log"),
            "-Dlog4j.configurationFile=" + conf.resolve("log4j2.properties")));
    List<String> args = new ArrayList<>(List.of("--configDir", conf.toString()));
    args.add("-Dio.tmp.dirs=" + tmp);
    args.addAll(dynamic);
    return JavaProcess.start(
        name, dir.resolve("run/" + name), dir.resolve("logs"), classpath, jvm, mainClass, args);
  }

  private void startJobManager() throws IOException {
    jobManager =
        process(
            "jobmanager",
            List.of("-Xmx384m", "-XX:MaxMetaspaceSize=256m", "-XX:TieredStopAtLevel=1"),
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            List.of());
  }

  /**
   * {@code kill -9} of the JobManager. Without high availability its jobs die with it; what remains
   * is their retained checkpoints.
   */
  void killJobManager() {
    jobManager.kill();
  }

  /**
   * Starts the JobManager again at the same address and waits until this many TaskManagers have
   * registered with it again.
   */
  void restartJobManager(int taskManagers) throws Exception {
    startJobManager();
    awaitTaskManagers(taskManagers);
  }

  /** A TaskManager with the given resource id, as {@code taskmanager.sh start} adds one. */
  void startTaskManager(String name) throws IOException {
    taskManagers.put(
        name,
        process(
            name,
            List.of("-Xmx448m", "-XX:MaxDirectMemorySize=128m", "-XX:MaxMetaspaceSize=256m"),
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            List.of("-Dtaskmanager.resource-id=" + name)));
  }

  long jobManagerPid() {
    return jobManager.pid();
  }

  long taskManagerPid(String name) {
    return taskManagers.get(name).pid();
  }

  /** {@code kill -9} of a TaskManager by its resource id. */
  void killTaskManager(String name) {
    taskManagers.get(name).kill();
  }

  void awaitTaskManagers(int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!jobManager.alive()) {
        throw new IllegalStateException("the JobManager exited:\n" + jobManager.tail());
      }
      try {
        if (get("/overview").path("taskmanagers").asInt() == n) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(n + " TaskManagers did not register within 90 s\n" + tails());
  }

  /** Waits until no job holds a slot: the job's class loaders have been let go of. */
  void awaitIdle() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode o = get("/overview");
      if (o.path("jobs-running").asInt() == 0
          && o.path("slots-available").asInt() == o.path("slots-total").asInt()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("slots still taken after 60 s: " + get("/overview"));
  }

  /** host:port of the REST endpoint: {@code hearth.flink.rest-address}. */
  String restAddress() {
    return "127.0.0.1:" + restPort;
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + restAddress() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Cancels a job, as {@code flink cancel} does. */
  void cancel(String jobId) throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(URI.create("http://" + restAddress() + "/jobs/" + jobId))
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The parallelism of the job's vertex whose name contains this. */
  int parallelismOf(String jobId, String vertexName) throws IOException, InterruptedException {
    for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
      if (v.path("name").asText().contains(vertexName)) {
        return v.path("parallelism").asInt();
      }
    }
    throw new IllegalStateException("no vertex " + vertexName + " in job " + jobId);
  }

  /** The resource ids of the TaskManagers running the job's vertex whose name contains this. */
  List<String> taskManagersOf(String jobId, String vertexName)
      throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
      if (v.path("name").asText().contains(vertexName)) {
        for (JsonNode tm :
            get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers")
                .path("taskmanagers")) {
          String id = tm.path("taskmanager-id").asText();
          if (!ids.contains(id)) {
            ids.add(id);
          }
        }
      }
    }
    return ids;
  }

  /** The end of every process's console output, for a failure message. */
  String tails() {
    StringBuilder b = new StringBuilder(jobManager == null ? "" : jobManager.tail() + "\n");
    taskManagers.values().forEach(t -> b.append(t.tail()).append('\n'));
    return b.toString();
  }

  Path logs() {
    return dir.resolve("logs");
  }

  @Override
  public void close() {
    taskManagers.values().forEach(JavaProcess::kill);
    if (jobManager != null) {
      jobManager.kill();
    }
  }
}
