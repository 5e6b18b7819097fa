package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hearth.analytics.Database;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.reference.Names;
import org.hearth.events.EventCodec;
import org.hearth.events.PartnerRecord;
import org.hearth.events.Topics;
import org.hearth.ingest.EdgeAgent;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.PostcodeLookup;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.ingest.contract.Contracts;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.link.LinkJob;
import org.hearth.link.LinkSettings;
import org.hearth.link.rekey.LocalTrust;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.EmbeddedPostgresServer;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthException;
import org.hearth.runtime.Platform;
import org.hearth.runtime.WorkDirectory;
import org.hearth.synthetic.Scale;
import org.hearth.synthetic.SyntheticConfig;
import org.hearth.synthetic.SyntheticCounty;
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
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth demo",
      "  hearth demo --scale district --keep-running --work-dir /tmp/hearth-demo"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Run Hearth end to end on this machine: Kafka, PostgreSQL and Flink in one JVM,",
      "synthetic partners publishing pseudonymised extracts, the link job, and a summary."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--keep-running",
      description = "Leave Kafka and PostgreSQL running and print how to connect (Ctrl-C stops).")
  boolean keepRunning;

  @Option(
      names = "--scale",
      defaultValue = "ward",
      description =
          "Size of the synthetic county: ward (~10k people), district (~185k) or county (needs the"
              + " RocksDB state backend; about 15 minutes on 2 cores); default ${DEFAULT-VALUE}.")
  String scale;

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

  /** One partner dataset's extract and what became of it at the edge. */
  /**
   * @param matchKeys the match-key pseudonyms sent: one multiplication each at the edge, and at
   *     most one each at re-keying (fewer when the link job's cache holds the pseudonym already)
   */
  record Published(String partner, String dataset, long rows, long published, long matchKeys) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Scale size = CommonOptions.scale(scale, true);
    HearthConfig config = common.load();
    if (size == Scale.COUNTY
        && config.flink().stateBackend() != HearthConfig.StateBackend.ROCKSDB) {
      // the heap backend copies the resolver's state at every checkpoint: at county scale that
      // outgrows the heap (measured; see docs/linkage.md)
      throw new ConfigException(
          "--scale county needs the RocksDB state backend: set"
              + " HEARTH_FLINK_STATE_BACKEND=rocksdb (or hearth.flink.state-backend=rocksdb)");
    }
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
          (config.kafka().embedded()
                  ? "embedded Kafka broker (KRaft; SASL/SCRAM, a principal and ACLs per partner)"
                  : "Kafka")
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

      KeyAuthority authority = demoAuthority();
      List<Published> published = publish(platform, config, size, DEMO_SEED, authority, step);
      int aborted = publishAborted(platform, authority);
      step.done(
          "aborted transaction of "
              + aborted
              + " records (read_committed consumers must never see it)");

      runLink(platform, config, authority, published, out);
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
      try (var pool =
              Database.pool(platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword());
          Connection c = pool.getConnection()) {
        int readers = grantPartnerReaders(c, published);
        out.println();
        out.println(
            "Access: "
                + readers
                + " partner reader roles (hearth_reader_<partner>) each see only their own rows;"
                + " hearth_analyst sees everything linked; hearth_publisher only published.");
        out.println();
        // ward and partner names, so the reports name places and councils rather than codes
        Names.loadLookupFolder(c, config.workDir().resolve("synthetic-county").resolve("lookup"));
        ReportCommand.SchoolReadinessCommand.write(
            c,
            Optional.empty(),
            DisclosureRules.DEFAULT,
            config.workDir().resolve("reports").resolve("school-readiness.html"),
            out);
        out.println();
        ReportCommand.DomesticAbuseCommand.write(
            c,
            DisclosureRules.DEFAULT,
            config.workDir().resolve("reports").resolve("domestic-abuse-needs.html"),
            config.workDir().resolve("reports").resolve("domestic-abuse-needs.output-check.md"),
            out);
        out.println();
        SupportingFamiliesCommand.CheckClaims.write(
            c,
            Optional.empty(),
            config.workDir().resolve("reports").resolve("sf-claims-check.csv"),
            DisclosureRules.DEFAULT,
            out);
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

  /**
   * One reader role per partner that sees only that partner's rows: a district reads its own
   * domestic-abuse cases and never another district's.
   */
  static int grantPartnerReaders(Connection c, List<Published> published) throws SQLException {
    List<String> partners = published.stream().map(Published::partner).distinct().toList();
    try (PreparedStatement st = c.prepareStatement("SELECT governance.add_partner_reader(?, ?)")) {
      for (String p : partners) {
        st.setString(1, p);
        st.setString(2, "hearth_reader_" + p.replace('-', '_'));
        st.execute();
      }
    }
    return partners.size();
  }

  /** The link job on the demo's platform, over every partner topic, until it has caught up. */
  static void runLink(
      Platform platform, HearthConfig config, KeyAuthority authority, List<Published> published)
      throws Exception {
    runLink(platform, config, authority, published, null);
  }

  /**
   * The same, with a line on {@code progress} every {@link #PROGRESS_EVERY} while it runs: extracts
   * decided and records decided of those published (the district's link job was silent for a minute
   * and a half, the county's for six).
   */
  static void runLink(
      Platform platform,
      HearthConfig config,
      KeyAuthority authority,
      List<Published> published,
      PrintWriter progress)
      throws Exception {
    StreamExecutionEnvironment env =
        FlinkEnvironments.create(
            config.flink(), config.workDir(), JobJars.forCluster(config.flink()));
    LinkSettings link =
        linkSettings(platform, config, authority, published, true, "hearth-link-demo-");
    LinkJob.createIncidentTopics(
        link, published.stream().map(Published::partner).distinct().toList());
    LinkJob.define(env, LinkJob.kafkaSource(link), link, LinkJob.outputs(link));
    if (progress == null) {
      env.execute(LinkJob.NAME);
      return;
    }
    long total = published.stream().mapToLong(Published::published).sum();
    java.sql.Timestamp since = new java.sql.Timestamp(System.currentTimeMillis());
    long started = System.nanoTime();
    var job = env.executeAsync(LinkJob.NAME);
    var result = job.getJobExecutionResult();
    while (true) {
      try {
        result.get(PROGRESS_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        progress.println(linkProgress(platform, since, total, (System.nanoTime() - started) / 1e9));
        progress.flush();
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof Exception x ? x : e;
      }
    }
  }

  /** How often a long link job says how far it is. */
  static final java.time.Duration PROGRESS_EVERY = java.time.Duration.ofSeconds(10);

  /** One progress line from {@code governance.extracts}: what the job decided since it started. */
  static String linkProgress(Platform platform, java.sql.Timestamp since, long total, double secs) {
    try (Connection c =
            DriverManager.getConnection(
                platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword());
        PreparedStatement q =
            c.prepareStatement(
                "SELECT count(*), coalesce(sum(received), 0) FROM governance.extracts"
                    + " WHERE decided_at >= ?")) {
      q.setTimestamp(1, since);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        long records = r.getLong(2);
        return String.format(
            java.util.Locale.ROOT,
            "      link job: %,d extracts decided, %,d of %,d records (%.0f%%), %.0f s",
            r.getLong(1),
            records,
            total,
            total == 0 ? 100.0 : 100.0 * records / total,
            secs);
      }
    } catch (SQLException e) {
      return String.format(java.util.Locale.ROOT, "      link job: running, %.0f s", secs);
    }
  }

  /**
   * The link job's settings on an embedded platform, trusting the demo authority's partners, each
   * dataset given to the partners that publish it (so one partner's keys cannot publish another's
   * dataset): a fresh consumer group each run, so every run reads the topics from the start.
   */
  static LinkSettings linkSettings(
      Platform platform,
      HearthConfig config,
      KeyAuthority authority,
      List<Published> published,
      boolean bounded,
      String groupPrefix) {
    Map<String, java.util.Set<String>> publishers = new java.util.TreeMap<>();
    published.forEach(
        p ->
            publishers
                .computeIfAbsent(p.dataset(), d -> new java.util.TreeSet<>())
                .add(p.partner()));
    LocalTrust trust =
        LocalTrust.write(
            authority,
            published.stream().map(Published::partner).distinct().toList(),
            List.of(LinkSettings.DEFAULT_PROJECT),
            publishers,
            config.workDir().resolve("keys"));
    Map<String, String> client = new java.util.TreeMap<>();
    platform.linkJobKafkaClient().forEach((k, v) -> client.put(k, String.valueOf(v)));
    return new LinkSettings(
        client.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
        Map.copyOf(client),
        groupPrefix + System.currentTimeMillis(),
        bounded,
        platform.jdbcUrl(),
        platform.jdbcUser(),
        platform.jdbcPassword(),
        trust.registryJson(),
        trust.bundle(),
        LinkSettings.DEFAULT_PROJECT,
        java.time.Duration.ofMinutes(10),
        true);
  }

  /** The demo's county: the same every run, so its figures can be quoted. */
  static final long DEMO_SEED = 42;

  /**
   * A synthetic county, and every partner publishing its own extracts through the edge agent with
   * its own key: what a quarter looks like on the platform.
   */
  static List<Published> publish(
      Platform platform,
      HearthConfig config,
      Scale size,
      long seed,
      KeyAuthority authority,
      Step step)
      throws Exception {
    Path county = config.workDir().resolve("synthetic-county");
    WorkDirectory.deleteTree(county);
    var report =
        SyntheticCounty.generate(
            SyntheticConfig.defaults(size, seed, county).withQuarters(1), s -> {});
    step.done(
        String.format(
            java.util.Locale.ROOT,
            "synthetic county: %,d people in %,d households, %,d extract rows",
            report.people(),
            report.households(),
            report.totalRows()));
    PostcodeLookup lookup = PostcodeLookup.load(county.resolve("lookup/onspd-synthetic.csv"));
    Path audit = config.workDir().resolve("audit");
    WorkDirectory.deleteTree(audit);
    List<Published> out = new ArrayList<>();
    List<Path> files;
    try (var walk = java.nio.file.Files.walk(county.resolve("extracts/2026-Q1"))) {
      files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String partner = f.getParent().getFileName().toString();
      String dataset = f.getFileName().toString().replaceAll("\\.(csv|xlsx)$", "");
      EdgeAgent.Result r =
          publishExtract(
              platform,
              authority,
              partner,
              Contracts.load(dataset),
              f,
              lookup,
              "2026-Q1",
              LocalDate.of(2026, 3, 31),
              audit);
      out.add(new Published(partner, dataset, r.rowsRead(), r.published(), r.matchKeys()));
    }
    long sent = out.stream().mapToLong(Published::published).sum();
    step.done(
        String.format(
            java.util.Locale.ROOT,
            "%d partner extracts pseudonymised at the edge, each partner with its own key: %,d records in %d transactions",
            out.size(),
            sent,
            out.size()));
    return out;
  }

  /** One partner's extract through the edge agent, with the partner's own key, into Kafka. */
  static EdgeAgent.Result publishExtract(
      Platform platform,
      KeyAuthority authority,
      String partner,
      DatasetContract contract,
      Path file,
      PostcodeLookup lookup,
      String period,
      LocalDate periodEnd,
      Path audit)
      throws Exception {
    String dataset = contract.dataset();
    platform.openDataset(partner, dataset);
    EdgeAgent agent =
        new EdgeAgent(
            new EdgeAgent.Settings(
                contract,
                authority.partnerKey(partner, 1),
                authority.signingKey(partner, 1),
                lookup,
                period,
                periodEnd,
                audit,
                100_000));
    try (ExtractPublisher p =
        new ExtractPublisher(
            platform.partnerKafkaClient(partner), Topics.edgeTransactionalId(partner, dataset))) {
      return agent.run(file, Optional.of(p), n -> {});
    }
  }

  static int publishAborted(Platform platform, KeyAuthority authority) throws Exception {
    int n = 100;
    var extract =
        SyntheticExtract.build(
            authority.partnerKey("basildon-council", 1),
            authority.signingKey("basildon-council", 1),
            "housing-benefits",
            "2026-Q2-aborted",
            n);
    Map<String, Object> props =
        new java.util.HashMap<>(platform.partnerKafkaClient("basildon-council"));
    props.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        Topics.edgeTransactionalId("basildon-council", "aborted-demo"));
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

  /**
   * The demo's key authority, from a fixed secret: fine for made-up data, never for real partners,
   * whose keys come from {@code hearth keys}.
   */
  static KeyAuthority demoAuthority() throws Exception {
    return new KeyAuthority(
        new MasterSecret(
            MessageDigest.getInstance("SHA-256")
                .digest("hearth-demo-master-secret".getBytes(StandardCharsets.UTF_8))));
  }

  private boolean summary(PrintWriter out, Platform platform, List<Published> published)
      throws SQLException {
    out.println();
    String fmt = "  %-24s %-24s %8s %10s %8s %8s %11s%n";
    out.printf(fmt, "partner", "dataset", "rows", "published", "landed", "refused", "quarantined");
    long totalRows = 0;
    long totalIn = 0;
    long totalLanded = 0;
    long totalRefused = 0;
    long totalQuarantined = 0;
    List<String> mismatches = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword());
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT coalesce(sum(landed), 0), coalesce(sum(refused), 0),"
                    + " coalesce(sum(quarantined), 0) FROM governance.extracts"
                    + " WHERE partner = ? AND dataset = ?")) {
      for (Published p : published) {
        ps.setString(1, p.partner());
        ps.setString(2, p.dataset());
        long landed;
        long refused;
        long quarantined;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          landed = rs.getLong(1);
          refused = rs.getLong(2);
          quarantined = rs.getLong(3);
        }
        out.printf(
            fmt, p.partner(), p.dataset(), p.rows(), p.published(), landed, refused, quarantined);
        totalRows += p.rows();
        totalIn += p.published();
        totalLanded += landed;
        totalRefused += refused;
        totalQuarantined += quarantined;
        if (landed + refused + quarantined != p.published()) {
          mismatches.add(p.dataset());
        }
      }
      out.printf(fmt, "total", "", totalRows, totalIn, totalLanded, totalRefused, totalQuarantined);
      out.println();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT (SELECT count(*) FROM linked.households),"
                      + " (SELECT count(*) FROM linked.persons),"
                      + " (SELECT count(*) FROM linked.households WHERE partners > 1),"
                      + " (SELECT coalesce(sum(ambiguous_links), 0) FROM governance.extracts)")) {
        rs.next();
        out.printf(
            java.util.Locale.ROOT,
            "Linked: %,d households (%,d described by more than one partner), %,d persons;"
                + " %,d ambiguous links refused.%n",
            rs.getLong(1),
            rs.getLong(3),
            rs.getLong(2),
            rs.getLong(4));
      }
    }
    out.println(
        "Rows not published were rejected at the edge with a reason (audit folder, rejects.csv);");
    out.println(
        "refused records carried identifier-shaped content: stored nowhere, an incident instead.");
    boolean balanced =
        totalIn == totalLanded + totalRefused + totalQuarantined && mismatches.isEmpty();
    out.println(
        balanced
            ? "published = landed + refused + quarantined: "
                + totalIn
                + " = "
                + totalLanded
                + " + "
                + totalRefused
                + " + "
                + totalQuarantined
            : "MISMATCH: published "
                + totalIn
                + ", landed "
                + totalLanded
                + ", refused "
                + totalRefused
                + ", quarantined "
                + totalQuarantined);
    return balanced;
  }

  private void waitForCtrlC(PrintWriter out, Platform platform) throws InterruptedException {
    out.println();
    out.println("Still running. Connect with:");
    out.println("  Kafka:       bootstrap servers " + platform.kafkaBootstrapServers());
    String url = platform.jdbcUrl().replace("jdbc:postgresql://", "");
    out.println("  PostgreSQL:  psql \"postgresql://" + platform.jdbcUser() + "@" + url + "\"");
    if (platform.config().postgres().embedded()) {
      out.println(
          "               password: the file "
              + platform
                  .config()
                  .workDir()
                  .resolve("postgres")
                  .resolve(EmbeddedPostgresServer.PASSWORD_FILE)
              + " (readable by you only)");
    }
    out.println(
        "               e.g. SELECT * FROM linked.households ORDER BY records DESC LIMIT 10;");
    out.println("Press Ctrl-C to stop every component.");
    out.flush();
    new CountDownLatch(1).await();
  }

  /** Prints each step with how long it took. */
  static final class Step {
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
