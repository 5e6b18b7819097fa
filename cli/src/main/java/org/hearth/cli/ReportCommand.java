package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.domesticabuse.DomesticAbuseNeeds;
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
    subcommands = {
      ReportCommand.SchoolReadinessCommand.class,
      ReportCommand.DomesticAbuseCommand.class
    })
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
              + " not being school ready with it against without it (risk ratio, 95%% CI): prints"
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

  @Command(
      name = "domestic-abuse",
      mixinStandardHelpOptions = true,
      description =
          "The domestic-abuse needs assessment: homelessness applications owed a duty because of"
              + " domestic abuse, per quarter, by district and household type, with small counts"
              + " suppressed; prints the tables and replaces published.domestic_abuse_needs. Run"
              + " it as the county: it counts the cases the connecting role may see."
              + " Reads hearth.postgres.jdbc-url.")
  static final class DomesticAbuseCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin Disclosure disclosure;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HearthConfig config = common.load();
      try (var pool =
              CommonOptions.configuredDatabase(
                  config, "hearth report domestic-abuse needs the analysts' database");
          Connection c = pool.getConnection()) {
        write(c, disclosure.rules(), spec.commandLine().getOut());
      }
      return 0;
    }

    /** Computes, publishes and prints: shared with the demo. */
    static DomesticAbuseNeeds.Figures write(Connection c, DisclosureRules rules, PrintWriter out)
        throws Exception {
      DomesticAbuseNeeds.Figures f = DomesticAbuseNeeds.compute(c, rules);
      DomesticAbuseNeeds.publish(c, f);
      out.printf(
          "Domestic abuse needs assessment: homelessness applications owed a duty because of"
              + " domestic abuse (counts below %d suppressed, shown as *)%n",
          rules.minCount());
      if (f.quarters().isEmpty()) {
        out.println("  No dated applications.");
      }
      for (DomesticAbuseNeeds.Quarter q : f.quarters()) {
        List<String> columns = q.columnNames();
        List<String> rows = q.rowNames();
        int first = q.quarter().length();
        for (String r : rows) {
          first = Math.max(first, r.length());
        }
        out.println();
        out.print("  " + pad(q.quarter(), first));
        for (String col : columns) {
          out.print("  " + col);
        }
        out.println();
        for (int i = 0; i < rows.size(); i++) {
          out.print("  " + pad(rows.get(i), first));
          for (int j = 0; j < columns.size(); j++) {
            OptionalLong v = q.applications(i, j);
            String cell = v.isPresent() ? Long.toString(v.getAsLong()) : "*";
            out.print(
                "  " + " ".repeat(Math.max(0, columns.get(j).length() - cell.length())) + cell);
          }
          out.println();
        }
      }
      if (f.undated() > 0) {
        out.printf(
            "%n  %d applications without a date of application are in no table.%n", f.undated());
      }
      out.println();
      out.println("Published to published.domestic_abuse_needs.");
      return f;
    }

    private static String pad(String s, int width) {
      return s + " ".repeat(Math.max(0, width - s.length()));
    }
  }
}
