package org.hearth.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.analytics.retention.Retention;
import org.hearth.runtime.HearthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Retention: per-dataset rules, destruction, and its evidence. */
@Command(
    name = "retention",
    footerHeading = "%nExamples:%n",
    footer = {"  hearth retention run --config hearth.properties --dry-run"},
    mixinStandardHelpOptions = true,
    description = "Apply the retention rules in governance.retention_rules.",
    subcommands = {RetentionCommand.Run.class})
final class RetentionCommand {

  @Command(
      name = "run",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth retention run --config hearth.properties --dry-run",
        "  hearth retention run --config hearth.properties"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Delete every linked record a retention rule has outlived (counted from when the extract",
        "that last carried it landed) and write governance.destruction_log, in one transaction.",
        "The link job applies the same rules to its own state. Reads hearth.postgres.jdbc-url."
      })
  static final class Run implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--dry-run", description = "Count what would be destroyed; change nothing.")
    boolean dryRun;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HearthConfig config = common.load();
      PrintWriter out = spec.commandLine().getOut();
      try (var pool =
              CommonOptions.configuredDatabase(config, "hearth retention run needs the database");
          Connection c = pool.getConnection()) {
        List<Retention.Destroyed> done = Retention.run(c, dryRun);
        if (done.isEmpty()) {
          out.println("No record has outlived its retention rule; nothing destroyed.");
          return 0;
        }
        out.printf("%-32s %-28s %-24s %10s%n", "rule", "partner", "dataset", "records");
        long total = 0;
        for (Retention.Destroyed d : done) {
          out.printf(
              Locale.ROOT,
              "%-32s %-28s %-24s %,10d%n",
              d.rule(),
              d.partner(),
              d.dataset(),
              d.records());
          total += d.records();
        }
        out.printf(
            Locale.ROOT,
            dryRun
                ? "%n%,d records would be destroyed (dry run: nothing changed).%n"
                : "%n%,d records destroyed; logged in governance.destruction_log.%n",
            total);
      }
      return 0;
    }
  }
}
