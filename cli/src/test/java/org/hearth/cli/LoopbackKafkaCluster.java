package org.hearth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.hearth.runtime.KafkaCredentials;
import org.hearth.runtime.Ports;

/**
 * Kafka as {@code docker/compose.yml} runs it, as separate processes on loopback: KRaft nodes that
 * are each broker and controller, replication 3 with min ISR 2, SASL/SCRAM on the CLIENT listener,
 * SASL/PLAIN on INTERNAL (brokers and the operator, a super user) and CONTROLLER, and the standard
 * authorizer denying whatever no rule allows.
 */
final class LoopbackKafkaCluster implements AutoCloseable {
  static final String BROKER = "hearth-broker";
  static final String ADMIN = "hearth-admin";
  private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

  private final Path dir;
  private final String classpath;
  private final List<Node> nodes;
  private final KafkaCredentials operator;
  private final JavaProcess[] processes;

  private record Node(int id, int client, int internal, int controller, Path config) {}

  private LoopbackKafkaCluster(
      Path dir, String classpath, List<Node> nodes, KafkaCredentials operator) {
    this.dir = dir;
    this.classpath = classpath;
    this.nodes = nodes;
    this.operator = operator;
    this.processes = new JavaProcess[nodes.size()];
  }

  /**
   * Formats each node's storage (as {@code kafka-storage.sh format} does) and starts the nodes,
   * each in its own JVM from the given classpath, then waits for all of them to join.
   */
  static LoopbackKafkaCluster start(Path dir, int size, String classpath) throws Exception {
    KafkaCredentials broker = KafkaCredentials.generate(BROKER);
    KafkaCredentials operator = KafkaCredentials.generate(ADMIN);
    List<Node> nodes = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      nodes.add(
          new Node(
              id,
              Ports.freeLoopbackPort(),
              Ports.freeLoopbackPort(),
              Ports.freeLoopbackPort(),
              dir.resolve("kafka-" + id + ".properties")));
    }
    String voters =
        nodes.stream()
            .map(n -> n.id() + "@127.0.0.1:" + n.controller())
            .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    String users =
        jaas(PLAIN, broker).replaceAll(";$", "")
            + " user_"
            + BROKER
            + "=\""
            + broker.password().value()
            + "\" user_"
            + ADMIN
            + "=\""
            + operator.password().value()
            + "\";";
    int replication = Math.min(3, size);
    int minIsr = Math.max(1, replication - 1);
    Path log4j = log4j(dir);
    for (Node n : nodes) {
      Path logDir = Files.createDirectories(dir.resolve("kafka-" + n.id() + "/data"));
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", Integer.toString(n.id()));
      p.put("controller.quorum.voters", voters);
      p.put("controller.listener.names", "CONTROLLER");
      p.put(
          "listeners",
          "CLIENT://127.0.0.1:"
              + n.client()
              + ",INTERNAL://127.0.0.1:"
              + n.internal()
              + ",CONTROLLER://127.0.0.1:"
              + n.controller());
      p.put(
          "advertised.listeners",
          "CLIENT://127.0.0.1:" + n.client() + ",INTERNAL://127.0.0.1:" + n.internal());
      p.put(
          "listener.security.protocol.map",
          "CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
      p.put("inter.broker.listener.name", "INTERNAL");
      p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
      p.put("sasl.mechanism.controller.protocol", "PLAIN");
      p.put("listener.name.client.sasl.enabled.mechanisms", KafkaCredentials.MECHANISM);
      p.put(
          "listener.name.client.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      p.put("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
      p.put("listener.name.internal.plain.sasl.jaas.config", users);
      p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
      p.put("listener.name.controller.plain.sasl.jaas.config", users);
      p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      p.put("allow.everyone.if.no.acl.found", "false");
      p.put("super.users", "User:" + BROKER + ";User:" + ADMIN);
      p.put("auto.create.topics.enable", "false");
      // the compose file's replication; partitions fewer than its 6, for two cores
      p.put("num.partitions", "3");
      p.put("default.replication.factor", Integer.toString(replication));
      p.put("min.insync.replicas", Integer.toString(minIsr));
      p.put("offsets.topic.replication.factor", Integer.toString(replication));
      p.put("offsets.topic.num.partitions", "3");
      p.put("transaction.state.log.replication.factor", Integer.toString(replication));
      p.put("transaction.state.log.min.isr", Integer.toString(minIsr));
      p.put("transaction.state.log.num.partitions", "3");
      p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
      p.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("log.dirs", logDir.toString());
      p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
      p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
      p.put("log.retention.check.interval.ms", "1000");
      p.put("num.network.threads", "2");
      p.put("num.io.threads", "2");
      p.put("background.threads", "2");
      p.put("num.replica.fetchers", "1");
      try (var out = Files.newOutputStream(n.config())) {
        p.store(out, "Kafka node " + n.id() + " of the loopback cluster (secret: passwords)");
      }
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(n.id())
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    }
    LoopbackKafkaCluster cluster = new LoopbackKafkaCluster(dir, classpath, nodes, operator);
    try {
      for (int i = 0; i < nodes.size(); i++) {
        cluster.startNode(i, log4j);
      }
      cluster.awaitBrokers(size);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private static String jaas(String module, KafkaCredentials who) {
    return module
        + " required username=\""
        + who.username()
        + "\" password=\""
        + who.password().value()
        + "\";";
  }

  private static Path log4j(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("kafka-log4j2.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = file",
            "appender.file.type = File",
            "appender.file.name = file",
            "appender.file.fileName = ${sys:hearth.kafka.log}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p [%c{1}] %m%n",
            ""));
  }

  private void startNode(int index, Path log4j) {
    Node n = nodes.get(index);
    processes[index] =
        JavaProcess.start(
            "kafka-" + n.id(),
            dir.resolve("kafka-" + n.id()),
            dir.resolve("logs"),
            classpath,
            List.of(
                "-Xmx320m",
                "-Xms64m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-Dhearth.kafka.log=" + dir.resolve("logs/kafka-" + n.id() + ".log")),
            "kafka.Kafka",
            List.of(n.config().toString()));
  }

  private void awaitBrokers(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      for (JavaProcess p : processes) {
        if (p != null && !p.alive()) {
          throw new IllegalStateException("a Kafka node exited:\n" + p.tail());
        }
      }
      try (Admin admin = admin()) {
        if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == expected) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        expected + " Kafka brokers did not join within 120 s" + (last == null ? "" : ": " + last));
  }

  /** The SCRAM listeners partners and the link job use. */
  String clientBootstrap() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.client()).collect(Collectors.joining(","));
  }

  /** The operator's login: a super user on the INTERNAL listeners. */
  Map<String, String> operatorProperties() {
    Map<String, String> m = new HashMap<>();
    m.put(
        "bootstrap.servers",
        nodes.stream().map(n -> "127.0.0.1:" + n.internal()).collect(Collectors.joining(",")));
    m.put("security.protocol", "SASL_PLAINTEXT");
    m.put("sasl.mechanism", "PLAIN");
    m.put("sasl.jaas.config", jaas(PLAIN, operator));
    return m;
  }

  /** The operator's settings file lines: bootstrap servers and the client login. */
  String operatorConfig() {
    StringBuilder b = new StringBuilder();
    operatorProperties()
        .forEach(
            (k, v) ->
                b.append(
                        k.equals("bootstrap.servers")
                            ? "hearth.kafka.bootstrap-servers"
                            : "hearth.kafka.client." + k)
                    .append('=')
                    .append(v)
                    .append('\n'));
    return b.toString();
  }

  Admin admin() {
    return Admin.create(new HashMap<String, Object>(operatorProperties()));
  }

  /** {@code kill -9} of one node (1-based id). */
  void kill(int id) {
    processes[id - 1].kill();
  }

  /** Starts a killed node again on its old storage, ports and settings. */
  void restart(int id) throws InterruptedException {
    startNode(id - 1, dir.resolve("kafka-log4j2.properties"));
    awaitBrokers(nodes.size());
  }

  String tails() {
    StringBuilder b = new StringBuilder();
    for (JavaProcess p : processes) {
      if (p != null) {
        b.append(p.tail()).append('\n');
      }
    }
    return b.toString();
  }

  /** Kills every node: the storage is a test's, and three nodes stopping together is slow. */
  @Override
  public void close() {
    for (JavaProcess p : processes) {
      if (p != null) {
        p.kill();
      }
    }
  }
}
