package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.analytics.features.FeatureExport;
import org.hearth.analytics.features.FeatureSet;
import org.hearth.analytics.model.BaselineModel;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Worked modelling examples over a project's feature set. */
@Command(
    name = "model",
    footerHeading = "%nExamples:%n",
    footer = {"  hearth model baseline --features features-school-readiness.csv"},
    mixinStandardHelpOptions = true,
    description = "Worked modelling examples over an exported or live feature set.",
    subcommands = {ModelCommand.Baseline.class})
final class ModelCommand {

  @Command(
      name = "baseline",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth model baseline --features features-school-readiness.csv",
        "  hearth model baseline --config hearth.properties --folds 10"
      },
      mixinStandardHelpOptions = true,
      description = {
        "L2-regularised logistic regression (LIBLINEAR) of not reaching a good level of",
        "development on the household circumstances: stratified k-fold cross-validated AUC and",
        "odds ratios from the model fitted to every row. Reads an exported feature file",
        "(--features, with its dictionary beside it) or the database's current feature set."
      })
  static final class Baseline implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(
        names = "--features",
        paramLabel = "FILE",
        description = "A file written by hearth export features (.csv or .parquet).")
    Path features;

    @Option(
        names = "--cost",
        defaultValue = "1.0",
        description =
            "LIBLINEAR's C, the inverse of the regularisation strength (default ${DEFAULT-VALUE}).")
    double cost;

    @Option(
        names = "--folds",
        defaultValue = "5",
        description = "Folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(
        names = "--seed",
        defaultValue = "2026",
        description = "Seed of the fold assignment (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      BaselineModel.Settings settings;
      try {
        settings = new BaselineModel.Settings(cost, folds, seed);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
      FeatureSet set;
      if (features != null) {
        if (!Files.isRegularFile(features)) {
          throw new ConfigException("no feature file " + features);
        }
        set = FeatureExport.read(features);
      } else {
        HearthConfig config = common.load();
        try (var pool =
                CommonOptions.configuredDatabase(
                    config, "hearth model baseline needs --features FILE or the database");
            Connection c = pool.getConnection()) {
          set = FeatureSet.read(c, FeatureSet.SCHOOL_READINESS);
        }
      }
      BaselineModel.Result r;
      try {
        r = BaselineModel.fit(set, settings);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
      print(r, spec.commandLine().getOut());
      return 0;
    }

    static void print(BaselineModel.Result r, PrintWriter out) {
      out.printf(
          Locale.ROOT,
          "Baseline: L2-regularised logistic regression of %s (C = %s), %,d children, %,d with"
              + " the outcome%n",
          r.outcome().replace('_', ' '),
          r.settings().cost(),
          r.rows(),
          r.positives());
      out.printf(
          Locale.ROOT,
          "Cross-validated AUC (%d folds, seed %d): %.3f (sd %.3f); folds:",
          r.settings().folds(),
          r.settings().seed(),
          r.meanAuc(),
          r.sdAuc());
      for (double a : r.foldAuc()) {
        out.printf(Locale.ROOT, " %.3f", a);
      }
      out.println();
      out.println();
      out.printf("  %-66s %10s%n", "circumstance", "odds ratio");
      for (BaselineModel.OddsRatio o : r.oddsRatios()) {
        String d =
            o.description().endsWith(".")
                ? o.description().substring(0, o.description().length() - 1)
                : o.description();
        out.printf(Locale.ROOT, "  %-66s %10.2f%n", d, o.oddsRatio());
      }
      out.println();
      out.println(
          "Odds ratios are adjusted for each other and shrunk towards 1 by the regularisation;"
              + " an example to build on, not a finding.");
    }
  }
}
