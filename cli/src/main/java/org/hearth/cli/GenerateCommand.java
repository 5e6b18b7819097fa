package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.synthetic.NoiseRates;
import org.hearth.synthetic.Scale;
import org.hearth.synthetic.SyntheticConfig;
import org.hearth.synthetic.SyntheticCounty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a synthetic county: partners' extracts for successive quarters and the ground truth. */
@Command(
    name = "generate",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth generate --scale ward --out synthetic-county",
      "  hearth generate --dictionary"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Generate a synthetic county: every partner's extracts (CSV and XLSX, in each partner's own",
      "conventions and with realistic noise) for successive quarters, a postcode lookup in ONS",
      "Postcode Directory layout, and the ground truth for measuring linkage, kept apart.",
      "No real person is in it; the same seed always writes the same bytes."
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--scale",
      defaultValue = "ward",
      description =
          "ward (~10k people), district (~185k) or county (~1.5M); default ${DEFAULT-VALUE}.")
  String scale;

  @Option(names = "--seed", defaultValue = "42", description = "Default ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--quarters",
      defaultValue = "2",
      description = "Quarters to write, from --first-quarter (default ${DEFAULT-VALUE}).")
  int quarters;

  @Option(
      names = "--first-quarter",
      defaultValue = "2026-Q1",
      description = "Default ${DEFAULT-VALUE}.")
  String firstQuarter;

  @Option(
      names = "--out",
      defaultValue = "synthetic-county",
      paramLabel = "DIR",
      description = "Output directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--noise",
      defaultValue = "default",
      description = "default or none (clean records, for baselines).")
  String noise;

  @Option(
      names = "--gld-target",
      defaultValue = "0.677",
      description = "County-wide good level of development rate (default ${DEFAULT-VALUE}).")
  double gldTarget;

  @Option(
      names = "--dictionary",
      description = "Print the data dictionary of every extract (Markdown) and exit.")
  boolean dictionary;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    if (dictionary) {
      w.print(SyntheticCounty.dictionaryMarkdown());
      w.flush();
      return 0;
    }
    Scale s = CommonOptions.scale(scale, true);
    if (!firstQuarter.matches("\\d{4}-Q[1-4]")) {
      throw new org.hearth.runtime.ConfigException("--first-quarter must look like 2026-Q1");
    }
    NoiseRates rates =
        switch (noise) {
          case "default" -> NoiseRates.defaults();
          case "none" -> NoiseRates.none();
          default ->
              throw new org.hearth.runtime.ConfigException("--noise must be default or none");
        };
    SyntheticConfig config;
    try {
      config =
          new SyntheticConfig(
              s,
              seed,
              quarters,
              Integer.parseInt(firstQuarter.substring(0, 4)),
              firstQuarter.charAt(6) - '0',
              rates,
              gldTarget,
              out);
    } catch (IllegalArgumentException e) {
      throw new org.hearth.runtime.ConfigException(e.getMessage());
    }
    long start = System.nanoTime();
    String[] last = {""};
    SyntheticCounty.Report r =
        SyntheticCounty.generate(
            config,
            step -> {
              String quarter = step.length() > 7 ? step.substring(0, 7) : step;
              if (!quarter.equals(last[0])) {
                w.println(
                    "  "
                        + (step.startsWith("building")
                            ? step
                            : "writing " + quarter + " extracts"));
                w.flush();
                last[0] = quarter;
              }
            });
    w.printf(
        Locale.ROOT,
        "Synthetic county (scale %s, seed %d) in %s, %.1f s:%n",
        scale,
        seed,
        out,
        (System.nanoTime() - start) / 1e9);
    w.printf(
        Locale.ROOT,
        "  %,d people in %,d households, %,d dwellings, %,d postcodes%n",
        r.people(),
        r.households(),
        r.dwellings(),
        r.postcodes());
    w.printf(Locale.ROOT, "  %,d extract rows across %d files%n", r.totalRows(), r.rows().size());
    w.println("  extracts/   what each partner would send");
    w.println("  truth/      who every row really is: for evaluation only, never for the edge");
    w.println("  lookup/     postcode -> ward and LSOA (ONS Postcode Directory layout)");
    return 0;
  }
}
