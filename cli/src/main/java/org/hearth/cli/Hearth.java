package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hearth} command. Exit codes: 0 done, 1 failed, 2 wrong usage or configuration. */
@Command(
    name = "hearth",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth demo                      # the whole platform on this machine",
      "  hearth contracts list",
      "  hearth help publish"
    },
    mixinStandardHelpOptions = true,
    versionProvider = Hearth.Version.class,
    description = {
      "Link what partners know about households while every identifier stays with the partner.",
      ""
    },
    subcommands = {
      DemoCommand.class,
      EvaluateCommand.class,
      GenerateCommand.class,
      PublishCommand.class,
      ReportCommand.class,
      SubjectCommand.class,
      RetentionCommand.class,
      SupportingFamiliesCommand.class,
      ExportCommand.class,
      ModelCommand.class,
      LinkCommand.class,
      ContractsCommand.class,
      KeysCommand.class,
      PartnersCommand.class,
      PseudonymCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failed (the message says why)", "2:wrong usage or configuration"})
public final class Hearth {
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  public static void main(String[] args) {
    routeLogs(args);
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line; everything a test needs without exiting the JVM. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      // print() without a newline never reaches an autoflushing writer otherwise
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Hearth());
    cli.setExecutionExceptionHandler(new Errors());
    cli.setExitCodeExceptionMapper(Errors::exitCode);
    cli.getSubcommands()
        .get("help")
        .getCommandSpec()
        .usageMessage()
        .footerHeading("%nExamples:%n")
        .footer("  hearth help publish", "  hearth help keys");
    return cli;
  }

  /**
   * Logs go to {@code <work dir>/logs}; log4j reads the location once, before any command runs, so
   * it is taken from the arguments and environment here.
   */
  static void routeLogs(String[] args) {
    if (System.getProperty("hearth.log.dir") != null) {
      return;
    }
    String workDir = System.getenv().getOrDefault("HEARTH_WORK_DIR", "hearth-work");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--work-dir") && i + 1 < args.length) {
        workDir = args[i + 1];
      } else if (args[i].startsWith("--work-dir=")) {
        workDir = args[i].substring("--work-dir=".length());
      }
    }
    System.setProperty("hearth.log.dir", Path.of(workDir, "logs").toAbsolutePath().toString());
  }

  /** The version Maven wrote into the build (a filtered resource, so classes know it too). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties p = new java.util.Properties();
      try (var in = Hearth.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"hearth " + p.getProperty("version", "(version unknown)")};
    }
  }
}
