package org.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.analytics.Database;
import org.hearth.link.evaluate.PairwiseQuality;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.Platform;
import org.hearth.runtime.WorkDirectory;
import org.hearth.synthetic.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Linkage quality of the whole pipeline against the synthetic population's ground truth. */
@Command(
    name = "evaluate",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth evaluate --scale ward --json",
      "  hearth evaluate --truth synthetic-county --audit hearth-audit \\",
      "      --config hearth.properties"
    },
    mixinStandardHelpOptions = true,
    description =
        "Measure linkage quality: generate a synthetic county, run it through the edge, Kafka, the"
            + " link job and PostgreSQL (all embedded), and report precision, recall and F1 of"
            + " household and person links against the generator's truth - for the pseudonymised"
            + " pipeline and for the same resolution rules run on the plaintext match keys, side"
            + " by side. With --truth it runs nothing and evaluates an existing run's tables"
            + " instead (the county directory that run published, and its database).")
final class EvaluateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--scale",
      defaultValue = "ward",
      description = "ward (~10k people) or district (~185k); default ${DEFAULT-VALUE}.")
  String scale;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the synthetic county; default ${DEFAULT-VALUE}, the demo's county.")
  long seed;

  @Option(names = "--json", description = "Print the figures as JSON.")
  boolean json;

  @Option(
      names = "--truth",
      paramLabel = "DIR",
      description =
          "Evaluate an existing run: the synthetic county directory it published (truth/,"
              + " extracts/, lookup/, as hearth generate or the demo wrote it). Nothing is run;"
              + " the tables come from --jdbc-url.")
  Path truth;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "With --truth: the run's database (default hearth.postgres.jdbc-url; user and password"
              + " from hearth.postgres.user and HEARTH_POSTGRES_PASSWORD).")
  String jdbcUrl;

  @Option(
      names = "--audit",
      paramLabel = "DIR",
      description =
          "With --truth: the edge's audit directory of that run (default: the work directory's"
              + " audit/).")
  Path audit;

  @Option(
      names = "--period",
      paramLabel = "YYYY-Qn",
      description = "With --truth: the quarter to evaluate (default: the only one published).")
  String period;

  @Option(
      names = "--febrl",
      paramLabel = "DIR",
      description =
          "Evaluate the external FEBRL benchmark files in DIR (dataset1.csv, dataset2.csv,"
              + " dataset3.csv) instead of a synthetic county: each file's original records"
              + " published by one partner and their duplicates by another, through the edge,"
              + " Kafka, the link job and PostgreSQL (embedded); person links against the files'"
              + " rec-<N> truth, pseudonymised beside plaintext, and the missed pairs classified.")
  Path febrl;

  @Option(
      names = "--set",
      paramLabel = "NAME",
      split = ",",
      description = "With --febrl: which files (dataset1, dataset2, dataset3; default all).")
  List<String> sets;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Scale size = CommonOptions.scale(scale, false);
    HearthConfig config = common.load();
    if (febrl != null) {
      return febrl(out, config);
    }
    if (sets != null) {
      throw new ConfigException("--set chooses FEBRL files: add --febrl DIR");
    }
    if (truth != null) {
      return existingRun(out, config);
    }
    if (jdbcUrl != null || audit != null || period != null) {
      throw new ConfigException(
          "--jdbc-url, --audit and --period describe an existing run: add --truth");
    }
    WorkDirectory.prepare(config.workDir(), "");
    WorkDirectory.deleteTree(config.workDir().resolve("flink"));
    PrintWriter progress = json ? new PrintWriter(java.io.Writer.nullWriter()) : out;
    DemoCommand.Step step = new DemoCommand.Step(progress);
    try (Platform platform = Platform.start(config, new Platform.Ports(0, 0))) {
      try (var pool =
          Database.pool(platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword())) {
        Database.migrate(pool);
      }
      KeyAuthority authority = DemoCommand.demoAuthority();
      List<DemoCommand.Published> published =
          DemoCommand.publish(platform, config, size, seed, authority, step);
      DemoCommand.runLink(platform, config, authority, published);
      step.done("link job");
      LinkageEvaluation.Result r =
          LinkageEvaluation.evaluate(
              config.workDir().resolve("synthetic-county"),
              "2026-Q1",
              quarterEnd("2026-Q1"),
              config.workDir().resolve("audit"),
              authority,
              platform.jdbcUrl(),
              platform.jdbcUser(),
              platform.jdbcPassword());
      step.done("evaluated against the generator's truth");
      return report(out, r, size.name().toLowerCase(Locale.ROOT));
    }
  }

  /** The FEBRL files, one platform each, through the whole pipeline. */
  private int febrl(PrintWriter out, HearthConfig config) throws Exception {
    if (truth != null || jdbcUrl != null || audit != null || period != null) {
      throw new ConfigException(
          "--febrl runs its own pipeline: it takes none of --truth's options");
    }
    List<String> chosen = sets == null ? FebrlEvaluation.SETS : sets;
    for (String s : chosen) {
      if (!FebrlEvaluation.SETS.contains(s)) {
        throw new ConfigException("--set " + s + ": choose from " + FebrlEvaluation.SETS);
      }
    }
    WorkDirectory.prepare(config.workDir(), "");
    PrintWriter progress = json ? new PrintWriter(java.io.Writer.nullWriter()) : out;
    DemoCommand.Step step = new DemoCommand.Step(progress);
    List<FebrlEvaluation.SetResult> results = new java.util.ArrayList<>();
    for (String s : chosen) {
      results.add(FebrlEvaluation.run(febrl, s, config, step));
    }
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode o = m.createObjectNode();
      for (FebrlEvaluation.SetResult r : results) {
        ObjectNode set = o.putObject(r.set());
        set.put("rows", r.rows());
        set.put("published", r.published());
        set.put("unaccounted", r.quality().unaccounted());
        put(set.putObject("persons").putObject("pseudonymised"), r.quality().persons());
        put(set.with("persons").putObject("plaintext"), r.quality().plaintextPersons());
        ObjectNode misses = set.putObject("missedPairs");
        misses.put("pairs", r.missedPairs());
        r.firstCause().forEach((c, n) -> misses.with("firstCause").put(c.name(), n));
        r.factors().forEach((c, n) -> misses.with("withCause").put(c.name(), n));
      }
      out.println(o.toPrettyString());
    } else {
      for (FebrlEvaluation.SetResult r : results) {
        out.println();
        out.printf(
            Locale.ROOT,
            "FEBRL %s: %,d rows, %,d published (originals and duplicates at two partners)%n%n",
            r.set(),
            r.rows(),
            r.published());
        String fmt = "  %-10s %-15s %10s %10s %10s %12s %12s%n";
        out.printf(
            fmt, "links", "pipeline", "precision", "recall", "F1", "true pairs", "linked pairs");
        row(out, fmt, "person", "pseudonymised", r.quality().persons());
        row(out, fmt, "person", "plaintext", r.quality().plaintextPersons());
        out.printf(
            Locale.ROOT,
            "%n  %,d true pairs missed; by first cause (and with the cause):%n",
            r.missedPairs());
        for (FebrlEvaluation.Cause c : FebrlEvaluation.Cause.values()) {
          out.printf(
              Locale.ROOT,
              "    %-55s %6d  (%d)%n",
              c.description,
              r.firstCause().get(c),
              r.factors().get(c));
        }
      }
    }
    return results.stream().allMatch(r -> r.quality().unaccounted() == 0) ? 0 : 1;
  }

  /** The figures of a run made elsewhere: its county directory, audit and tables. */
  private int existingRun(PrintWriter out, HearthConfig config) throws Exception {
    String url =
        jdbcUrl != null
            ? jdbcUrl
            : config
                .postgres()
                .jdbcUrl()
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "--truth evaluates an existing run's tables: give --jdbc-url or set"
                                + " hearth.postgres.jdbc-url"));
    if (!Files.isDirectory(truth.resolve("truth"))
        || !Files.isDirectory(truth.resolve("extracts"))) {
      throw new ConfigException(
          "--truth " + truth + " is not a synthetic county directory (no truth/ and extracts/)");
    }
    Path auditDir = audit != null ? audit : config.workDir().resolve("audit");
    if (!Files.isDirectory(auditDir)) {
      throw new ConfigException(
          "no edge audit at " + auditDir + ": give the run's audit directory with --audit");
    }
    String quarter = period != null ? period : onlyPeriod(truth.resolve("extracts"));
    LinkageEvaluation.Result r =
        LinkageEvaluation.evaluate(
            truth,
            quarter,
            quarterEnd(quarter),
            auditDir,
            DemoCommand.demoAuthority(),
            url,
            config.postgres().user(),
            config.postgres().password().value());
    return report(out, r, null);
  }

  private int report(PrintWriter out, LinkageEvaluation.Result r, String scaleName) {
    if (json) {
      out.println(json(r, scaleName));
    } else {
      table(out, r);
    }
    return r.unaccounted() == 0 ? 0 : 1;
  }

  /** The one quarter a county directory holds extracts for. */
  private static String onlyPeriod(Path extracts) throws java.io.IOException {
    List<String> periods;
    try (var list = Files.list(extracts)) {
      periods =
          list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    if (periods.size() != 1) {
      throw new ConfigException(extracts + " holds " + periods + ": choose one with --period");
    }
    return periods.get(0);
  }

  /** The last day of a quarter written 2026-Q1: what the edge took ages and dates against. */
  static LocalDate quarterEnd(String quarter) {
    if (!quarter.matches("\\d{4}-Q[1-4]")) {
      throw new ConfigException("--period must look like 2026-Q1");
    }
    int year = Integer.parseInt(quarter.substring(0, 4));
    int q = quarter.charAt(6) - '0';
    return LocalDate.of(year, q * 3, 1)
        .withDayOfMonth(LocalDate.of(year, q * 3, 1).lengthOfMonth());
  }

  private static void table(PrintWriter out, LinkageEvaluation.Result r) {
    out.println();
    out.printf(
        Locale.ROOT,
        "Linkage quality over %,d landed records (pairwise, against the generator's truth)%n%n",
        r.records());
    String fmt = "  %-10s %-15s %10s %10s %10s %12s %12s%n";
    out.printf(fmt, "links", "pipeline", "precision", "recall", "F1", "true pairs", "linked pairs");
    row(out, fmt, "household", "pseudonymised", r.households());
    row(out, fmt, "household", "plaintext", r.plaintextHouseholds());
    row(out, fmt, "person", "pseudonymised", r.persons());
    row(out, fmt, "person", "plaintext", r.plaintextPersons());
    out.println();
    boolean same =
        r.households().equals(r.plaintextHouseholds()) && r.persons().equals(r.plaintextPersons());
    out.println(
        same
            ? "Pseudonymisation cost no accuracy: the pseudonymised links are exactly the plaintext ones."
            : "The pseudonymised links differ from the plaintext ones: see the figures above.");
    if (r.unaccounted() > 0) {
      out.printf(
          "%d published records could not be matched to the truth or the tables.%n",
          r.unaccounted());
    }
  }

  private static void row(
      PrintWriter out, String fmt, String links, String pipeline, PairwiseQuality q) {
    out.printf(
        Locale.ROOT,
        fmt,
        links,
        pipeline,
        String.format(Locale.ROOT, "%.4f", q.precision()),
        String.format(Locale.ROOT, "%.4f", q.recall()),
        String.format(Locale.ROOT, "%.4f", q.f1()),
        q.truePairs(),
        q.linkedPairs());
  }

  /** The figures as JSON; scale and seed only when this command generated the county. */
  private String json(LinkageEvaluation.Result r, String scaleName) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode();
    if (scaleName != null) {
      o.put("scale", scaleName);
      o.put("seed", seed);
    }
    o.put("records", r.records());
    o.put("unaccounted", r.unaccounted());
    put(o.putObject("households").putObject("pseudonymised"), r.households());
    put(o.with("households").putObject("plaintext"), r.plaintextHouseholds());
    put(o.putObject("persons").putObject("pseudonymised"), r.persons());
    put(o.with("persons").putObject("plaintext"), r.plaintextPersons());
    return o.toPrettyString();
  }

  private static void put(ObjectNode o, PairwiseQuality q) {
    o.put("precision", q.precision());
    o.put("recall", q.recall());
    o.put("f1", q.f1());
    o.put("records", q.records());
    o.put("truePairs", q.truePairs());
    o.put("linkedPairs", q.linkedPairs());
    o.put("correctPairs", q.correctPairs());
  }
}
