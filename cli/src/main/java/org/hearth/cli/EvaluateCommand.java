package org.hearth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.analytics.Database;
import org.hearth.link.evaluate.PairwiseQuality;
import org.hearth.pseudonymise.keys.KeyAuthority;
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
    mixinStandardHelpOptions = true,
    description =
        "Measure linkage quality: generate a synthetic county, run it through the edge, Kafka, the"
            + " link job and PostgreSQL (all embedded), and report precision, recall and F1 of"
            + " household and person links against the generator's truth - for the pseudonymised"
            + " pipeline and for the same resolution rules run on the plaintext match keys, side"
            + " by side.")
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

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Scale size = CommonOptions.scale(scale, false);
    HearthConfig config = common.load();
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
              LocalDate.of(2026, 3, 31),
              config.workDir().resolve("audit"),
              authority,
              platform.jdbcUrl(),
              platform.jdbcUser(),
              platform.jdbcPassword());
      step.done("evaluated against the generator's truth");
      if (json) {
        out.println(json(r, size));
      } else {
        table(out, r);
      }
      return r.unaccounted() == 0 ? 0 : 1;
    }
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

  private String json(LinkageEvaluation.Result r, Scale size) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode();
    o.put("scale", size.name().toLowerCase(Locale.ROOT));
    o.put("seed", seed);
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
