package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code hearth} command the README, the docs and the deployment scripts tell someone to run
 * parses against the real command tree: the subcommands exist, the options exist, and nothing
 * required is left out. A renamed option fails here before it fails an operator.
 */
class DocsCommandsTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Pattern COMMAND = Pattern.compile("(?:^|[\\s(!])(?:\\./)?hearth\\s+(.*)$");

  @Test
  void everyDocumentedCommandParses() throws IOException {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Path file : sources()) {
      for (String line : commandLines(file)) {
        Matcher m = COMMAND.matcher(line);
        if (!m.find()) {
          continue;
        }
        List<String> args = shellWords(m.group(1));
        checked.add(String.join(" ", args));
        try {
          new CommandLine(new Hearth()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          failures.add(
              ROOT.relativize(file)
                  + ": hearth "
                  + String.join(" ", args)
                  + "\n    "
                  + e.getMessage());
        }
      }
    }
    assertThat(failures).as("documented commands the CLI rejects").isEmpty();
    // the operating guide's commands are among those checked
    assertThat(checked)
        .anyMatch(c -> c.startsWith("partners add"))
        .anyMatch(c -> c.startsWith("partners rules"))
        .anyMatch(c -> c.startsWith("partners link-job"))
        .anyMatch(c -> c.startsWith("link ") && c.contains("--from-savepoint"))
        .anyMatch(c -> c.startsWith("demo"));
  }

  @Test
  void aMistypedCommandIsCaught() {
    List<String> args = shellWords("partners add --partner x --authorty dir # a typo");
    assertThat(args).doesNotContain("#", "a", "typo");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new CommandLine(new Hearth()).parseArgs(args.toArray(String[]::new)))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  private static List<Path> sources() throws IOException {
    List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"));
        Stream<Path> scripts = Files.list(ROOT.resolve("docker/scripts"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
      scripts.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(out::add);
    }
    return out;
  }

  /**
   * Lines a reader would type: in Markdown, those inside fenced blocks; in scripts, every line that
   * is not a comment. Backslash continuations are joined.
   */
  static List<String> commandLines(Path file) throws IOException {
    boolean markdown = file.toString().endsWith(".md");
    boolean inFence = !markdown;
    List<String> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (markdown && line.startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (!inFence || line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      out.add(pending.toString());
      pending.setLength(0);
    }
    return out;
  }

  /** Words as a POSIX shell splits them, up to the first operator, redirection or comment. */
  static List<String> shellWords(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        // an opening quote with no closing one ends a command embedded in a quoted string
        if (s.indexOf(c, i + 1) < 0) {
          break;
        }
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else if ("|&;>#<".indexOf(c) >= 0 && !inWord) {
        break;
      } else if ("|&;>".indexOf(c) >= 0) {
        words.add(w.toString());
        return dropRedirectPrefix(words);
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return dropRedirectPrefix(words);
  }

  /** {@code 2>file} leaves a lone "2" behind. */
  private static List<String> dropRedirectPrefix(List<String> words) {
    if (!words.isEmpty() && words.get(words.size() - 1).matches("\\d")) {
      return words.subList(0, words.size() - 1);
    }
    return words;
  }
}
