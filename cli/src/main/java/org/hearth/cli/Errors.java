package org.hearth.cli;

import java.io.PrintWriter;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Failures reach the user as one line: what went wrong and what to do. The stack trace is for
 * --verbose. Messages of Hearth's own exceptions never carry identifier values; for anything else
 * only the exception type and message are shown.
 */
final class Errors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    err.println("hearth: " + oneLine(e));
    if (verbose(parsed)) {
      e.printStackTrace(err);
    } else if (offersVerbose(cli)) {
      err.println("(run with --verbose for details; logs are in the work directory's logs/)");
    }
    err.flush();
    return exitCode(e);
  }

  static int exitCode(Throwable e) {
    return e instanceof ConfigException || e instanceof CommandLine.ParameterException
        ? Hearth.USAGE
        : Hearth.FAILED;
  }

  static String oneLine(Throwable e) {
    Throwable t = e;
    while (!(t instanceof HearthException) && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (!(t instanceof HearthException)) {
      t = e;
    }
    String m = t.getMessage();
    String text =
        t instanceof HearthException
            ? m
            : t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return text == null ? t.getClass().getSimpleName() : text.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Only a command that has --verbose should suggest it. */
  private static boolean offersVerbose(CommandLine cli) {
    return cli.getCommandSpec().findOption("--verbose") != null;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
