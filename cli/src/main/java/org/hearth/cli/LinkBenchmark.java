package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.analytics.Database;
import org.hearth.events.EventCodec;
import org.hearth.events.ExtractDigest;
import org.hearth.events.ExtractManifest;
import org.hearth.events.ExtractMode;
import org.hearth.events.ManifestSigning;
import org.hearth.events.PartnerRecord;
import org.hearth.events.Topics;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.link.LinkJob;
import org.hearth.link.LinkSettings;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.speed.CryptoSpeed;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.Platform;
import org.hearth.runtime.WorkDirectory;
import org.hearth.synthetic.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The link job's throughput and freshness on the embedded platform. The edge runs first and is not
 * timed; then one streaming link job reads every partner topic from the start (records/s until
 * every extract is decided), and stays up while single corrected records are published one at a
 * time (publish to row visible in PostgreSQL).
 */
@Command(
    name = "link",
    footerHeading = "%nExamples:%n",
    footer = {"  hearth bench link --scale district --freshness-samples 10"},
    mixinStandardHelpOptions = true,
    description = {
      "Link-job records/s over a synthetic county's extracts (the edge runs first and is not",
      "timed), then freshness: publish one corrected record, time until its row is visible in",
      "PostgreSQL, repeated. Reports p50 and p95, and re-key ops/s measured in the same run as",
      "a reference for the machine's speed."
    })
