package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearth.events.Topics;
import org.hearth.ingest.EdgeAgent;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.PostcodeLookup;
import org.hearth.ingest.contract.Contracts;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.pseudonymise.keyfile.PartnerKeyFile;
import org.hearth.pseudonymise.keyfile.SigningKeyFiles;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthException;
import org.hearth.runtime.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The partner's edge agent: validate, pseudonymise and publish one extract. */
@Command(
    name = "publish",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth publish --contract police-incidents --period 2026-Q1 \\",
      "      --file incidents-2026-Q1.csv --lookup onspd.csv \\",
      "      --key-file essex-police.v1.key.pem \\",
      "      --signing-key essex-police.v1.signing.pem",
      "  hearth publish --dry-run --contract rough-sleeping.json --period 2026-Q1 \\",
      "      --file rough-sleeping.csv --key-file outreach.v1.key.pem \\",
      "      --signing-key outreach.v1.signing.pem"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Validate an extract against its contract, pseudonymise its identifiers with the partner's",
      "key, and publish it with a signed manifest in one Kafka transaction. An audit folder keeps",
      "exactly what was sent, the manifest, a receipt and the reject report (which names file,",
      "row, column and rule, never a value)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published (or dry run written), no row rejected",
      "1:nothing published (the message says why)",
      "2:wrong usage or configuration",
      "3:published, but some rows were rejected: see the reject report"
    })
final class PublishCommand implements Callable<Integer> {
  static final int PUBLISHED_WITH_REJECTS = 3;

  @Mixin CommonOptions common;

  @Option(
      names = "--file",
      required = true,
      paramLabel = "FILE",
      description = "The extract: .csv or .xlsx.")
  Path file;

  @Option(
      names = "--contract",
      required = true,
      paramLabel = "NAME|FILE",
      description = "A built-in contract (hearth contracts list) or a contract file.")
  String contract;

  @Option(
      names = "--period",
      required = true,
      description = "The quarter the extract describes, e.g. 2026-Q1.")
  String period;

  @Option(
      names = "--key-file",
      required = true,
      paramLabel = "FILE",
      description = "The partner's pseudonymisation key file.")
  Path keyFile;

  @Option(
      names = "--signing-key",
      required = true,
      paramLabel = "FILE",
      description = "The partner's manifest-signing key file.")
  Path signingKey;

  @Option(
      names = "--lookup",
      paramLabel = "FILE",
      description = "Postcode lookup in ONS Postcode Directory layout (pcds, osward, lsoa21).")
  Path lookup;

  @Option(
      names = "--audit-dir",
      defaultValue = "hearth-audit",
      paramLabel = "DIR",
      description = "Where the audit copies go (default ${DEFAULT-VALUE}).")
  Path auditDir;

  @Option(
      names = "--dry-run",
      description = "Validate and write the audit copy only; publish nothing.")
  boolean dryRun;

  @Option(
      names = "--delta",
      description = {
        "Publish only what changed since this edge last published the dataset: inserts, updates",
        "and deletes. Without it the extract is full and replaces the previous one."
      })
  boolean delta;

  @Option(
      names = "--confirm-shrink",
      description = {
        "Confirm that this extract may retract more of the dataset than the platform's shrink",
        "limit allows (a full one: or everything, when empty); the signed manifest carries it.",
        "Without it the platform quarantines such an extract and changes nothing."
      })
  boolean confirmShrink;

