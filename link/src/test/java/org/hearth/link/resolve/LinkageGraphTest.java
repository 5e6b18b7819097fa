package org.hearth.link.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hearth.link.resolve.scoring.ExpectationMaximisation;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.junit.jupiter.api.Test;

/** Resolution on its own: merges, splits, retractions, ambiguity and arrival order. */
class LinkageGraphTest {

  /** What the tables would hold: the latest upsert of each record, deletes removing it. */
  static final class Table implements LinkageGraph.Changes {
    final Map<String, LinkageGraph.Assignment> rows = new HashMap<>();
    int writes;

    @Override
    public void upsert(LinkRecord r, LinkageGraph.Assignment a) {
      rows.put(r.id(), a);
      writes++;
    }

    @Override
    public void delete(LinkRecord r) {
      rows.remove(r.id());
      writes++;
    }

    long households() {
      return rows.values().stream().map(LinkageGraph.Assignment::household).distinct().count();
    }
  }

  static String addr(String s) {
    return KeyId.plaintext(MatchKeyType.ADDRESS, s);
  }

  static String uprn(String s) {
    return KeyId.plaintext(MatchKeyType.UPRN, s);
  }

  static String nhs(String s) {
    return KeyId.plaintext(MatchKeyType.NHS_NUMBER, s);
  }

  /** Both names and the whole date of birth: the strongest comparison token. */
  static String nameDob(String s) {
    return KeyId.plaintext(MatchKeyType.NAME_DOB_SEX, s);
  }

  static String street(String s) {
    return KeyId.plaintext(MatchKeyType.STREET_ADDRESS, s);
  }

  static String forenameDob(String s) {
    return KeyId.plaintext(MatchKeyType.FORENAME_DOB, s);
  }

  static String surnameYob(String s) {
    return KeyId.plaintext(MatchKeyType.SURNAME_YOB, s);
  }

  static LinkRecord rec(String id, String[] address, String... person) {
    return new LinkRecord(
        "p|d|" + id, "p", "d", "x", 0, address, person, new String[] {"flag", id}, 0);
  }

  static String[] a(String... keys) {
    return keys;
  }

  @Test
  void anAliasMergesTwoHouseholdsAndReattributesEveryRecordOnce() {
    MemoryStore store = new MemoryStore();
    LinkageGraph g = new LinkageGraph(store);
    Table t = new Table();
    g.apply(
        List.of(
            rec("1", a(uprn("100")), nhs("a")),
            rec("2", a(uprn("100")), nhs("b")),
            rec("3", a(addr("PC|ZX11AA|10|")), nhs("c"))),
        List.of(),
        t);
    assertThat(t.households()).isEqualTo(2);
    // a council record carrying both the UPRN and the canonical address makes them aliases
    g.apply(List.of(rec("4", a(uprn("100"), addr("PC|ZX11AA|10|")))), List.of(), t);
    assertThat(t.rows).hasSize(4);
    assertThat(t.households()).isEqualTo(1);
    // and removing the alias splits them again
    g.apply(List.of(), List.of("p|d|4"), t);
    assertThat(t.rows).hasSize(3);
    assertThat(t.households()).isEqualTo(2);
    assertThat(t.rows.get("p|d|1").household()).isEqualTo(t.rows.get("p|d|2").household());
    assertThat(t.rows.get("p|d|1").household()).isNotEqualTo(t.rows.get("p|d|3").household());
  }

  @Test
  void retractingEverythingLeavesNoState() {
    MemoryStore store = new MemoryStore();
    LinkageGraph g = new LinkageGraph(store);
    Table t = new Table();
    List<LinkRecord> all = population(new Random(7), 300);
    g.apply(all, List.of(), t);
    assertThat(store.size()).isPositive();
    g.apply(List.of(), all.stream().map(LinkRecord::id).toList(), t);
    assertThat(store.size()).isZero();
    assertThat(t.rows).isEmpty();
  }

  @Test
  void arrivalOrderDoesNotChangeTheResult() {
    List<LinkRecord> all = population(new Random(11), 400);
    Map<String, LinkageGraph.Assignment> reference = resolveInOrder(all, 400);
    Random r = new Random(3);
    for (int round = 0; round < 12; round++) {
      List<LinkRecord> shuffled = new ArrayList<>(all);
      Collections.shuffle(shuffled, r);
      int batch = 1 + r.nextInt(60);
      assertThat(resolveInOrder(shuffled, batch)).as("round %d", round).isEqualTo(reference);
    }
  }

