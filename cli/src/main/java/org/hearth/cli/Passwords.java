package org.hearth.cli;

import java.io.Console;
import java.util.Map;
import java.util.function.Supplier;
import org.hearth.runtime.HearthException;

/**
 * Passwords come from an environment variable or an interactive prompt, never from the command
 * line, where they would land in shell history and the process list.
 */
final class Passwords {
  /** The process environment; tests substitute their own. */
  static Supplier<Map<String, String>> environment = System::getenv;

  private Passwords() {}

  static char[] read(String envName, String prompt, boolean confirm) {
    String fromEnv = environment.get().get(envName);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new HearthException(
          "no password: set " + envName + " or run in a terminal to be asked for it");
    }
    char[] first = console.readPassword("%s: ", prompt);
    if (first == null || first.length == 0) {
      throw new HearthException("no password given");
    }
    if (confirm) {
      char[] again = console.readPassword("%s (again): ", prompt);
      if (!java.util.Arrays.equals(first, again)) {
        throw new HearthException("the two passwords differ");
      }
    }
    return first;
  }
}
