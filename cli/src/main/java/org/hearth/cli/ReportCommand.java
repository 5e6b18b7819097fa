package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.hearth.analytics.audit.DisclosureEffect;
import org.hearth.analytics.audit.KAnonymity;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.PerturbationTable;
import org.hearth.analytics.disclosure.Release;
import org.hearth.analytics.domesticabuse.DomesticAbuseNeeds;
import org.hearth.analytics.domesticabuse.DomesticAbuseReport;
import org.hearth.analytics.reference.Names;
import org.hearth.analytics.report.Html;
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
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth report school-readiness --config hearth.properties",
      "  hearth report domestic-abuse --config hearth.properties"
    },
    mixinStandardHelpOptions = true,
    description = "Reports over the linked tables; every figure passes disclosure control.",
    subcommands = {
      ReportCommand.SchoolReadinessCommand.class,
      ReportCommand.DomesticAbuseCommand.class,
      ReportCommand.DisclosureEffectCommand.class,
      ReportCommand.KAnonymityCommand.class,
      ReportCommand.NamesCommand.class
    })
final class ReportCommand {

  /** Disclosure control shared by every report. */
  static final class Disclosure {
    @Option(
        names = "--disclosure",
        defaultValue = "perturbation",
        paramLabel = "perturbation|suppression",
        description =
            "perturbation: every count perturbed by the cell key method (survives"
                + " republication); suppression: counts below --min-count suppressed (does not"
                + " survive republication: docs/analytics.md). Default ${DEFAULT-VALUE}.")
    String method;

    @Option(
        names = "--min-count",
        defaultValue = "5",
        description =
            "With --disclosure suppression: counts below this are suppressed (default"
                + " ${DEFAULT-VALUE}).")
    int minCount;

    @Option(
        names = "--min-denominator",
        defaultValue = "10",
        description = "Rates and ratios only over at least this many (default ${DEFAULT-VALUE}).")
    int minDenominator;

    DisclosureRules rules() {
      try {
        return switch (method) {
          case "perturbation" ->
              DisclosureRules.perturbation(PerturbationTable.HEARTH_1, minDenominator);
          case "suppression" -> DisclosureRules.suppression(minCount, minDenominator);
          default ->
              throw new ConfigException(
                  "--disclosure is perturbation or suppression, not '" + method + "'");
        };
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    }
  }

  @Command(
      name = "school-readiness",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth report school-readiness --config hearth.properties",
        "  hearth report school-readiness --config hearth.properties \\",
        "      --ward E05004101 --out ward.html"
      },
      mixinStandardHelpOptions = true,
      description =
          "Good level of development by ward, and for each household circumstance the risk of"
              + " not being school ready with it against without it (risk ratio, 95%% CI): prints"
              + " the table, writes a self-contained HTML report, and (for all wards) replaces the"
              + " published.school_readiness_* tables, with the release's output check (in"
              + " governance.output_checks and as <report>.output-check.md beside the report)."
              + " Reads hearth.postgres.jdbc-url.")
  static final class SchoolReadinessCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin Disclosure disclosure;

