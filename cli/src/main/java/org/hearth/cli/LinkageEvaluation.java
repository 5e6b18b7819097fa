package org.hearth.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.ingest.PlaintextMatchKeys;
import org.hearth.ingest.PostcodeLookup;
import org.hearth.ingest.contract.Contracts;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.link.LinkSettings;
import org.hearth.link.evaluate.PairwiseQuality;
import org.hearth.link.evaluate.PairwiseQuality.Labelled;
import org.hearth.link.resolve.KeyId;
import org.hearth.link.resolve.LinkRecord;
import org.hearth.link.resolve.LinkageGraph;
import org.hearth.link.resolve.MemoryStore;
import org.hearth.link.resolve.scoring.FieldCollisions;
import org.hearth.pseudonymise.AnalystIds;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.hearth.runtime.HearthException;

/**
 * Linkage quality of a run against the generator's ground truth: the pseudonymised pipeline's
 * tables, and the same resolution rules run here on the plaintext match keys of the same records,
 * side by side. Joins each landed record to its truth through the edge's audit ({@code
 * sent-rows.csv}: sequence to source row).
 */
final class LinkageEvaluation {

  /** Pairwise quality of household and person links, pseudonymised and plaintext. */
  record Result(
      long records,
      PairwiseQuality households,
      PairwiseQuality persons,
      PairwiseQuality plaintextHouseholds,
      PairwiseQuality plaintextPersons,
      long unaccounted) {}

  /** A record's true person and household ("" when the truth has none). */
  record Truth(String person, String household) {}

  /**
   * One published extract to judge: the partner's file as the edge read it, its contract, the
   * edge's audit folder of the extract ({@code sent-rows.csv}), and the truth by source row.
   */
  record Judged(
      String partner,
      String dataset,
      Path file,
      DatasetContract contract,
      Path sent,
      Map<Long, Truth> truth) {}

  /** What the evaluation saw of one record, for classifying the pairs it missed. */
  interface Seen {
    /**
     * @param id the record's linkage id (or a stand-in for a record the edge refused)
     * @param extract the extract it came in
     * @param row the source row of its extract
     * @param truth its truth
     * @param person the person the pipeline put it in (a stand-in of its own when none)
     */
    void record(String id, Judged extract, long row, Truth truth, String person);
  }

  private record Predicted(String recordId, String household, String person) {}

  private LinkageEvaluation() {}