final class LinkBenchmark implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--scale",
      defaultValue = "county",
      description = "ward, district or county (default ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--freshness-samples",
      defaultValue = "40",
      description = "Corrected records to time (default ${DEFAULT-VALUE}).")
  int samples;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Scale size = CommonOptions.scale(scale, true);
    if (samples < 1) {
      throw new ConfigException("--freshness-samples must be at least 1");
    }
    HearthConfig config = common.load();
    WorkDirectory.prepare(config.workDir(), "");
    WorkDirectory.deleteTree(config.workDir().resolve("flink"));
    DemoCommand.Step step = new DemoCommand.Step(out);
    double rekeyOps = rekeyReference();
    step.done(String.format(Locale.ROOT, "reference: re-key %,.0f ops/s, 1 thread", rekeyOps));
    try (Platform platform = Platform.start(config, new Platform.Ports(0, 0))) {
      try (var pool =
          Database.pool(platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword())) {
        Database.migrate(pool);
      }
      KeyAuthority authority = DemoCommand.demoAuthority();
      List<DemoCommand.Published> published =
          DemoCommand.publish(platform, config, size, seed, authority, step);
      long records = published.stream().mapToLong(DemoCommand.Published::published).sum();
      long keys = published.stream().mapToLong(DemoCommand.Published::matchKeys).sum();
      step.done(
          String.format(
              Locale.ROOT,
              "%.2f match keys a record (%,d): the multiplications each record costs at the edge,"
                  + " and at most at re-keying",
              keys / (double) Math.max(1, records),
              keys));
      List<String> partners =
          published.stream().map(DemoCommand.Published::partner).distinct().toList();

      LinkSettings link =
          DemoCommand.linkSettings(
              platform, config, authority, published, false, "hearth-link-bench-");
      LinkJob.createIncidentTopics(link, partners);
      StreamExecutionEnvironment env =
          FlinkEnvironments.create(
              config.flink(), config.workDir(), JobJars.forCluster(config.flink()));
      LinkJob.define(env, LinkJob.kafkaSource(link), link, LinkJob.outputs(link));
      long start = System.nanoTime();
      JobClient job = env.executeAsync(LinkJob.NAME);
      try (Connection c =
          DriverManager.getConnection(
              platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword())) {
        waitForExtracts(c, published.size(), start);
        double seconds = (System.nanoTime() - start) / 1e9;
        step.done(
            String.format(
                Locale.ROOT,
                "link job: %,d records in %.1f s = %,.0f records/s (job start included)",
                records,
                seconds,
                records / seconds));

        List<Double> latencies = freshness(c, platform, config, authority);
        latencies.sort(null);
        step.done(
            String.format(
                Locale.ROOT,
                "freshness over %d corrected records: p50 %.2f s, p95 %.2f s, max %.2f s",
                latencies.size(),
                percentile(latencies, 0.50),
                percentile(latencies, 0.95),
                latencies.get(latencies.size() - 1)));
        out.printf(
            Locale.ROOT,
            "%nscale %s, seed %d, parallelism %d: %,.0f records/s (%.2f match keys a record);"
                + " freshness p50 %.2f s, p95 %.2f s; re-key reference %,.0f ops/s%n",
            size.name().toLowerCase(Locale.ROOT),
            seed,
            config.flink().parallelism(),
            records / seconds,
            keys / (double) Math.max(1, records),
            percentile(latencies, 0.50),
            percentile(latencies, 0.95),
            rekeyOps);
      } finally {
        job.cancel().get();
      }
    }
    return 0;
  }

  private static double rekeyReference() {
    return CryptoSpeed.run(1.0, false).measurements().stream()
        .filter(m -> m.name().equals(CryptoSpeed.REKEY))
        .findFirst()
        .orElseThrow()
        .opsPerSecond();
  }

  private static void waitForExtracts(Connection c, int extracts, long start) throws Exception {
    try (PreparedStatement st =
        c.prepareStatement("SELECT count(*) FROM governance.extracts WHERE status = 'LANDED'")) {
      while (true) {
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          if (rs.getLong(1) >= extracts) {
            return;
          }
        }
        if (System.nanoTime() - start > 3_600e9) {
          throw new IllegalStateException("the link job did not land every extract in an hour");
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * Publishes single-record corrections, one at a time, each a signed delta extract on top of the
   * one before (the gate refuses a delta that names another base, or a sequence that does not
   * grow), and times each from just before publishing until its row shows the new extract. The
   * record is re-sent as it was: its typed record takes no attribute it does not define.
   */
  private List<Double> freshness(
      Connection c, Platform platform, HearthConfig config, KeyAuthority authority)
      throws Exception {
    Path sent = firstAudit(config.workDir().resolve("audit"));
    PartnerRecord original;
    try (DataFileReader<PartnerRecord> r =
        new DataFileReader<>(sent.toFile(), new SpecificDatumReader<>(PartnerRecord.class))) {
      original = r.next();
    }
    String topic = Topics.dataset(original.getPartner(), original.getDataset());
    List<Double> latencies = new ArrayList<>();
    java.util.Random jitter = new java.util.Random(seed);
    try (ExtractPublisher p =
            new ExtractPublisher(
                platform.partnerKafkaClient(original.getPartner().toString()),
                Topics.edgeTransactionalId(original.getPartner().toString(), "bench-corrections"));
        PreparedStatement visible =
            c.prepareStatement("SELECT 1 FROM linked.contributions WHERE extract_id = ?")) {
      String base = original.getExtractId().toString();
      long sequence = System.currentTimeMillis(); // above the edge's, which it floors at its clock
      for (int i = 0; i < samples; i++) {
        String extractId = original.getDataset() + "-correction-" + System.nanoTime();
        PartnerRecord corrected =
            PartnerRecord.newBuilder(original).setExtractId(extractId).setSequence(0).build();
        ExtractManifest manifest = signedDelta(corrected, authority, sequence + 1 + i, base);
        base = extractId;
        Thread.sleep(jitter.nextInt(300)); // not in step with the sink's flush interval
        long t0 = System.nanoTime();
        p.publish(topic, List.of(corrected), manifest);
        visible.setString(1, extractId);
        while (true) {
          try (ResultSet rs = visible.executeQuery()) {
            if (rs.next()) {
              break;
            }
          }
          if (System.nanoTime() - t0 > 120e9) {
            throw new IllegalStateException("a correction did not land within two minutes");
          }
          Thread.sleep(5);
        }
        latencies.add((System.nanoTime() - t0) / 1e9);
      }
    }
    return latencies;
  }

  private static ExtractManifest signedDelta(
      PartnerRecord r, KeyAuthority authority, long sequence, String replaces) {
    ExtractDigest digest = new ExtractDigest().add(r);
    return ManifestSigning.sign(
        ExtractManifest.newBuilder()
            .setPartner(r.getPartner())
            .setDataset(r.getDataset())
            .setExtractId(r.getExtractId())
            .setPeriod("2026-Q1")
            .setMode(ExtractMode.DELTA)
            .setRecordCount(1)
            .setContentDigest(ByteBuffer.wrap(digest.digest()))
            .setSchemaFingerprint(EventCodec.recordSchemaFingerprint(r.getDataset()))
            .setKeyVersion(r.getKeyVersion())
            .setSequence(sequence)
            .setReplaces(replaces)
            .setSignature(ByteBuffer.allocate(0))
            .build(),
        authority.signingKey(r.getPartner(), r.getKeyVersion()));
  }

  private static Path firstAudit(Path audit) throws Exception {
    try (var walk = Files.walk(audit)) {
      return walk.filter(f -> f.getFileName().toString().equals("sent.avro"))
          .sorted()
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no edge audit copy to correct"));
    }
  }

  static double percentile(List<Double> sorted, double p) {
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
