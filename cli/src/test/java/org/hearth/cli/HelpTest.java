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