  @Test
  void aWeakKeyNeverJoinsTwoDifferentNhsNumbers() {
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    g.apply(
        List.of(
            rec("1", a(uprn("1")), nhs("111"), nameDob("J|SMITH|2019-01-01")),
            rec("2", a(uprn("2")), nhs("222"), nameDob("J|SMITH|2019-01-01")),
            rec("3", a(uprn("3")), nameDob("J|SMITH|2019-01-01"))),
        List.of(),
        t);
    assertThat(t.rows.get("p|d|1").person()).isNotEqualTo(t.rows.get("p|d|2").person());
    // the record without an NHS number joins the first in id order; the links that would then
    // join 111 and 222 (directly, and through record 3) are refused and counted
    assertThat(t.rows.get("p|d|3").person()).isEqualTo(t.rows.get("p|d|1").person());
    assertThat(g.ambiguities()).isEqualTo(2);
  }

  @Test
  void aRefusalIsCountedOncePerChangeAndNotAgainWhenTheSameRecordsComeAgain() {
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    // two NHS numbers reached from three shared keys: one refused pair, however it is reached
    List<LinkRecord> twoPeople =
        List.of(
            rec(
                "1",
                a(uprn("1")),
                nhs("111"),
                nameDob("J|SMITH|2019-01-01"),
                forenameDob("J|2019-01-01")),
            rec(
                "2",
                a(uprn("1")),
                nhs("222"),
                nameDob("J|SMITH|2019-01-01"),
                forenameDob("J|2019-01-01")));
    g.apply(twoPeople, List.of(), t);
    assertThat(g.ambiguities()).isEqualTo(1);
    // the same records again (a full extract that repeats the last): nothing new is refused
    g.apply(twoPeople, List.of(), t);
    assertThat(g.ambiguities()).isEqualTo(1);
    // a third record that would join them re-resolves the component: this change reports the
    // three pairs among 111, 222 and 333 it refused, each once
    g.apply(
        List.of(rec("3", a(uprn("1")), nhs("333"), nameDob("J|SMITH|2019-01-01"))), List.of(), t);
    assertThat(g.ambiguities()).isEqualTo(1 + 3);
  }

  @Test
  void scoringJoinsAMoveAndATypoButNeverTwinsOrAParentOfTheSameName() {
    java.time.LocalDate dob = java.time.LocalDate.of(2019, 3, 5);
    LinkRecord amy = TestPersons.person("1", "Amy", "Jones", dob, "SS143AB", "10");
    LinkRecord moved = TestPersons.person("2", "Amy", "Jones", dob, "CM11AA", "4");
    LinkRecord typo = TestPersons.person("5", "Aimy", "Jones", dob, "SS143AB", "10");
    LinkRecord twin = TestPersons.person("3", "Zoe", "Jones", dob, "SS143AB", "10");
    java.time.LocalDate born1985 = java.time.LocalDate.of(1985, 11, 20);
    LinkRecord mother = TestPersons.person("4", "Amy", "Jones", born1985, "SS143AB", "10");
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    g.apply(List.of(amy, moved, twin, mother, typo), List.of(), t);
    String p = t.rows.get(amy.id()).person();
    assertThat(t.rows.get(moved.id()).person()).isEqualTo(p);
    assertThat(t.rows.get(typo.id()).person()).isEqualTo(p);
    assertThat(t.rows.get(twin.id()).person()).isNotEqualTo(p);
    assertThat(t.rows.get(mother.id()).person()).isNotEqualTo(p);
    assertThat(g.ambiguities()).isGreaterThanOrEqualTo(2);

    // a model that trusts nothing splits them; rescoring with it reports only what changed
    double[][] m = ScoringModelProbe.withStrongLevelsAt(g.model(), 1e-4);
    t.writes = 0;
    g.rescore(
        new org.hearth.link.resolve.scoring.ScoringModel(9, m, g.model().u(), g.model().prior()),
        t);
    assertThat(t.rows.get(moved.id()).person()).isNotEqualTo(t.rows.get(amy.id()).person());
    assertThat(t.rows.get(typo.id()).person()).isNotEqualTo(t.rows.get(amy.id()).person());
    assertThat(t.writes).isEqualTo(2); // the two that left Amy's person, nothing else
  }

  /** Builds m arrays for a test model. */
  static final class ScoringModelProbe {
    static double[][] withStrongLevelsAt(
        org.hearth.link.resolve.scoring.ScoringModel model, double value) {
      double[][] m = new double[model.m().length][];
      for (int c = 0; c < m.length; c++) {
        m[c] = new double[model.m()[c].length];
        java.util.Arrays.fill(m[c], value);
        m[c][0] = 1 - value * (m[c].length - 1);
      }
      return m;
    }
  }

  @Test
  void surnameAndYearOfBirthAloneNeverLinks() {
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    g.apply(
        List.of(
            rec("1", a(uprn("1")), surnameYob("SMITH|2019|F")),
            rec("2", a(uprn("2")), surnameYob("SMITH|2019|F"))),
        List.of(),
        t);
    assertThat(t.rows.get("p|d|1").person()).isNotEqualTo(t.rows.get("p|d|2").person());
  }

