package org.hearth.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: KRaft mode, one node acting as broker and controller, on
 * loopback ports, storage formatted afresh under the work directory at every start. Transactions
 * work: the internal topics are set for a single replica.
 *
 * <p>Secured (as {@link Platform} always starts it) it is laid out like the distributed deployment
 * in {@code docker/}: clients authenticate with SASL/SCRAM-SHA-512 on the client listener; the
 * broker itself and the operator's admin principal use SASL/PLAIN on the internal and controller
 * listeners, with passwords made up at each start; the standard authorizer denies whatever no rule
 * allows ({@link KafkaAccess} writes the rules).
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  /**
   * Where the broker keeps its log, its ports (0 picks a free one), and whether clients must
   * authenticate and be authorised.
   */
  public record Settings(Path dataDir, int brokerPort, int controllerPort, boolean secured) {
    /** An open broker: for tests of components that do not care who they are. */
    public static Settings under(Path workDir) {
      return new Settings(workDir.resolve("kafka"), 0, 0, false);
    }

    /** A broker that authenticates every client and authorises it by {@link KafkaAccess}. */
    public static Settings securedUnder(Path workDir) {
      return new Settings(workDir.resolve("kafka"), 0, 0, true);
    }
  }

  /** The super user that creates principals, rules and topics. */
  public static final String ADMIN = "hearth-admin";

  private static final String BROKER = "hearth-broker";
  private static final String PLAIN_LOGIN =
      "org.apache.kafka.common.security.plain.PlainLoginModule";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Map<String, Object> adminProperties;
  private final boolean secured;

  private EmbeddedKafka(
      KafkaRaftServer server,
      String bootstrapServers,
      Map<String, Object> adminProperties,
      boolean secured) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.adminProperties = adminProperties;
    this.secured = secured;
  }

  public static EmbeddedKafka start(Settings settings) {
    int brokerPort = settings.brokerPort() == 0 ? Ports.freeLoopbackPort() : settings.brokerPort();
    int controllerPort =
        settings.controllerPort() == 0 ? Ports.freeLoopbackPort() : settings.controllerPort();
    Ports.requireFree(brokerPort, "the embedded Kafka broker");
    Ports.requireFree(controllerPort, "the embedded Kafka controller");
    WorkDirectory.deleteTree(settings.dataDir());
    String logDir = WorkDirectory.prepare(settings.dataDir(), "log").toString();

    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("controller.listener.names", "CONTROLLER");
    String bootstrap = "127.0.0.1:" + brokerPort;
    Map<String, Object> admin = new java.util.HashMap<>();
    if (settings.secured()) {
      int internalPort = Ports.freeLoopbackPort();
      Ports.requireFree(internalPort, "the embedded Kafka internal listener");
      KafkaCredentials broker = KafkaCredentials.generate(BROKER);
      KafkaCredentials operator = KafkaCredentials.generate(ADMIN);
      secure(p, brokerPort, internalPort, controllerPort, broker, operator);
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + internalPort);
      admin.put("security.protocol", "SASL_PLAINTEXT");
      admin.put("sasl.mechanism", "PLAIN");
      admin.put("sasl.jaas.config", operator.jaas(PLAIN_LOGIN));
    } else {
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
      p.put("advertised.listeners", "PLAINTEXT://" + bootstrap);
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }
    p.put("log.dirs", logDir);
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("log.flush.interval.messages", "1000000");
    // small segments and indexes: the demo's topics are small and the disk may be too
    p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
    // the landing zone's cleared segments go within a second, not the default five minutes
    p.put("log.retention.check.interval.ms", "1000");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");

    try {
      String clusterId = Uuid.randomUuid().toString();
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(clusterId)
          .setDirectories(List.of(logDir))
          .setMetadataLogDirectory(logDir)
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p), Time.SYSTEM);
      server.startup();
      EmbeddedKafka kafka =
          new EmbeddedKafka(server, bootstrap, Map.copyOf(admin), settings.secured());
      kafka.awaitReady();
      LOG.info(
          "embedded Kafka broker ready at {}{}",
          bootstrap,
          settings.secured() ? " (SASL/SCRAM, ACLs enforced)" : "");
      return kafka;
    } catch (HearthException e) {
      throw e;
    } catch (Exception e) {
      throw new HearthException("the embedded Kafka broker did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Three listeners, as in the distributed deployment: CLIENT (SCRAM, for partners and the link
   * job), INTERNAL (PLAIN: broker-to-broker and the operator) and CONTROLLER (PLAIN: KRaft, which
   * cannot use SCRAM because SCRAM credentials live in the metadata it serves).
   */
  private static void secure(
      Properties p,
      int clientPort,
      int internalPort,
      int controllerPort,
      KafkaCredentials broker,
      KafkaCredentials operator) {
    p.put(
        "listeners",
        "CLIENT://127.0.0.1:"
            + clientPort
            + ",INTERNAL://127.0.0.1:"
            + internalPort
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort);
    p.put(
        "advertised.listeners",
        "CLIENT://127.0.0.1:" + clientPort + ",INTERNAL://127.0.0.1:" + internalPort);
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
    String plainUsers =
        " user_"
            + broker.username()
            + "=\""
            + broker.password().value()
            + "\" user_"
            + operator.username()
            + "=\""
            + operator.password().value()
            + "\";";
    String brokerLogin = broker.jaas(PLAIN_LOGIN);
    String withUsers = brokerLogin.substring(0, brokerLogin.length() - 1) + plainUsers;
    p.put("listener.name.internal.sasl.enabled.mechanisms", "PLAIN");
    p.put("listener.name.internal.plain.sasl.jaas.config", withUsers);
    p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    p.put("listener.name.controller.plain.sasl.jaas.config", withUsers);
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("allow.everyone.if.no.acl.found", "false");
    p.put("super.users", "User:" + BROKER + ";User:" + ADMIN);
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = admin()) {
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new HearthException(
        "the embedded Kafka broker did not become ready in 60 s"
            + (last == null ? "" : ": " + last.getMessage()));
  }

  /** Where partners and the link job connect (the SCRAM listener when secured). */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** How the operator connects: a super user, on the internal listener when secured. */
  public Map<String, Object> adminProperties() {
    return adminProperties;
  }

  /** How the given principal connects: bootstrap servers and its SCRAM login. */
  public Map<String, Object> clientProperties(KafkaCredentials principal) {
    if (!secured) {
      throw new IllegalStateException("this embedded broker does not authenticate clients");
    }
    Map<String, Object> m = new java.util.HashMap<>(principal.clientProperties("SASL_PLAINTEXT"));
    m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return m;
  }

  public boolean secured() {
    return secured;
  }

  public Admin admin() {
    return Admin.create(adminProperties);
  }

  /** Creates the topics (one partition, one replica: the broker's defaults) unless they exist. */
  public void createTopics(String... topics) {
    try (Admin admin = admin()) {
      KafkaAccess access = new KafkaAccess(admin);
      for (String t : topics) {
        access.createTopic(t);
      }
    }
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("embedded Kafka broker did not shut down cleanly", e);
    }
  }
}
