package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hearth.pseudonymise.detect.IdentifierRule;
import org.junit.jupiter.api.Test;

/**
 * Every rule the edge can write into rejects.csv has a catalogue entry (what it means, what to do)
 * and the same entry in docs/contracts.md: a rule added to the code without both fails here.
 */
class RejectRulesTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path INGEST = ROOT.resolve("ingest/src/main/java/org/hearth/ingest");
  private static final Path NORMALISE =
      ROOT.resolve("pseudonymise/src/main/java/org/hearth/pseudonymise/normalise");

  /** The files that make rejections; every hyphenated literal in them is a rule or listed here. */
  private static final List<String> EMITTERS = List.of("RowTransformer.java", "EdgeAgent.java");

  private static final Set<String> NOT_RULES = Set.of("hearth-edge-worker");
  private static final Pattern HYPHENATED = Pattern.compile("\"([a-z0-9]+(?:-[a-z0-9]+)+)\"");
  private static final Pattern NORMALISER_RULE =
      Pattern.compile("Normalised\\.rejected\\(\\s*\"([a-z0-9-]+)\"");
  private static final Pattern DOC_ROW =
      Pattern.compile("^\\| `([a-z0-9:-]+)` \\| (.*?) \\| (.*?) \\| (.*?) \\|$");

  @Test
  void everyRuleTheCodeCanEmitHasAnEntry() throws IOException {
    Set<String> emitted = new TreeSet<>();
    for (String file : EMITTERS) {
      Matcher m = HYPHENATED.matcher(Files.readString(INGEST.resolve(file)));
      while (m.find()) {
        if (!NOT_RULES.contains(m.group(1))) {
          emitted.add(m.group(1));
        }
      }
    }
    try (Stream<Path> files = Files.list(NORMALISE)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = NORMALISER_RULE.matcher(Files.readString(f));
        while (m.find()) {
          emitted.add(m.group(1));
        }
      }
    }
    // rules named by the detector's kinds
    assertThat(Files.readString(INGEST.resolve("RowTransformer.java")))
        .contains("\"identifier-shaped:\" + found.get().id()");
    for (IdentifierRule kind : IdentifierRule.values()) {
      emitted.add("identifier-shaped:" + kind.id());
    }
    assertThat(emitted)
        .as("the scan finds the rules it must")
        .contains("nhs-check-digit", "control-character", "duplicate-record-key", "not-a-date");
    assertThat(emitted)
        .as(
            "rules the code can emit without an entry in RejectRules (and docs/contracts.md,"
                + " \"Reject rules\")")
        .allSatisfy(rule -> assertThat(RejectRules.find(rule)).as(rule).isPresent());
    // no other class makes rejections the scan would miss
    try (Stream<Path> files = Files.walk(INGEST)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (!EMITTERS.contains(f.getFileName().toString())
            && !f.getFileName().toString().equals("Rejection.java")) {
          assertThat(Files.readString(f))
              .as("%s makes rejections: add it to EMITTERS", f.getFileName())
              .doesNotContain("new Rejection(");
        }
      }
    }
  }

  @Test
  void everyEntryIsDocumentedWordForWordAndTheDocsListNoOtherRule() throws IOException {
    Map<String, List<String>> documented = new LinkedHashMap<>();
    String doc = Files.readString(ROOT.resolve("docs/contracts.md"));
    assertThat(doc).contains("\n## Reject rules\n");
    String section = doc.substring(doc.indexOf("\n## Reject rules\n"));
    for (String line : section.lines().toList()) {
      Matcher m = DOC_ROW.matcher(line);
      if (m.matches()) {
        documented.put(m.group(1), List.of(m.group(2), m.group(3), m.group(4)));
      }
    }
    assertThat(documented).hasSameSizeAs(RejectRules.all());
    for (RejectRules.Rule r : RejectRules.all()) {
      assertThat(documented.get(r.name()))
          .as(
              "docs/contracts.md, \"Reject rules\": the row of %s should read%n| `%s` | %s | %s | %s |",
              r.name(), r.name(), r.severity(), r.meaning(), r.whatToDo())
          .isEqualTo(List.of(r.severity(), r.meaning(), r.whatToDo()));
    }
    assertThat(documented.keySet())
        .as("rules documented that the edge does not know")
        .allSatisfy(rule -> assertThat(RejectRules.find(rule)).as(rule).isPresent());
  }

  @Test
  void entriesAreSentencesThatNeverEndMidWay() {
    for (RejectRules.Rule r : RejectRules.all()) {
      assertThat(r.meaning()).as(r.name()).endsWith(".").doesNotContain("|");
      assertThat(r.whatToDo()).as(r.name()).endsWith(".").doesNotContain("|");
      assertThat(r.severity()).as(r.name()).isNotBlank();
    }
  }

  /** A CSV file's records, each as its list of fields. */
  static List<List<String>> records(Path csv) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
      r.forEach(rec -> out.add(List.copyOf(rec.getFields())));
    }
    return out;
  }

  /** rejects.csv as "file,row,column,rule,severity" lines, header included. */
  static List<String> located(Path rejects) throws IOException {
    return records(rejects).stream()
        .map(f -> String.join(",", f.subList(0, Math.min(5, f.size()))))
        .toList();
  }
}
