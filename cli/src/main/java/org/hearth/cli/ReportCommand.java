package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.schoolreadiness.SchoolReadiness;
import org.hearth.analytics.schoolreadiness.SchoolReadinessReport;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reports over the linked tables, under disclosure control. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Reports over the linked tables; every figure passes disclosure control.",
    subcommands = {ReportCommand.SchoolReadinessCommand.class})
final class ReportCommand {

  /** Thresholds shared by every report. */
  static final class Disclosure {
    @Option(
        names = "--min-count",
        defaultValue = "5",
        description = "Counts below this are suppressed (default ${DEFAULT-VALUE}).")
    int minCount;

    @Option(
        names = "--min-denominator",
        defaultValue = "10",
        description = "Rates and ratios only over at least this many (default ${DEFAULT-VALUE}).")
    int minDenominator;

    DisclosureRules rules() {
      try {
        return new DisclosureRules(minCount, minDenominator);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }
  }

  @Command(
      name = "school-readiness",
      mixinStandardHelpOptions = true,
      description =
          "Good level of development by ward, and for each household circumstance the risk of"
              + " not being school ready with it against without it (risk ratio, 95% CI): prints"
              + " the table, writes a self-contained HTML report, and (for all wards) replaces the"
              + " published.school_readiness_* tables. Reads hearth.postgres.jdbc-url.")
  static final class SchoolReadinessCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin Disclosure disclosure;

    @Option(names = "--ward", paramLabel = "CODE", description = "Only this ward (ONS code).")
    String ward;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        defaultValue = "school-readiness.html",
        description = "HTML report to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HearthConfig config = common.load();
      try (var pool =
              CommonOptions.configuredDatabase(
                  config,
                  "hearth report needs the analysts' database (hearth demo --keep-running prints"
                      + " one)");
          Connection c = pool.getConnection()) {
        write(c, Optional.ofNullable(ward), disclosure.rules(), out, spec.commandLine().getOut());
      }
      return 0;
    }

    /** Computes, publishes (all wards only), prints and writes the report: shared with the demo. */
    static SchoolReadiness.Figures write(
        Connection c, Optional<String> ward, DisclosureRules rules, Path html, PrintWriter out)
        throws Exception {
      SchoolReadiness.Figures f = SchoolReadiness.compute(c, ward, rules);
      if (ward.isEmpty()) {
        SchoolReadiness.publish(c, f);
      }
      SchoolReadinessReport.printTable(out, f);
      Path parent = html.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(html, SchoolReadinessReport.html(f));
      out.println();
      out.println("Report written to " + html.toAbsolutePath());
      return f;
    }
  }
}
