package org.hearth.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Normalised;
import org.hearth.pseudonymise.normalise.Upn;
import org.hearth.pseudonymise.normalise.Uprn;

/**
 * Identifiers typed or piped in, one a line, read from standard input: never taken as arguments,
 * where they would land in shell history and the process list.
 */
final class IdentifierInput {
  /** Standard input; tests substitute their own. */
  static Supplier<InputStream> stdin = () -> System.in;

  private IdentifierInput() {}

  /** What is done with each non-blank line, by its number. */
  interface Line {
    void accept(int number, String value) throws IOException;
  }

  static void lines(Line each) throws IOException {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stdin.get(), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (!line.isBlank()) {
          each.accept(n, line.strip());
        }
      }
    }
  }

  /**
   * A line's identifier as a match key, for the types nhs-number, upn and uprn; empty for any other
   * type (the caller says which it accepts).
   */
  static Optional<Normalised<MatchKey>> parse(String type, String value) {
    Normalised<String> n;
    MatchKeyType t;
    switch (type.toLowerCase(Locale.ROOT)) {
      case "nhs-number" -> {
        n = NhsNumber.normalise(value);
        t = MatchKeyType.NHS_NUMBER;
      }
      case "upn" -> {
        n = Upn.normalise(value);
        t = MatchKeyType.UPN;
      }
      case "uprn" -> {
        n = Uprn.normalise(value);
        t = MatchKeyType.UPRN;
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(
        n.value()
            .<Normalised<MatchKey>>map(v -> Normalised.ok(MatchKey.of(t, v)))
            .orElseGet(
                () ->
                    Normalised.rejected(
                        n.invalid().get().rule(), n.invalid().get().explanation())));
  }
}