  @Option(
      names = "--password-env",
      defaultValue = KeysCommand.PARTNER_PASSWORD,
      paramLabel = "NAME",
      description =
          "Environment variable with the key files' password (default ${DEFAULT-VALUE}); asked for when unset.")
  String passwordEnv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!period.matches("\\d{4}-Q[1-4]")) {
      throw new ConfigException("--period must be a quarter such as 2026-Q1");
    }
    int year = Integer.parseInt(period.substring(0, 4));
    LocalDate periodEnd =
        LocalDate.of(year, (period.charAt(6) - '0') * 3, 1).plusMonths(1).minusDays(1);
    DatasetContract c = wrapContract(() -> Contracts.load(contract));
    HearthConfig config = common.load();
    if (!dryRun && config.kafka().embedded()) {
      throw new ConfigException(
          "publish needs a Kafka: set hearth.kafka.bootstrap-servers (HEARTH_KAFKA_BOOTSTRAP_SERVERS), or use --dry-run");
    }
    char[] password = Passwords.read(passwordEnv, "Partner key password", false);
    PartnerKey key = KeysCommand.wrap(() -> PartnerKeyFile.read(keyFile, password));
    var signing = KeysCommand.wrap(() -> SigningKeyFiles.readFor(signingKey, password, key));
    PostcodeLookup areas = lookup == null ? PostcodeLookup.empty() : PostcodeLookup.load(lookup);
    if (lookup == null) {
      out.println(
          "note: no --lookup given, so postcodes generalise to their sector only (no ward or LSOA)");
    }
    EdgeAgent agent =
        new EdgeAgent(
            new EdgeAgent.Settings(
                c, key, signing, areas, period, periodEnd, auditDir, 200_000, delta));
    if (confirmShrink) {
      agent = agent.confirmingShrink();
    }
    Progress progress =
        new Progress(
            spec.commandLine().getErr(), Progress.estimateRows(file), System.console() != null);
    EdgeAgent.Result r;
    try {
      if (dryRun) {
        r = agent.run(file, Optional.empty(), progress);
      } else {
        String bootstrap = config.kafka().bootstrapServers().orElseThrow();
        Ports.requireReachable(bootstrap, "Kafka");
        java.util.Map<String, Object> props =
            new java.util.HashMap<>(config.kafka().clientProperties());
        props.put("bootstrap.servers", bootstrap);
        ExtractPublisher.requireTopic(props, Topics.dataset(key.partner(), c.dataset()));
        try (ExtractPublisher p =
            new ExtractPublisher(props, Topics.edgeTransactionalId(key.partner(), c.dataset()))) {
          r = agent.run(file, Optional.of(p), progress);
        }
      }
    } catch (EdgeAgent.ExtractException | ExtractPublisher.PublishException e) {
      progress.done();
      throw new HearthException(e.getMessage(), e);
    }
    progress.done();
    out.printf(
        Locale.ROOT,
        "%s %s as extract %s%s%n",
        dryRun ? "Checked (dry run)" : "Published",
        file.getFileName(),
        r.extractId(),
        dryRun ? "" : " to " + r.topic());
    r.notes().forEach(n -> out.println("  note: " + n));
    out.printf(
        Locale.ROOT,
        "  rows read       %,10d%n  published       %,10d%n  rows rejected   %,10d%n",
        r.rowsRead(),
        r.published(),
        r.rejectedRows());
    if (delta) {
      out.printf(
          Locale.ROOT,
          "  delta: %,d inserted, %,d updated, %,d deleted, %,d unchanged (not sent)%n",
          r.delta().inserted(),
          r.delta().updated(),
          r.delta().deleted(),
          r.delta().unchanged());
    }
    if (!r.problemsByRule().isEmpty()) {
      out.println("  problems by rule (rows are in the reject report; values are never shown):");
      r.problemsByRule().forEach((rule, n) -> out.printf(Locale.ROOT, "    %-28s %,8d%n", rule, n));
    }
    out.println(
        "  audit: " + r.auditFolder() + " (sent.avro, manifest.json, receipt.json, rejects.csv)");
    return r.rejectedRows() > 0 ? PUBLISHED_WITH_REJECTS : 0;
  }

  private static DatasetContract wrapContract(java.util.function.Supplier<DatasetContract> s) {
    try {
      return s.get();
    } catch (Contracts.ContractException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /**
   * The edge's progress: a progress bar with rows, percent, speed and time left when stderr is a
   * terminal; when it is not (a scheduled run, a redirected log) a plain line every ten seconds, so
   * logs get no carriage returns. The total is estimated from the file's lines (a CSV row can span
   * lines inside quotes, so it is an upper bound); a workbook's total is not known before it is
   * read, so its bar counts without a percent.
   */
  static final class Progress implements java.util.function.LongConsumer {
    private final me.tongfei.progressbar.ProgressBar bar;

    Progress(PrintWriter err, long estimatedRows, boolean terminal) {
      var b =
          new me.tongfei.progressbar.ProgressBarBuilder()
              .setTaskName("rows")
              .setInitialMax(estimatedRows)
              .setUnit(" rows", 1)
              .showSpeed()
              .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
              .continuousUpdate();
      if (terminal) {
        b.setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).setUpdateIntervalMillis(500);
      } else {
        b.setConsumer(
                new me.tongfei.progressbar.DelegatingProgressBarConsumer(
                    line -> {
                      err.println("  " + line.strip());
                      err.flush();
                    },
                    100))
            .setUpdateIntervalMillis(10_000);
      }
      this.bar = b.build();
    }

    /** Rows a file will give at most: its lines after the header, or -1 for a workbook. */
    static long estimateRows(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!name.endsWith(".csv") && !name.endsWith(".txt")) {
        return -1;
      }
      long lines = 0;
      try (var in = java.nio.file.Files.newInputStream(file)) {
        byte[] buffer = new byte[1 << 16];
        int n;
        byte last = '\n';
        while ((n = in.read(buffer)) > 0) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
          last = buffer[n - 1];
        }
        if (last != '\n') {
          lines++;
        }
      } catch (java.io.IOException e) {
        return -1; // the reader reports what is wrong with the file
      }
      return Math.max(0, lines - 1);
    }

    @Override
    public void accept(long rows) {
      if (bar.getMax() >= 0 && rows > bar.getMax()) {
        bar.maxHint(rows);
      }
      bar.stepTo(rows);
    }

    void done() {
      bar.close();
    }
  }
}