  /** A synthetic county's run: every extract of the period, judged by the generator's truth. */
  static Result evaluate(
      Path county,
      String period,
      LocalDate periodEnd,
      Path audit,
      KeyAuthority authority,
      String jdbcUrl,
      String user,
      String password)
      throws IOException, SQLException {
    PostcodeLookup lookup = PostcodeLookup.load(county.resolve("lookup/onspd-synthetic.csv"));
    List<Path> files;
    try (var walk = Files.walk(county.resolve("extracts").resolve(period))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Judged> judged = new ArrayList<>();
    for (Path f : files) {
      String partner = f.getParent().getFileName().toString();
      String dataset = f.getFileName().toString().replaceAll("\\.(csv|xlsx)$", "");
      Path truth =
          county.resolve("truth").resolve(period).resolve(partner).resolve(dataset + ".csv");
      judged.add(
          new Judged(
              partner,
              dataset,
              f,
              Contracts.load(dataset),
              extractAudit(audit.resolve(partner).resolve(dataset).resolve(period)),
              truth(truth)));
    }
    return evaluate(
        judged,
        false,
        lookup,
        periodEnd,
        authority,
        jdbcUrl,
        user,
        password,
        (i, e, r, t, p) -> {});
  }

  /**
   * Pairwise quality of the landed tables and of the same rules on the plaintext keys.
   *
   * @param everyRow count every row with a true person, linked or not: a row the edge refused, or
   *     one that carries no person key, is a person of its own. Otherwise only landed records with
   *     person keys are counted, as for the synthetic county.
   */
  static Result evaluate(
      List<Judged> extracts,
      boolean everyRow,
      PostcodeLookup lookup,
      LocalDate periodEnd,
      KeyAuthority authority,
      String jdbcUrl,
      String user,
      String password,
      Seen seen)
      throws IOException, SQLException {
    Map<String, Predicted> landed = landed(jdbcUrl, user, password);
    // the plaintext side rebuilds record ids from the partners' keys: they must be the run's
    AnalystIds runIds = new AnalystIds(authority.projectKey(LinkSettings.DEFAULT_PROJECT));
    boolean keysChecked = false;
    List<Labelled> households = new ArrayList<>();
    List<Labelled> persons = new ArrayList<>();
    List<String> order = new ArrayList<>(); // record ids, to read the plaintext result back
    Map<String, Truth> truthOf = new HashMap<>();
    List<LinkRecord> plaintext = new ArrayList<>();
    List<Labelled> refused = new ArrayList<>(); // with everyRow: persons of their own
    long unaccounted = 0;
    for (Judged e : extracts) {
      String partner = e.partner();
      String dataset = e.dataset();
      String extractId = e.sent().getFileName().toString();
      Map<Long, PlaintextMatchKeys.Row> rows =
          PlaintextMatchKeys.read(
              e.file(), e.contract(), authority.partnerKey(partner, 1), lookup, periodEnd);
      Set<Long> sentRows = new HashSet<>();
      try (CsvReader<de.siegmar.fastcsv.reader.CsvRecord> r =
          CsvReader.builder().ofCsvRecord(e.sent().resolve("sent-rows.csv"))) {
        for (var rec : r) {
          if (rec.getStartingLineNumber() == 1) {
            continue;
          }
          long sequence = Long.parseLong(rec.getField(0));
          long row = Long.parseLong(rec.getField(1));
          sentRows.add(row);
          Truth t = e.truth().get(row);
          Predicted p = landed.get(partner + "|" + dataset + "|" + extractId + "|" + sequence);
          PlaintextMatchKeys.Row plain = rows.get(row);
          if (t == null || p == null || plain == null) {
            unaccounted++;
            continue;
          }
          String id =
              LinkRecord.id(
                  partner,
                  dataset,
                  Base64.getUrlEncoder().withoutPadding().encodeToString(plain.recordKey()));
          if (!keysChecked) {
            if (!runIds.of("record", id).equals(p.recordId())) {
              throw new HearthException(
                  "the run's partner keys were not issued by the key authority this evaluation"
                      + " uses (the demo's): its records cannot be matched to their plaintext");
            }
            keysChecked = true;
          }
          plaintext.add(linkRecord(id, partner, dataset, plain.keys()));
          order.add(id);
          truthOf.put(id, t);
          String person = p.person() != null ? p.person() : "none:" + id;
          seen.record(id, e, row, t, person);
          if (!t.household().isEmpty()) {
            households.add(new Labelled(p.household(), t.household()));
          }
          if (!t.person().isEmpty() && (p.person() != null || everyRow)) {
            persons.add(new Labelled(person, t.person()));
          }
        }
      }
      if (everyRow) {
        for (var t : e.truth().entrySet()) {
          if (!sentRows.contains(t.getKey()) && !t.getValue().person().isEmpty()) {
            String id = "refused:" + partner + "|" + dataset + "|" + t.getKey();
            refused.add(new Labelled(id, t.getValue().person()));
            seen.record(id, e, t.getKey(), t.getValue(), id);
          }
        }
      }
    }
    persons.addAll(refused);
    Map<String, LinkageGraph.Assignment> resolved = new HashMap<>();
    LinkageGraph.Changes collect =
        new LinkageGraph.Changes() {
          @Override
          public void upsert(LinkRecord r, LinkageGraph.Assignment a) {
            resolved.put(r.id(), a);
          }

          @Override
          public void delete(LinkRecord r) {
            resolved.remove(r.id());
          }
        };
    LinkageGraph graph = new LinkageGraph(new MemoryStore());
    graph.apply(plaintext, List.of(), collect);
    // the same estimation the link job makes on its graph, on the same records
    graph.rescore(graph.estimate(FieldCollisions.TYPICAL), collect);
    List<Labelled> plainHouseholds = new ArrayList<>();
    List<Labelled> plainPersons = new ArrayList<>();
    for (String id : order) {
      Truth t = truthOf.get(id);
      LinkageGraph.Assignment a = resolved.get(id);
      if (!t.household().isEmpty()) {
        plainHouseholds.add(new Labelled(a.household(), t.household()));
      }
      if (!t.person().isEmpty() && (a.person() != null || everyRow)) {
        plainPersons.add(new Labelled(a.person() != null ? a.person() : "none:" + id, t.person()));
      }
    }
    plainPersons.addAll(refused);
    return new Result(
        order.size(),
        PairwiseQuality.of(households),
        PairwiseQuality.of(persons),
        PairwiseQuality.of(plainHouseholds),
        PairwiseQuality.of(plainPersons),
        unaccounted);
  }

  private static LinkRecord linkRecord(
      String id, String partner, String dataset, List<MatchKey> keys) {
    List<String> address = new ArrayList<>();
    List<String> person = new ArrayList<>();
    for (MatchKey k : keys) {
      // the same keys the link job holds: one that never links is carried by its letter alone
      String key =
          KeyId.links(k.type())
              ? KeyId.plaintext(k.type(), k.plaintext())
              : KeyId.carried(k.type());
      (k.type().kind() == MatchKeyType.Kind.ADDRESS ? address : person).add(key);
    }
    return new LinkRecord(
        id,
        partner,
        dataset,
        "plaintext",
        0,
        address.toArray(String[]::new),
        person.toArray(String[]::new),
        new String[0],
        0);
  }

  /** The one completed extract folder of a partner dataset's period. */
  private static Path extractAudit(Path dir) throws IOException {
    try (var list = Files.list(dir)) {
      List<Path> done =
          list.filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(p -> Files.exists(p.resolve("sent-rows.csv")))
              .toList();
      if (done.size() != 1) {
        throw new IOException(
            "expected one published extract under " + dir + ", found " + done.size());
      }
      return done.get(0);
    }
  }

  private static Map<Long, Truth> truth(Path file) throws IOException {
    Map<Long, Truth> out = new HashMap<>();
    try (CsvReader<de.siegmar.fastcsv.reader.CsvRecord> r = CsvReader.builder().ofCsvRecord(file)) {
      for (var rec : r) {
        if (rec.getStartingLineNumber() == 1) {
          continue;
        }
        out.put(Long.parseLong(rec.getField(0)), new Truth(rec.getField(1), rec.getField(2)));
      }
    }
    return out;
  }

  private static Map<String, Predicted> landed(String url, String user, String password)
      throws SQLException {
    Map<String, Predicted> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT partner, dataset, extract_id, sequence, record_id, household_id,"
                    + " person_id"
                    + " FROM linked.current_contributions")) {
      while (rs.next()) {
        out.put(
            rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4),
            new Predicted(rs.getString(5), rs.getString(6), rs.getString(7)));
      }
    }
    return out;
  }
}
