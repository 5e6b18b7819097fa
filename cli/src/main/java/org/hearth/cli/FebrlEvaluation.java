package org.hearth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.analytics.Database;
import org.hearth.ingest.EdgeAgent;
import org.hearth.ingest.PostcodeLookup;
import org.hearth.ingest.contract.Contracts;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.normalise.BirthDate;
import org.hearth.pseudonymise.normalise.DatesOfBirth;
import org.hearth.pseudonymise.normalise.Names;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.Platform;
import org.hearth.runtime.WorkDirectory;

/**
 * An external benchmark through the real pipeline: a FEBRL file (Febrl's generator, noise the
 * project did not design) split between two partners - the original records at one, their corrupted
 * duplicates at the other - each publishing through the edge agent with its own key under a
 * partner-declared contract file, then the link job, then pairwise person quality from {@code
 * linked.contributions} against the files' {@code rec-<N>} truth. Every row counts: a row the edge
 * refuses, or that lands with no person key, is a person of its own, so recall is over all the
 * file's true pairs. The same rules are run on the plaintext keys beside it, and every missed pair
 * is classified by what differs between its two records.
 */
final class FebrlEvaluation {
  static final List<String> SETS = List.of("dataset1", "dataset2", "dataset3");
  static final String ORIGINALS = "febrl-originals";
  static final String DUPLICATES = "febrl-duplicates";
  static final String PERIOD = "2026-Q1";
  static final LocalDate PERIOD_END = LocalDate.of(2026, 3, 31);
  private static final String CONTRACT = "febrl-people.json";

  /** Why a true pair was missed, in the order a pair is attributed to its first cause. */
  enum Cause {
    NO_SURNAME("a record has no surname"),
    NO_DOB("a record has no whole, valid date of birth"),
    NAMES_SWAPPED("forename and surname swapped"),
    DOB_DIFFERS("dates of birth differ"),
    SURNAME_DIFFERS("surnames differ (after normalisation)"),
    NO_FORENAME("a record has no forename"),
    FORENAME_DIFFERS("forenames differ (after normalisation and nicknames)"),
    OTHER("names and date of birth agree");

    final String description;

    Cause(String description) {
      this.description = description;
    }
  }

  /**
   * The figures of one set.
   *
   * @param firstCause missed pairs (pseudonymised) by their first cause
   * @param factors missed pairs (pseudonymised) with each cause, a pair counted under every cause
   *     it has
   */
  record SetResult(
      String set,
      long rows,
      long published,
      LinkageEvaluation.Result quality,
      long missedPairs,
      Map<Cause, Long> firstCause,
      Map<Cause, Long> factors) {}

  private record Row(String partner, long row, String[] fields) {}

  private FebrlEvaluation() {}

