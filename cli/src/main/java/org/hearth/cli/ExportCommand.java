package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.analytics.features.FeatureExport;
import org.hearth.analytics.features.FeatureSet;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Exports for data scientists: row-level, project-scoped, generalised. */
@Command(
    name = "export",
    footerHeading = "%nExamples:%n",
    footer = {"  hearth export features --config hearth.properties --format parquet"},
    mixinStandardHelpOptions = true,
    description = "Row-level exports for data scientists, by project-scoped analyst ids.",
    subcommands = {ExportCommand.Features.class})
final class ExportCommand {

  @Command(
      name = "features",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth export features --config hearth.properties",
        "  hearth export features --config hearth.properties \\",
        "      --format parquet --out features.parquet"
      },
      mixinStandardHelpOptions = true,
      description = {
        "One row per child with the household's circumstances and the good-level-of-development",
        "label, by the project's analyst ids, with ward and year-month of birth as the only",
        "quasi-identifiers; writes FILE and FILE's data dictionary (<name>.dictionary.csv).",
        "The ids are those the link job wrote (hearth link --project). Reads",
        "hearth.postgres.jdbc-url, as the configured role sees the rows."
      })
  static final class Features implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(
        names = "--project",
        defaultValue = FeatureSet.SCHOOL_READINESS,
        description = "Feature set to export (default ${DEFAULT-VALUE}).")
    String project;

    @Option(
        names = "--format",
        defaultValue = "csv",
        description = "csv or parquet (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Where to write (default features-<project>.<format>).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HearthConfig config = common.load();
      FeatureExport.Format f;
      try {
        f = FeatureExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--format must be csv or parquet, not '" + format + "'");
      }
      if (!FeatureSet.projects().contains(project)) {
        throw new ConfigException(
            "no feature set for project '" + project + "'; projects: " + FeatureSet.projects());
      }
      Path file = out != null ? out : Path.of("features-" + project + "." + f.extension());
      PrintWriter w = spec.commandLine().getOut();
      try (var pool =
              CommonOptions.configuredDatabase(
                  config, "hearth export features needs the database");
          Connection c = pool.getConnection()) {
        FeatureSet set = FeatureSet.read(c, project);
        Path dictionary = FeatureExport.write(set, file, f);
        w.printf(
            Locale.ROOT,
            "%,d rows x %d columns (%d features, label %s) written to %s%nData dictionary: %s%n",
            set.rows().size(),
            set.columns().size(),
            set.columns(FeatureSet.Role.FEATURE).size(),
            set.columns(FeatureSet.Role.LABEL).get(0).name(),
            file.toAbsolutePath(),
            dictionary.toAbsolutePath());
      }
      return 0;
    }
  }
}
