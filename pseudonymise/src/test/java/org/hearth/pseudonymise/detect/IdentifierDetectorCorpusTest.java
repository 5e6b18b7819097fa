package org.hearth.pseudonymise.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Recall on the planted corpus and false refusals on the clean one, as {@code docs/governance.md}
 * ("The guard") reports them. Run: {@code ./mvnw -o -pl pseudonymise test
 * -Dtest=IdentifierDetectorCorpusTest}; the tables are printed.
 */
class IdentifierDetectorCorpusTest {
  // fixed, so that which dates lie in the past does not change with the day the test runs
  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  static final IdentifierDetector DETECTOR =
      new IdentifierDetector(
          Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

  /**
   * Clean values the detector refuses, each accepted with its reason in docs/governance.md ("The
   * guard"). Any other refusal of the clean corpus fails the test until it is fixed or listed here
   * and there; a listed one that stops being refused fails it too, so the list stays true.
   */
  static final Map<String, String> ACCEPTED_FALSE_REFUSALS =
      Map.of(
          // a shop named with a possessive forename and lower-case words after it
          "Harvey's furniture store voucher", "name-in-text",
          // a pub named after a saint: "George" stands alone as a forename
          "George and Dragon", "name-in-text",
          // a city that is also a common forename, standing alone
          "Trip to Florence planned by school", "name-in-text");

  @Test
  void plantedIdentifiersAreFoundWhateverTheirFormat() {
    List<PlantedCorpus.Planted> planted = PlantedCorpus.all();
    assertThat(planted).hasSizeGreaterThanOrEqualTo(300);
    Map<IdentifierRule, int[]> table = new EnumMap<>(IdentifierRule.class);
    List<String> missed = new ArrayList<>();
    for (PlantedCorpus.Planted p : planted) {
      Optional<IdentifierRule> found = DETECTOR.inspect(p.field(), p.value());
      int[] row = table.computeIfAbsent(p.kind(), k -> new int[3]);
      row[0]++;
      if (found.isPresent()) {
        row[1]++;
        if (found.get() == p.kind()) {
          row[2]++;
        }
      } else {
        missed.add(p.kind().id() + "  [" + p.field() + "] " + p.value());
      }
    }
    int total = 0;
    int found = 0;
    StringBuilder out =
        new StringBuilder("\nPlanted corpus (guard's view, IdentifierDetector.inspect)\n");
    out.append(
        "| kind | planted | refused | recall | under its own rule |\n|---|---|---|---|---|\n");
    for (var e : table.entrySet()) {
      int[] r = e.getValue();
      total += r[0];
      found += r[1];
      out.append(
          String.format(
              "| %s | %d | %d | %.1f%% | %d |%n",
              e.getKey().id(), r[0], r[1], 100.0 * r[1] / r[0], r[2]));
    }
    out.append(
        String.format("| **all** | %d | %d | %.1f%% | |%n", total, found, 100.0 * found / total));
    out.append("missed:\n");
    missed.forEach(m -> out.append("  ").append(m).append('\n'));
    System.out.println(out);
    assertThat((double) found / total).isGreaterThanOrEqualTo(0.99);
    // every kind is caught; a kind that drops to nothing must not hide behind the others
    table.values().forEach(r -> assertThat(r[1]).isGreaterThanOrEqualTo(r[0] - 2));
  }

  @Test
  void cleanFreeTextIsNotRefused() {
    List<CleanCorpus.Clean> clean = CleanCorpus.all();
    assertThat(clean).hasSizeGreaterThanOrEqualTo(1000);
    Map<String, int[]> bySource = new TreeMap<>();
    Map<String, String> refused = new TreeMap<>();
    for (CleanCorpus.Clean c : clean) {
      Optional<IdentifierRule> found = DETECTOR.find(c.value());
      int[] row = bySource.computeIfAbsent(c.source(), k -> new int[2]);
      row[0]++;
      if (found.isPresent()) {
        row[1]++;
        refused.put(c.value(), found.get().id());
      }
    }
    StringBuilder out = new StringBuilder("\nClean corpus (IdentifierDetector.find)\n");
    out.append("| source | values | refused |\n|---|---|---|\n");
    bySource.forEach((k, v) -> out.append(String.format("| %s | %d | %d |%n", k, v[0], v[1])));
    out.append(String.format("| **all** | %d | %d |%n", clean.size(), refused.size()));
    refused.forEach(
        (v, rule) -> out.append("  refused: ").append(rule).append("  ").append(v).append('\n'));
    System.out.println(out);
    assertThat(refused).isEqualTo(ACCEPTED_FALSE_REFUSALS);
  }

  @Test
  void randomTenDigitReferencesAreRefusedAtTheNhsCheckDigitRate() {
    Random r = new Random(10);
    int n = 40_000;
    Map<String, Integer> byRule = new TreeMap<>();
    int refused = 0;
    for (int i = 0; i < n; i++) {
      String ref = String.format("%010d", (long) (r.nextDouble() * 10_000_000_000L));
      Optional<IdentifierRule> found = DETECTOR.find(ref);
      if (found.isPresent()) {
        refused++;
        byRule.merge(found.get().id(), 1, Integer::sum);
      }
    }
    double rate = (double) refused / n;
    System.out.printf(
        "%nRandom 10-digit references: %d of %d refused (%.2f%%), by rule %s%n",
        refused, n, 100 * rate, byRule);
    // mod 11 with one residue never issued: 1 in 11 pass (9.09%), of the 9 in 10 that do not start
    // with 0 (a leading 0 is a phone number's trunk prefix, and no NHS number has it): 8.18%; and
    // some of those that start with 0 are valid UK numbers
    assertThat(byRule.get("nhs-number") / (double) n).isBetween(0.077, 0.087);
    assertThat(byRule.get("phone-number") / (double) n).isBetween(0.002, 0.008);
  }

  @Test
  void phoneLeniencyIsMeasured() {
    int possible = 0;
    int valid = 0;
    int phones = 0;
    for (PlantedCorpus.Planted p : PlantedCorpus.all()) {
      if (p.kind() != IdentifierRule.PHONE_NUMBER) {
        continue;
      }
      phones++;
      possible += PhoneNumbers.contains(p.value()) ? 1 : 0;
      valid += PhoneNumbers.contains(p.value(), PhoneNumberUtil.Leniency.VALID, true) ? 1 : 0;
    }
    int cleanPossible = 0;
    int cleanValid = 0;
    for (CleanCorpus.Clean c : CleanCorpus.all()) {
      cleanPossible += PhoneNumbers.contains(c.value()) ? 1 : 0;
      cleanValid += PhoneNumbers.contains(c.value(), PhoneNumberUtil.Leniency.VALID, true) ? 1 : 0;
    }
    System.out.printf(
        "%nPhone numbers: planted %d, found as chosen (valid, or possible with 10 national digits"
            + " or international) %d, found valid only %d; clean values taken for a phone: %d as"
            + " chosen, %d valid only%n",
        phones, possible, valid, cleanPossible, cleanValid);
    assertThat(possible).isGreaterThan(valid);
    assertThat(cleanPossible).isZero();
  }

  @Test
  void perValueCostIsSmall() {
    List<String> values = new ArrayList<>();
    PlantedCorpus.all().forEach(p -> values.add(p.value()));
    CleanCorpus.all().forEach(c -> values.add(c.value()));
    for (int warm = 0; warm < 3; warm++) {
      values.forEach(DETECTOR::find);
    }
    int rounds = 5;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      values.forEach(DETECTOR::find);
    }
    double micros = (System.nanoTime() - start) / 1000.0 / (rounds * values.size());
    System.out.printf(
        "%nPer value: %.1f µs over %d values of both corpora%n", micros, values.size());
    // generous for a shared 2-core machine; a catastrophic pattern costs milliseconds
    assertThat(micros).isLessThan(500);
    // long values full of near-misses must not blow up a pattern
    for (String adversarial :
        List.of(
            "12 ".repeat(700),
            "a@b".repeat(700),
            "St ".repeat(700),
            "1/2/".repeat(500),
            "Mr ".repeat(700),
            "12 Acacia ".repeat(200),
            "jane dot doe at ".repeat(120),
            "0".repeat(2000))) {
      long t = System.nanoTime();
      DETECTOR.find(adversarial);
      long millis = (System.nanoTime() - t) / 1_000_000;
      System.out.printf(
          "A %d-character adversarial value (%s...): %d ms%n",
          adversarial.length(), adversarial.substring(0, 8), millis);
      assertThat(millis).isLessThan(2_000);
    }
  }
}