    @Option(
        names = "--ward",
        paramLabel = "CODE|NAME",
        description =
            "Only this ward, by ONS code or by name (reference.wards); a ward with no assessed"
                + " children is an error.")
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
      List<SchoolReadiness.Child> children = SchoolReadiness.children(c);
      SchoolReadinessReport.Context context = SchoolReadinessReport.Context.read(c, rules);
      Optional<String> code = ward.map(w -> wardCode(w, children, context.names()));
      SchoolReadiness.Figures computed =
          SchoolReadiness.figures(children, code, rules, java.time.Instant.now());
      // the counts of children left out are published with the tables, checked like them
      List<org.hearth.analytics.disclosure.OutputCheck> checks =
          new java.util.ArrayList<>(computed.checks());
      context.coverage().ifPresent(cov -> checks.addAll(cov.checks()));
      SchoolReadiness.Figures f =
          new SchoolReadiness.Figures(
              computed.ward(),
              computed.rules(),
              computed.computedAt(),
              computed.wards(),
              computed.total(),
              computed.factors(),
              List.copyOf(checks));
      Release release =
          code.isEmpty()
              ? SchoolReadiness.publish(c, f)
              : Release.of(
                  SchoolReadiness.PUBLICATION + "-ward-report", f.computedAt(), rules, f.checks());
      SchoolReadinessReport.printTable(out, f, context);
      Html.writePage(html, SchoolReadinessReport.html(f, context));
      Path check = Release.besideReport(html);
      release.writeMarkdown(check);
      out.println();
      out.println("Report written to " + html.toAbsolutePath());
      out.println(
          "Output check written to "
              + check.toAbsolutePath()
              + (code.isEmpty()
                  ? " (release " + release.releaseId() + ", also in governance.output_checks)"
                  : " (a one-ward report is not published)"));
      return f;
    }

    /**
     * The code of the ward asked for, by code or by name; a ward with no assessed children, or none
     * at all, is an error naming some that have.
     */
    static String wardCode(String asked, List<SchoolReadiness.Child> children, Names.All names) {
      java.util.TreeSet<String> codes = new java.util.TreeSet<>();
      for (SchoolReadiness.Child ch : children) {
        codes.add(ch.ward());
      }
      Optional<String> code = names.resolveWard(asked, codes);
      if (code.isPresent()) {
        return code.get();
      }
      List<String> some =
          codes.stream()
              .limit(8)
              .map(w -> names.ward(w).map(n -> w + " (" + n.name() + ")").orElse(w))
              .toList();
      throw new ConfigException(
          "--ward "
              + asked
              + ": no assessed children in a ward of that code or name"
              + (codes.isEmpty()
                  ? "; the linked data hold no school-readiness results"
                  : "; wards with children: "
                      + String.join(", ", some)
                      + (codes.size() > some.size()
                          ? " and " + (codes.size() - some.size()) + " more"
                          : "")));
    }
  }

  @Command(
      name = "domestic-abuse",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth report domestic-abuse --config hearth.properties",
        "  hearth report domestic-abuse --config hearth.properties \\",
        "      --disclosure suppression --min-count 5"
      },
      mixinStandardHelpOptions = true,
      description =
          "The domestic-abuse needs assessment: homelessness applications owed a duty because of"
              + " domestic abuse, per quarter, by district and household type, under disclosure"
              + " control; prints the tables, replaces published.domestic_abuse_needs and writes"
              + " the release's output check. Run it as the county: it counts the cases the"
              + " connecting role may see. Reads hearth.postgres.jdbc-url.")
  static final class DomesticAbuseCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin Disclosure disclosure;

    @Option(
        names = "--output-check",
        paramLabel = "FILE",
        defaultValue = "domestic-abuse-needs.output-check.md",
        description = "Where to write the release's output check (default ${DEFAULT-VALUE}).")
    Path outputCheck;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        defaultValue = "domestic-abuse-needs.html",
        description =
            "HTML report to write (default ${DEFAULT-VALUE}); the same figures go to a CSV beside"
                + " it (FILE with .csv).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      common.withDatabase(
          "hearth report domestic-abuse needs the analysts' database",
          c -> {
            write(c, disclosure.rules(), out, outputCheck, spec.commandLine().getOut());
          });
      return 0;
    }

    /** Computes, publishes, prints and writes the page and the CSV: shared with the demo. */
    static DomesticAbuseNeeds.Figures write(
        Connection c, DisclosureRules rules, Path html, Path outputCheck, PrintWriter out)
        throws Exception {
      DomesticAbuseNeeds.Figures f = DomesticAbuseNeeds.compute(c, rules);
      Names.All names = Names.read(c);
      Release release = DomesticAbuseNeeds.publish(c, f);
      release.writeMarkdown(outputCheck);
      Html.writePage(html, DomesticAbuseReport.html(f, names));
      Path csv = besideAs(html, ".csv");
      Html.writeCsv(csv, DomesticAbuseReport.csv(f, names));
      out.printf(
          "Domestic abuse needs assessment: homelessness applications owed a duty because of"
              + " domestic abuse (%s)%n",
          rules.perturbs()
              ? "every count perturbed: " + rules.label()
              : "counts below " + rules.minCount() + " suppressed, shown as *");
      if (f.quarters().isEmpty()) {
        out.println("  No dated applications.");
      }
      for (DomesticAbuseNeeds.Quarter q : f.quarters()) {
        List<String> columns = q.columnNames();
        List<String> rows =
            q.rowNames().stream().map(r -> DomesticAbuseReport.district(names, r)).toList();
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
      out.println(
          "Published to published.domestic_abuse_needs (release "
              + release.releaseId()
              + "); output check written to "
              + outputCheck.toAbsolutePath());
      out.println("Report written to " + html.toAbsolutePath() + " and " + csv.toAbsolutePath());
      return f;
    }

    private static String pad(String s, int width) {
      return s + " ".repeat(Math.max(0, width - s.length()));
    }
  }

  /** The file beside another with a different extension: report.html to report.csv. */
  static Path besideAs(Path file, String extension) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
  }

  @Command(
      name = "names",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth report names --config hearth.properties \\",
        "      --wards lookup/ward-names.csv --partners lookup/partner-names.csv"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Loads the names reports show in place of codes into reference.wards and",
        "reference.partners (public reference data every role may read; loading again replaces",
        "a name). Reads hearth.postgres.jdbc-url."
      })
  static final class NamesCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(
        names = "--wards",
        paramLabel = "FILE",
        description =
            "Ward names and codes in the ONS layout (columns WDnnCD, WDnnNM, optionally LADnnCD,"
                + " LADnnNM), e.g. the synthetic county's lookup/ward-names.csv.")
    Path wards;

    @Option(
        names = "--partners",
        paramLabel = "FILE",
        description = "Partners' names: columns partner, name (e.g. lookup/partner-names.csv).")
    Path partners;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (wards == null && partners == null) {
        throw new ConfigException("give --wards FILE, --partners FILE or both");
      }
      for (Path p : new Path[] {wards, partners}) {
        if (p != null && !Files.isRegularFile(p)) {
          throw new ConfigException("no such file: " + p);
        }
      }
      List<Names.Ward> w;
      java.util.Map<String, String> pn;
      try {
        w = wards == null ? List.of() : Names.readWards(wards);
        pn = partners == null ? java.util.Map.of() : Names.readPartners(partners);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
      common.withDatabase(
          "hearth report names needs the analysts' database",
          c -> {
            int nw = Names.loadWards(c, w);
            int np = Names.loadPartners(c, pn);
            spec.commandLine()
                .getOut()
                .printf(
                    "Loaded %d ward names into reference.wards and %d partner names into"
                        + " reference.partners.%n",
                    nw, np);
          });
      return 0;
    }
  }

  @Command(
      name = "disclosure-effect",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth report disclosure-effect --config hearth.properties --trials 500"},
      mixinStandardHelpOptions = true,
      description = {
        "What disclosure control costs and buys on the linked data at hand: the school-readiness",
        "and domestic-abuse figures under cell-key perturbation and under threshold suppression",
        "against the true ones (cells changed, mean absolute change, ward rates, risk ratios),",
        "and the republication differencing attack repeated in memory against both. Reads true",
        "counts (run it as the county analyst) but prints only summaries. Publishes nothing.",
        "Reads hearth.postgres.jdbc-url."
      })
  static final class DisclosureEffectCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin Disclosure disclosure;

    @Option(
        names = "--trials",
        defaultValue = "2000",
        description = "Children the attack is repeated on (default ${DEFAULT-VALUE}; 0: none).")
    int trials;

    @Option(
        names = "--seed",
        defaultValue = "21",
        description = "Seed of the attack's choice of children (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      common.withDatabase(
          "hearth report disclosure-effect needs the analysts' database",
          c -> {
            DisclosureEffect.print(
                spec.commandLine().getOut(),
                SchoolReadiness.children(c),
                DomesticAbuseNeeds.read(c),
                DisclosureRules.perturbation(PerturbationTable.HEARTH_1, disclosure.minDenominator),
                DisclosureRules.suppression(disclosure.minCount, disclosure.minDenominator),
                trials,
                seed);
          });
      return 0;
    }
  }

  @Command(
      name = "k-anonymity",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth report k-anonymity --config hearth.properties"},
      mixinStandardHelpOptions = true,
      description = {
        "k-anonymity of the analyst-facing views for the usual quasi-identifier combinations",
        "(month of birth, sex, small area), as published to analysts and generalised: records,",
        "equivalence classes, the smallest and median class, unique records and records in",
        "classes below 5, as a markdown table. Reads hearth.postgres.jdbc-url."
      })
  static final class KAnonymityCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      common.withDatabase(
          "hearth report k-anonymity needs the analysts' database",
          c -> {
            KAnonymity.print(spec.commandLine().getOut(), KAnonymity.measureAll(c));
          });
      return 0;
    }
  }
}
