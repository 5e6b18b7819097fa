package org.hearth.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.analytics.Database;
import org.hearth.events.EventCodec;
import org.hearth.events.PartnerRecord;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.link.LinkJob;
import org.hearth.link.LinkSettings;
import org.hearth.pseudonymise.curve.CurvePoint;
import org.hearth.pseudonymise.curve.HashToCurve;
import org.hearth.pseudonymise.curve.ScalarMultiplier;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthException;
import org.hearth.runtime.Platform;
import org.hearth.runtime.WorkDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts the platform (embedded by default), has three synthetic partners publish pseudonymised
 * Avro extracts, runs the link job into PostgreSQL, and prints what landed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Hearth end to end on this machine: Kafka, PostgreSQL and Flink in one JVM,",
      "synthetic partners publishing pseudonymised extracts, the link job, and a summary."
    })
final class DemoCommand implements Callable<Integer> {
  static final String DEMO_DST = "HEARTH-DEMO-V01";

  @Mixin CommonOptions common;

  @Option(
      names = "--keep-running",
      description = "Leave Kafka and PostgreSQL running and print how to connect (Ctrl-C stops).")
  boolean keepRunning;

  @Option(
      names = "--records",
      defaultValue = "1000",
      description = "Records published across the partners (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--kafka-port",
      defaultValue = "0",
      description = "Embedded Kafka port (0: any free).")
  int kafkaPort;

  @Option(
      names = "--postgres-port",
      defaultValue = "0",
      description = "Embedded PostgreSQL port (0: any free).")
  int postgresPort;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** One synthetic partner dataset and its share of the records. */
  private record DemoDataset(String partner, String dataset, double share) {}

  private static final List<DemoDataset> DATASETS =
      List.of(
          new DemoDataset("basildon-bc", "housing-benefits", 0.4),
          new DemoDataset("essex-police", "incidents-at-address", 0.3),
          new DemoDataset("essex-cc", "school-readiness", 0.3));

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (records < DATASETS.size()) {
      throw new HearthException("--records must be at least " + DATASETS.size());
    }
    HearthConfig config = common.load();
    WorkDirectory.prepare(config.workDir(), "");
    WorkDirectory.deleteTree(config.workDir().resolve("flink"));
    out.printf("Hearth demo (work directory %s)%n", config.workDir());
    Step step = new Step(out);
    Platform platform = Platform.start(config, new Platform.Ports(kafkaPort, postgresPort));
    Thread stopper =
        new Thread(
            () -> {
              out.println();
              out.println("Stopping Kafka and PostgreSQL ...");
              out.flush();
              platform.close();
              out.println("Stopped every component.");
              out.flush();
            },
            "hearth-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      step.done(
          (config.kafka().embedded() ? "embedded Kafka broker (KRaft)" : "Kafka")
              + " at "
              + platform.kafkaBootstrapServers()
              + " and "
              + platform
                  .embeddedPostgres()
                  .map(pg -> "embedded PostgreSQL (" + pg.launcher().name().toLowerCase() + ")")
                  .orElse("PostgreSQL")
              + " at "
              + platform.jdbcUrl());
      try (var pool =
          Database.pool(platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword())) {
        int migrations = Database.migrate(pool);
        step.done("database schema up to date (" + migrations + " migrations applied)");
      }

      Map<DemoDataset, Integer> published = publish(platform, step);
      int aborted = publishAborted(platform);
      step.done(
          "aborted transaction of "
              + aborted
              + " records (read_committed consumers must never see it)");

      StreamExecutionEnvironment env =
          FlinkEnvironments.create(
              config.flink(), config.workDir(), JobJars.forCluster(config.flink()));
      LinkSettings link =
          new LinkSettings(
              platform.kafkaBootstrapServers(),
              config.kafka().clientProperties(),
              "hearth-demo-" + System.currentTimeMillis(),
              true,
              platform.jdbcUrl(),
              platform.jdbcUser(),
              platform.jdbcPassword());
      LinkJob.define(env, LinkJob.kafkaSource(link), LinkJob.postgresSink(link));
      env.execute(LinkJob.NAME);
      step.done(
          "link job ("
              + (config.flink().embedded() ? "Flink MiniCluster" : "Flink cluster")
              + ", parallelism "
              + config.flink().parallelism()
              + ", exactly-once checkpoints every "
              + config.flink().checkpointInterval().toMillis()
              + " ms)");

