package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.Release;
import org.hearth.analytics.report.Html;
import org.hearth.analytics.supportingfamilies.ClaimsCheck;
import org.hearth.analytics.supportingfamilies.ClaimsReport;
import org.hearth.analytics.supportingfamilies.ClaimsSummary;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Supporting Families: the programme's questions of the linked data. */
@Command(
    name = "sf",
    footerHeading = "%nExamples:%n",
    footer = {"  hearth sf check-claims --config hearth.properties --period 2026-Q1"},
    mixinStandardHelpOptions = true,
    description = "Supporting Families: questions the programme asks of the linked data.",
    subcommands = {SupportingFamiliesCommand.CheckClaims.class})
final class SupportingFamiliesCommand {

  @Command(
      name = "check-claims",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth sf check-claims --config hearth.properties --period 2026-Q1",
        "  hearth sf check-claims --config hearth.properties --out claims.csv"
      },
      mixinStandardHelpOptions = true,
      description = {
        "For each claim of a period in the claims register (dataset supporting-families-claims,",
        "published like any extract: hearth publish --contract supporting-families-claims), was",
        "the family claimed before (an earlier claim naming one of the same people, or made at",
        "the same household), and which headline outcome areas partners' records show a need in.",
        "Prints a summary and writes one line per claim, by claim reference, to a CSV file",
        "(operational, exact); publishes the summary under disclosure control to",
        "published.supporting_families_claims with its output check (beside the CSV, and in",
        "governance.output_checks), and as a page and a CSV beside the claims CSV",
        "(<name>-summary.html, <name>-summary.csv). Reads hearth.postgres.jdbc-url."
      })
  static final class CheckClaims implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(
        names = "--period",
        paramLabel = "YYYY-Qn",
        description = "Period whose claims to check (default: the register's latest).")
    String period;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "CSV to write (default sf-claims-check-<period>.csv).")
    Path out;

    @Mixin ReportCommand.Disclosure disclosure;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (period != null && !period.matches("\\d{4}-Q[1-4]")) {
        throw new ConfigException("--period must look like 2026-Q1, not '" + period + "'");
      }
      HearthConfig config = common.load();
      try (var pool =
              CommonOptions.configuredDatabase(
                  config, "hearth sf check-claims needs the database");
          Connection c = pool.getConnection()) {
        write(c, Optional.ofNullable(period), out, disclosure.rules(), spec.commandLine().getOut());
      }
      return 0;
    }

    /** Checks, prints the summary and writes the CSV: shared with the demo. */
    static ClaimsCheck.Result write(
        Connection c, Optional<String> period, Path csv, DisclosureRules rules, PrintWriter out)
        throws Exception {
      ClaimsCheck.Result r = ClaimsCheck.check(c, period);
      if (r.period() == null) {
        out.println(
            "Supporting Families: the claims register is empty (publish dataset"
                + " supporting-families-claims first).");
        return r;
      }
      if (r.claims().isEmpty()) {
        throw new ConfigException(
            "no claims for " + r.period() + " in the register; its periods: " + r.periods());
      }
      Path file = csv != null ? csv : Path.of("sf-claims-check-" + r.period() + ".csv");
      ClaimsCheck.writeCsv(r, file);
      out.printf(
          Locale.ROOT,
          "Supporting Families claims for %s: %,d claims, %,d of them for a family claimed"
              + " before.%n",
          r.period(),
          r.claims().size(),
          r.claimedBefore());
      int shown = 0;
      for (ClaimsCheck.Claim claim : r.claims()) {
        if (claim.wasClaimedBefore() && shown++ < 10) {
          ClaimsCheck.Earlier e = claim.claimedBefore().get(0);
          out.printf(
              "  %s was claimed before: %s (%s, %s)%n",
              claim.reference(),
              e.reference(),
              e.period(),
              e.by() == ClaimsCheck.Link.SAME_PERSON ? "same person" : "same household");
        }
      }
      if (shown > 10) {
        out.printf("  ... and %d more%n", shown - 10);
      }
      out.println("Headline outcome areas with evidence in partners' records (claims):");
      for (ClaimsCheck.Area a : ClaimsCheck.Area.values()) {
        long n = r.claims().stream().filter(x -> x.evidence().contains(a)).count();
        out.printf(Locale.ROOT, "  %-48s %,6d%n", a.headline(), n);
      }
      out.println("One line per claim written to " + file.toAbsolutePath());
      ClaimsSummary.Figures summary = ClaimsSummary.of(r, rules, Instant.now());
      Release release = ClaimsSummary.publish(c, summary);
      Path check = Release.besideReport(file);
      release.writeMarkdown(check);
      Path summaryHtml = ReportCommand.besideAs(file, "-summary.html");
      Path summaryCsv = ReportCommand.besideAs(file, "-summary.csv");
      Html.writePage(summaryHtml, ClaimsReport.html(summary));
      Html.writeCsv(summaryCsv, ClaimsReport.csv(summary));
      out.println(
          "Summary published to "
              + ClaimsSummary.TABLE
              + " ("
              + rules.label()
              + "; release "
              + release.releaseId()
              + "); output check written to "
              + check.toAbsolutePath());
      out.println(
          "Summary written to "
              + summaryHtml.toAbsolutePath()
              + " and "
              + summaryCsv.toAbsolutePath());
      return r;
    }
  }
}
