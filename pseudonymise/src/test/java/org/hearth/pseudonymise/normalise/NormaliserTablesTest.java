package org.hearth.pseudonymise.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Messy, real-world-style inputs for every identifier type, from the tables under normalise/. */
class NormaliserTablesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  @TestFactory
  Stream<DynamicTest> nhsNumbers() throws IOException {
    return table(
        "nhs-numbers.csv",
        2,
        r -> check(r[0], NhsNumber.normalise(r[0]), r[1], Function.identity()));
  }

  @TestFactory
  Stream<DynamicTest> upns() throws IOException {
    return table("upns.csv", 2, r -> check(r[0], Upn.normalise(r[0]), r[1], Function.identity()));
  }

  @TestFactory
  Stream<DynamicTest> postcodes() throws IOException {
    return table(
        "postcodes.csv",
        2,
        r ->
            check(
                r[0],
                Postcode.normalise(r[0]),
                r[1],
                p -> p.pseudo() ? "PSEUDO:" + p.full() : p.full()));
  }

  @TestFactory
  Stream<DynamicTest> uprns() throws IOException {
    return table("uprns.csv", 2, r -> check(r[0], Uprn.normalise(r[0]), r[1], Function.identity()));
  }

  @TestFactory
  Stream<DynamicTest> datesOfBirth() throws IOException {
    return table(
        "dates-of-birth.csv",
        2,
        r -> check(r[0], DatesOfBirth.parseBirth(r[0], TODAY), r[1], BirthDate::iso));
  }

  @TestFactory
  Stream<DynamicTest> names() throws IOException {
    return table(
        "names.csv",
        4,
        r ->
            check(
                r[2],
                r[0].equals("surname") ? Names.surname(r[2]) : Names.forename(r[2], r[1].charAt(0)),
                r[3],
                Function.identity()));
  }

  @TestFactory
  Stream<DynamicTest> addresses() throws IOException {
    return table(
        "addresses.csv",
        2,
        r -> {
          UkAddress a = UkAddress.parse(Arrays.asList(r[0].split(";")));
          String got =
              String.join(
                  "/",
                  a.subUnit().orElse("-"),
                  a.number().orElse("-"),
                  a.buildingName().orElse("-"),
                  a.street().orElse("-"),
                  a.town().orElse("-"));
          assertThat(got).as(r[0]).isEqualTo(r[1]);
        });
  }

  private static <T> void check(
      String input, Normalised<T> result, String expected, Function<T, String> show) {
    if (expected.startsWith("!")) {
      assertThat(result.invalid().map(Invalid::rule)).contains(expected.substring(1));
      // the reason never carries the value
      if (!input.isBlank()) {
        assertThat(result.invalid().get().explanation()).doesNotContain(input.strip());
      }
    } else {
      assertThat(result.invalid().map(Invalid::rule)).isEqualTo(Optional.empty());
      assertThat(result.value().map(show)).contains(expected);
    }
  }

  private interface Row {
    void check(String[] fields);
  }

  private static Stream<DynamicTest> table(String file, int fields, Row row) throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                NormaliserTablesTest.class.getResourceAsStream("/normalise/" + file),
                StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        assertThat(f).as("%s line %d", file, n).hasSize(fields);
        tests.add(
            DynamicTest.dynamicTest(
                file + ":" + n + " [" + f[fields == 4 ? 2 : 0] + "]", () -> row.check(f)));
      }
    }
    assertThat(tests).as("%s has at least 50 cases", file).hasSizeGreaterThanOrEqualTo(50);
    return tests.stream();
  }
}