      boolean balanced = summary(out, platform, published);
      if (!balanced) {
        throw new HearthException(
            "rows landed differ from events published; see the table above and the logs");
      }
      if (keepRunning) {
        waitForCtrlC(out, platform);
      }
      return 0;
    } finally {
      if (!keepRunning) {
        Runtime.getRuntime().removeShutdownHook(stopper);
        platform.close();
        out.println("Stopped every component. Logs: " + config.workDir().resolve("logs"));
      }
    }
  }

  private Map<DemoDataset, Integer> publish(Platform platform, Step step) throws Exception {
    HashToCurve hasher = HashToCurve.withDst(DEMO_DST);
    Map<DemoDataset, Integer> published = new LinkedHashMap<>();
    int remaining = records;
    for (int i = 0; i < DATASETS.size(); i++) {
      DemoDataset d = DATASETS.get(i);
      int n = i == DATASETS.size() - 1 ? remaining : (int) Math.round(records * d.share());
      remaining -= n;
      var extract =
          SyntheticExtract.build(
              d.partner(), d.dataset(), "2026-Q1", n, demoKey(d.partner()), hasher);
      createTopic(platform, extract.topic());
      try (ExtractPublisher p =
          new ExtractPublisher(platform.kafkaClientProperties(), "hearth-demo-" + d.partner())) {
        p.publish(extract.topic(), extract.records(), extract.manifest());
      }
      published.put(d, n);
    }
    step.done(
        DATASETS.size()
            + " partners published "
            + records
            + " pseudonymised Avro records, one transaction per extract");
    return published;
  }

  private int publishAborted(Platform platform) throws Exception {
    DemoDataset d = DATASETS.get(0);
    int n = Math.max(1, records / 10);
    var extract =
        SyntheticExtract.build(
            d.partner(),
            d.dataset(),
            "2026-Q2-aborted",
            n,
            demoKey(d.partner()),
            HashToCurve.withDst(DEMO_DST));
    Map<String, Object> props = new java.util.HashMap<>(platform.kafkaClientProperties());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hearth-demo-aborted");
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      p.initTransactions();
      p.beginTransaction();
      for (PartnerRecord r : extract.records()) {
        ProducerRecord<byte[], byte[]> pr =
            new ProducerRecord<>(extract.topic(), EventCodec.encode(r));
        pr.headers().add(EventCodec.TYPE_HEADER, EventCodec.RECORD);
        p.send(pr);
      }
      p.flush();
      p.abortTransaction();
    }
    return n;
  }

  private static void createTopic(Platform platform, String topic) throws Exception {
    try (Admin admin = Admin.create(platform.kafkaClientProperties())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /**
   * A demo partner's scalar, derived from the partner's name: fine for made-up data, never for real
   * partners, whose keys come from the key authority.
   */
  static ScalarMultiplier demoKey(String partner) throws Exception {
    byte[] h =
        MessageDigest.getInstance("SHA-512")
            .digest(("hearth-demo-key|" + partner).getBytes(StandardCharsets.UTF_8));
    BigInteger n = CurvePoint.ORDER;
    return ScalarMultiplier.of(
        new BigInteger(1, h).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE));
  }

  private boolean summary(PrintWriter out, Platform platform, Map<DemoDataset, Integer> published)
      throws SQLException {
    out.println();
    String fmt = "  %-14s %-22s %10s %8s%n";
    out.printf(fmt, "partner", "dataset", "published", "landed");
    long totalIn = 0;
    long totalLanded = 0;
    List<String> mismatches = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword());
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM landing.partner_records WHERE partner = ? AND dataset = ?")) {
      for (var e : published.entrySet()) {
        ps.setString(1, e.getKey().partner());
        ps.setString(2, e.getKey().dataset());
        long landed;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          landed = rs.getLong(1);
        }
        out.printf(fmt, e.getKey().partner(), e.getKey().dataset(), e.getValue(), landed);
        totalIn += e.getValue();
        totalLanded += landed;
        if (landed != e.getValue()) {
          mismatches.add(e.getKey().dataset());
        }
      }
    }
    out.printf(fmt, "total", "", totalIn, totalLanded);
    out.println();
    boolean balanced = totalIn == totalLanded && mismatches.isEmpty();
    out.println(
        balanced
            ? "events in = rows landed: " + totalIn + " = " + totalLanded
            : "MISMATCH: events in " + totalIn + ", rows landed " + totalLanded);
    return balanced;
  }

  private void waitForCtrlC(PrintWriter out, Platform platform) throws InterruptedException {
    out.println();
    out.println("Still running. Connect with:");
    out.println("  Kafka:       bootstrap servers " + platform.kafkaBootstrapServers());
    String url = platform.jdbcUrl().replace("jdbc:postgresql://", "");
    out.println("  PostgreSQL:  psql \"postgresql://" + platform.jdbcUser() + "@" + url + "\"");
    out.println(
        "               e.g. SELECT partner, count(*) FROM landing.partner_records GROUP BY 1;");
    out.println("Press Ctrl-C to stop every component.");
    out.flush();
    new CountDownLatch(1).await();
  }

  /** Prints each step with how long it took. */
  private static final class Step {
    private final PrintWriter out;
    private long last = System.nanoTime();

    Step(PrintWriter out) {
      this.out = out;
    }

    void done(String what) {
      long now = System.nanoTime();
      out.printf("  ok  %-96s %5.1f s%n", what, (now - last) / 1e9);
      out.flush();
      last = now;
    }
  }
}
