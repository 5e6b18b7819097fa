package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help renders without picocli warnings and describes every option. */
class HelpTest {
  @Test
  void everyCommandsHelpRendersCleanlyAndDescribesEveryOption() {
    List<String> undescribed = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      walk(Hearth.commandLine(), undescribed, warnings, captured);
    } finally {
      System.setErr(err);
    }
    assertThat(warnings).as("commands whose help picocli warns about").isEmpty();
    assertThat(undescribed).as("options without a description").isEmpty();
  }

  /** Every command's help ends with examples, and every example is a command line that parses. */
  @Test
  void everyCommandsHelpShowsExamplesThatParse() {
    List<String> without = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    List<CommandLine> all = new ArrayList<>();
    collect(Hearth.commandLine(), all);
    for (CommandLine cli : all) {
      String name = cli.getCommandSpec().qualifiedName();
      String usage = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
      List<String> examples = examples(cli.getCommandSpec().usageMessage().footer());
      if (!usage.contains("Examples:") || examples.isEmpty()) {
        without.add(name);
      }
      for (String example : examples) {
        if (!example.startsWith("hearth " + name.substring("hearth".length()).strip())) {
          failing.add(name + ": '" + example + "' is an example of another command");
        }
        // examples hold no quotes or redirections: words up to a comment
        List<String> args =
            List.of(
                example
                    .substring("hearth".length())
                    .replaceFirst("\\s#.*", "")
                    .strip()
                    .split("\\s+"));
        try {
          new CommandLine(new Hearth()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          failing.add(name + ": " + example + "\n    " + e.getMessage());
        }
      }
    }
    assertThat(all).hasSizeGreaterThan(40);
    assertThat(without).as("commands whose --help shows no example").isEmpty();
    assertThat(failing).as("examples the command line refuses").isEmpty();
  }

  /** The example command lines of a footer: " hearth ..." lines, continuations joined. */
  private static List<String> examples(String[] footer) {
    List<String> out = new ArrayList<>();
    StringBuilder current = null;
    for (String line : footer) {
      String l = line.strip();
      if (current == null && !l.startsWith("hearth ")) {
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
      }
      boolean continued = l.endsWith("\\");
      current.append(continued ? l.substring(0, l.length() - 1) : l).append(' ');
      if (!continued) {
        out.add(current.toString().strip());
        current = null;
      }
    }
    return out;
  }

  private static void collect(CommandLine cli, List<CommandLine> into) {
    into.add(cli);
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommandSpec() != cli.getCommandSpec()) {
        collect(sub, into);
      }
    }
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    var r = CliErrorsTest.run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out().trim()).matches("hearth \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void helpOfRevokeWorks() {
    var r = CliErrorsTest.run("keys", "revoke", "-h");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("--key-version");
  }

  @Test
  void contractsShowPrintsTheContractThroughABufferedStream() {
    // as main() does: System.out behind a buffer that only println flushes
    java.io.StringWriter sink = new java.io.StringWriter();
    java.io.PrintWriter out = new java.io.PrintWriter(new java.io.BufferedWriter(sink), true);
    int code =
        Hearth.run(
            new String[] {"contracts", "show", "housing-benefits"},
            out,
            new java.io.PrintWriter(new java.io.StringWriter(), true));
    assertThat(code).isZero();
    assertThat(sink.toString()).contains("\"dataset\"").contains("housing-benefits");
  }

  @Test
  void anErrorSuggestsVerboseOnlyWhereTheCommandHasIt() {
    var without = CliErrorsTest.run("keys", "list", "--dir", "/nonexistent-hearth-dir");
    assertThat(without.code()).isEqualTo(Hearth.FAILED);
    assertThat(without.err()).contains("hearth: ").doesNotContain("--verbose");
  }

  private static void walk(
      CommandLine cli,
      List<String> undescribed,
      List<String> warnings,
      ByteArrayOutputStream captured) {
    CommandSpec spec = cli.getCommandSpec();
    captured.reset();
    cli.getUsageMessage();
    if (captured.toString(StandardCharsets.UTF_8).contains("picocli WARN")) {
      warnings.add(spec.qualifiedName());
    }
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp() || o.hidden()) {
        continue;
      }
      if (String.join("", o.description()).isBlank()) {
        undescribed.add(spec.qualifiedName() + " " + o.longestName());
      }
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (sub.getCommandSpec() != spec) {
        walk(sub, undescribed, warnings, captured);
      }
    }
  }
}