  /** The contract a partner holding a FEBRL file would write, as the file it would write. */
  static String contractSource() throws IOException {
    try (InputStream in = FebrlEvaluation.class.getResourceAsStream("febrl/" + CONTRACT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One FEBRL file through edge, Kafka, the link job and PostgreSQL, on its own platform. */
  static SetResult run(Path febrlDir, String set, HearthConfig config, DemoCommand.Step step)
      throws Exception {
    Path source = febrlDir.resolve(set + ".csv");
    if (!Files.isReadable(source)) {
      throw new ConfigException("no FEBRL file " + source + " (expected " + SETS + ")");
    }
    Path work = config.workDir().resolve("febrl").resolve(set);
    WorkDirectory.deleteTree(work);
    WorkDirectory.deleteTree(config.workDir().resolve("flink"));
    Files.createDirectories(work);
    Path contractFile = Files.writeString(work.resolve(CONTRACT), contractSource());
    DatasetContract contract = Contracts.load(contractFile.toString());
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, Map<Long, String[]>> rowsOf = split(source, work.resolve("extracts"), files);
    step.done(
        String.format(
            java.util.Locale.ROOT,
            "%s: %,d originals and %,d duplicates, each at its own partner",
            set,
            rowsOf.get(ORIGINALS).size(),
            rowsOf.get(DUPLICATES).size()));

    KeyAuthority authority = DemoCommand.demoAuthority();
    Path audit = work.resolve("audit");
    try (Platform platform = Platform.start(config, new Platform.Ports(0, 0))) {
      try (var pool =
          Database.pool(platform.jdbcUrl(), platform.jdbcUser(), platform.jdbcPassword())) {
        Database.migrate(pool);
      }
      List<DemoCommand.Published> published = new ArrayList<>();
      List<LinkageEvaluation.Judged> judged = new ArrayList<>();
      for (var f : files.entrySet()) {
        String partner = f.getKey();
        EdgeAgent.Result r =
            DemoCommand.publishExtract(
                platform,
                authority,
                partner,
                contract,
                f.getValue(),
                PostcodeLookup.empty(),
                PERIOD,
                PERIOD_END,
                audit);
        published.add(
            new DemoCommand.Published(
                partner, contract.dataset(), r.rowsRead(), r.published(), r.matchKeys()));
        Map<Long, LinkageEvaluation.Truth> truth = new HashMap<>();
        rowsOf
            .get(partner)
            .forEach(
                (row, fields) -> truth.put(row, new LinkageEvaluation.Truth(person(fields), "")));
        judged.add(
            new LinkageEvaluation.Judged(
                partner, contract.dataset(), f.getValue(), contract, r.auditFolder(), truth));
      }
      long sent = published.stream().mapToLong(DemoCommand.Published::published).sum();
      step.done(String.format(java.util.Locale.ROOT, "published %,d records", sent));
      DemoCommand.runLink(platform, config, authority, published);
      step.done("link job");
      Map<String, List<Map.Entry<Row, String>>> byPerson = new HashMap<>();
      LinkageEvaluation.Result q =
          LinkageEvaluation.evaluate(
              judged,
              true,
              PostcodeLookup.empty(),
              PERIOD_END,
              authority,
              platform.jdbcUrl(),
              platform.jdbcUser(),
              platform.jdbcPassword(),
              (id, e, row, t, p) ->
                  byPerson
                      .computeIfAbsent(t.person(), k -> new ArrayList<>())
                      .add(
                          Map.entry(
                              new Row(e.partner(), row, rowsOf.get(e.partner()).get(row)), p)));
      step.done("evaluated against the files' truth");
      long rows = rowsOf.values().stream().mapToLong(Map::size).sum();
      Map<Cause, Long> first = new LinkedHashMap<>();
      Map<Cause, Long> factors = new LinkedHashMap<>();
      for (Cause c : Cause.values()) {
        first.put(c, 0L);
        factors.put(c, 0L);
      }
      long missed = 0;
      for (var members : byPerson.values()) {
        for (int i = 0; i < members.size(); i++) {
          for (int j = i + 1; j < members.size(); j++) {
            if (members.get(i).getValue().equals(members.get(j).getValue())) {
              continue;
            }
            missed++;
            List<Cause> causes =
                causes(members.get(i).getKey().fields(), members.get(j).getKey().fields());
            first.merge(causes.get(0), 1L, Long::sum);
            causes.forEach(c -> factors.merge(c, 1L, Long::sum));
          }
        }
      }
      return new SetResult(set, rows, sent, q, missed, first, factors);
    }
  }

  /**
   * Splits a FEBRL file into the originals' and the duplicates' extracts (header kept, lines
   * verbatim) and returns each partner's rows by row number as the edge counts them (header 1).
   */
  private static Map<String, Map<Long, String[]>> split(
      Path source, Path extracts, Map<String, Path> files) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<String, Map<Long, String[]>> rows = new LinkedHashMap<>();
    for (String partner : List.of(ORIGINALS, DUPLICATES)) {
      out.put(partner, new ArrayList<>(List.of(lines.get(0))));
      rows.put(partner, new HashMap<>());
    }
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fields[i].strip();
      }
      String partner = fields[0].contains("-dup-") ? DUPLICATES : ORIGINALS;
      out.get(partner).add(line);
      rows.get(partner).put((long) out.get(partner).size(), fields);
    }
    for (var e : out.entrySet()) {
      Path f = extracts.resolve(e.getKey()).resolve("febrl-people.csv");
      Files.createDirectories(f.getParent());
      Files.write(f, e.getValue(), StandardCharsets.UTF_8);
      files.put(e.getKey(), f);
    }
    return rows;
  }

  /** The truth: {@code rec-<N>-org} and {@code rec-<N>-dup-<k>} are one person. */
  private static String person(String[] fields) {
    String id = fields[0];
    int dash = id.indexOf('-', 4);
    return dash < 0 ? id : id.substring(0, dash);
  }

  /** Every cause a pair has, in {@link Cause} order; {@code OTHER} alone when none. */
  static List<Cause> causes(String[] a, String[] b) {
    Optional<String> fa = Names.forename(a[1], 'U').value();
    Optional<String> fb = Names.forename(b[1], 'U').value();
    Optional<String> sa = Names.surname(a[2]).value();
    Optional<String> sb = Names.surname(b[2]).value();
    Optional<BirthDate> da = DatesOfBirth.parseBirth(a[9], PERIOD_END).value();
    Optional<BirthDate> db = DatesOfBirth.parseBirth(b[9], PERIOD_END).value();
    List<Cause> out = new ArrayList<>();
    if (sa.isEmpty() || sb.isEmpty()) {
      out.add(Cause.NO_SURNAME);
    }
    boolean wholeDates =
        da.filter(BirthDate::complete).isPresent() && db.filter(BirthDate::complete).isPresent();
    if (!wholeDates) {
      out.add(Cause.NO_DOB);
    }
    boolean swapped =
        fa.isPresent()
            && sb.isPresent()
            && sa.isPresent()
            && fb.isPresent()
            && fa.equals(sb)
            && sa.equals(fb);
    if (swapped) {
      out.add(Cause.NAMES_SWAPPED);
    }
    if (wholeDates && !da.equals(db)) {
      out.add(Cause.DOB_DIFFERS);
    }
    if (!swapped && sa.isPresent() && sb.isPresent() && !sa.equals(sb)) {
      out.add(Cause.SURNAME_DIFFERS);
    }
    if (fa.isEmpty() || fb.isEmpty()) {
      out.add(Cause.NO_FORENAME);
    }
    if (!swapped && fa.isPresent() && fb.isPresent() && !fa.equals(fb)) {
      out.add(Cause.FORENAME_DIFFERS);
    }
    if (out.isEmpty()) {
      out.add(Cause.OTHER);
    }
    return out;
  }
}