  @Test
  void aRecordWithoutAnAddressLivesWhereItsPersonDoes() {
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    g.apply(List.of(rec("1", a(uprn("9")), nhs("123")), rec("2", a(), nhs("123"))), List.of(), t);
    assertThat(t.rows.get("p|d|2").household()).isEqualTo(t.rows.get("p|d|1").household());
    // when the person's addressed record moves household, the address-less one follows
    g.apply(List.of(rec("1", a(uprn("10")), nhs("123"))), List.of(), t);
    assertThat(t.rows.get("p|d|2").household()).isEqualTo(uprn("10"));
  }

  @Test
  void aStreetKeyNeverJoinsTwoPostcodesOrTwoUprns() {
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    g.apply(
        List.of(
            // two streets of one name in one town: same street key, different postcodes
            rec("1", a(addr("PC|ZX11JN|23|"), street("ALBERT CLOSE|PITSEA|23|")), nhs("1")),
            rec("2", a(addr("PC|ZX11LS|23|"), street("ALBERT CLOSE|PITSEA|23|")), nhs("2")),
            rec("3", a(street("ALBERT CLOSE|PITSEA|23|")), nhs("3")),
            // a street key only one postcode household holds places the record without one
            rec("4", a(addr("PC|ZX11AA|5|"), street("ASH ROAD|PITSEA|5|")), nhs("4")),
            rec("5", a(street("ASH ROAD|PITSEA|5|")), nhs("5")),
            rec("6", a(street("ASH ROAD|PITSEA|5|")), nhs("6")),
            // a UPRN with no postcode and a postcode with no UPRN: nothing tells them apart
            rec("7", a(uprn("70"), street("OAK AVENUE|PITSEA|19|")), nhs("7")),
            rec("8", a(addr("PC|ZX11HB|19|"), street("OAK AVENUE|PITSEA|19|")), nhs("8")),
            // but two UPRNs are two dwellings
            rec("9", a(uprn("90"), street("ELM WAY|PITSEA|2|")), nhs("9")),
            rec("10", a(uprn("91"), street("ELM WAY|PITSEA|2|")), nhs("10"))),
        List.of(),
        t);
    assertThat(t.rows.get("p|d|1").household()).isNotEqualTo(t.rows.get("p|d|2").household());
    assertThat(t.rows.get("p|d|3").household())
        .isNotIn(t.rows.get("p|d|1").household(), t.rows.get("p|d|2").household());
    assertThat(t.rows.get("p|d|7").household()).isEqualTo(t.rows.get("p|d|8").household());
    assertThat(t.rows.get("p|d|9").household()).isNotEqualTo(t.rows.get("p|d|10").household());
    assertThat(g.ambiguities()).isEqualTo(2);
    assertThat(t.rows.get("p|d|5").household())
        .isEqualTo(t.rows.get("p|d|4").household())
        .isEqualTo(t.rows.get("p|d|6").household())
        .isEqualTo(addr("PC|ZX11AA|5|"));
    // once the second postcode household goes, the street key is no longer ambiguous
    g.apply(List.of(), List.of("p|d|2"), t);
    assertThat(t.rows.get("p|d|3").household()).isEqualTo(t.rows.get("p|d|1").household());
  }

  @Test
  void aForenameAndDateOfBirthLinksOnlyWithinOneHousehold() {
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    g.apply(
        List.of(
            // the surname was misspelt on one record, so only the forename key is shared
            rec(
                "1",
                a(uprn("1")),
                nameDob("E|RICHARDS|2006-02-15"),
                forenameDob("EMMA|2006-02-15")),
            rec(
                "2",
                a(uprn("1")),
                nameDob("E|RICUARDS|2006-02-15"),
                forenameDob("EMMA|2006-02-15")),
            rec("3", a(uprn("2")), nameDob("E|JONES|2006-02-15"), forenameDob("EMMA|2006-02-15")),
            rec("4", a(), forenameDob("EMMA|2006-02-15"))),
        List.of(),
        t);
    assertThat(t.rows.get("p|d|1").person()).isEqualTo(t.rows.get("p|d|2").person());
    assertThat(t.rows.get("p|d|3").person()).isNotEqualTo(t.rows.get("p|d|1").person());
    assertThat(t.rows.get("p|d|4").person())
        .isNotIn(t.rows.get("p|d|1").person(), t.rows.get("p|d|3").person());
    // moving the second record to another household undoes the link
    g.apply(
        List.of(
            rec(
                "2",
                a(uprn("3")),
                nameDob("E|RICUARDS|2006-02-15"),
                forenameDob("EMMA|2006-02-15"))),
        List.of(),
        t);
    assertThat(t.rows.get("p|d|2").person()).isNotEqualTo(t.rows.get("p|d|1").person());
  }

