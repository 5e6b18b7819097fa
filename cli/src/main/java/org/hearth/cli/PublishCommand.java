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
    Progress progress = new Progress(spec.commandLine().getErr());
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

  /** Rows and rows/s on one line, redrawn at most twice a second. */
  static final class Progress implements java.util.function.LongConsumer {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long last;
    private boolean drawn;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void accept(long rows) {
      long now = System.nanoTime();
      if (now - last < 500_000_000L) {
        return;
      }
      last = now;
      double secs = Math.max(1e-3, (now - start) / 1e9);
      err.printf(Locale.ROOT, "\r  %,d rows  %,.0f rows/s  %.0f s   ", rows, rows / secs, secs);
      err.flush();
      drawn = true;
    }

    void done() {
      if (drawn) {
        err.println();
        err.flush();
      }
    }
  }
}