  static Map<String, LinkageGraph.Assignment> resolveInOrder(List<LinkRecord> all, int batch) {
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    Table t = new Table();
    for (int i = 0; i < all.size(); i += batch) {
      g.apply(all.subList(i, Math.min(all.size(), i + batch)), List.of(), t);
    }
    return t.rows;
  }

  /** Households at shared addresses with aliases, people with strong and weak keys, some moved. */
  static List<LinkRecord> population(Random r, int n) {
    List<LinkRecord> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      int household = r.nextInt(n / 4);
      int person = household * 3 + r.nextInt(3);
      List<String> address = new ArrayList<>();
      if (r.nextInt(10) > 0) {
        if (r.nextBoolean()) {
          address.add(uprn("u" + household));
        }
        if (r.nextBoolean() || address.isEmpty()) {
          address.add(addr("a" + (r.nextInt(20) == 0 ? household + 1 : household)));
        }
        if (r.nextInt(3) == 0) {
          // street keys collide between neighbouring households now and then
          address.add(street("s" + (r.nextInt(10) == 0 ? household / 2 : household)));
        }
      } else if (r.nextBoolean()) {
        address.add(street("s" + household));
      }
      List<String> keys = new ArrayList<>();
      if (r.nextInt(4) > 0) {
        keys.add(nhs("n" + person));
      }
      if (r.nextInt(5) > 0) {
        keys.add(nameDob("nd" + (r.nextInt(30) == 0 ? person + 1 : person)));
      }
      if (r.nextInt(3) == 0) {
        keys.add(forenameDob("fd" + person % 7));
      }
      if (keys.isEmpty() && address.isEmpty()) {
        keys.add(nhs("n" + person));
      }
      String id = "r" + i;
      ids.add(id);
      out.add(rec(id, address.toArray(String[]::new), keys.toArray(String[]::new)));
    }
    return out;
  }

  @Test
  void aSampleOfRecordsEstimatesTheSameModelAsEveryPair() {
    // people who appear twice (a move, a typo), namesakes and families sharing surnames
    String[] forenames = {"Amy", "Ben", "Cara", "Dan", "Eve", "Finn", "Gus", "Hana", "Ida", "Joe"};
    String[] surnames = {"Jones", "Smith", "Patel", "Khan", "Brown", "Evans", "Ali", "Wood"};
    Random r = new Random(11);
    List<LinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      String f = forenames[r.nextInt(forenames.length)];
      String sn = surnames[r.nextInt(surnames.length)];
      java.time.LocalDate dob = java.time.LocalDate.of(1950 + r.nextInt(60), 1 + r.nextInt(12), 1);
      String postcode = "SS" + r.nextInt(20) + "AB";
      records.add(TestPersons.person("a" + i, f, sn, dob, postcode, "" + r.nextInt(50)));
      if (r.nextInt(3) > 0) {
        String again = r.nextBoolean() ? f : f + "e";
        String moved = r.nextBoolean() ? postcode : "CM" + r.nextInt(20) + "XY";
        records.add(TestPersons.person("b" + i, again, sn, dob, moved, "" + r.nextInt(50)));
      }
    }
    LinkageGraph g = new LinkageGraph(new MemoryStore());
    g.apply(records, List.of(), new Table());
    long n = g.size();

    LinkageGraph.PairSample all = g.candidatePatterns(n, n);
    LinkageGraph.PairSample sample = g.candidatePatterns(n, n / 4);
    assertThat(all.pairShare()).isEqualTo(1.0);
    double f = (double) (n / 4) / n;
    assertThat(sample.pairShare())
        .isCloseTo(1 - (1 - f) * (1 - f), org.assertj.core.api.Assertions.within(1e-9));
    assertThat((double) sample.patterns().pairs() / all.patterns().pairs())
        .as("the share of pairs a quarter of the records reaches")
        .isBetween(sample.pairShare() - 0.06, sample.pairShare() + 0.06);

    var start = g.model();
    double allPairs = (double) n * (n - 1) / 2;
    var full = ExpectationMaximisation.estimate(all.patterns(), allPairs, start, 100);
    var sampled =
        ExpectationMaximisation.estimate(
            sample.patterns(), allPairs * sample.pairShare(), start, 100);
    assertThat(sampled.prior() / full.prior()).isBetween(0.8, 1.25);
    for (int c = 0; c < full.m().length; c++) {
      for (int l = 0; l < full.m()[c].length; l++) {
        assertThat(sampled.m()[c][l])
            .as("m of comparison %d level %d", c, l)
            .isCloseTo(full.m()[c][l], org.assertj.core.api.Assertions.within(0.05));
      }
    }
    assertThat(g.candidatePatterns(n, n / 4).patterns().pairs())
        .as("the same records, the same sample")
        .isEqualTo(sample.patterns().pairs());
  }
}
