package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.hearth.analytics.LinkedTestDatabase;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.PerturbationTable;
import org.hearth.analytics.domesticabuse.DomesticAbuseNeeds;
import org.hearth.analytics.schoolreadiness.DifferencingAttack.Guess;
import org.hearth.analytics.schoolreadiness.DifferencingAttack.Score;
import org.hearth.analytics.schoolreadiness.DifferencingAttack.View;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's attack through a real PostgreSQL server: publish, tombstone one child's records (as an
 * erasure, a retention destruction or a child leaving does), publish again, read both releases as
 * the publisher role and difference them; or the other way round, a child's records arriving. Over
 * many randomly chosen children no attribute is guessed better than chance by more than {@link
 * DifferencingTest#MARGIN}; the same attack on threshold-suppressed releases recovers the child.
 * The same for one domestic-abuse case, quarter by quarter. And a release with unchanged records
 * publishes exactly the same numbers.
 *
 * <p>Record keys and the choice of children are seeded, so a run is reproducible.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferencingIT {
  static final int TRIALS = 1000;
  static final int CASE_TRIALS = 300;
  private static final String[] DISTRICTS = {
    "basildon-council", "castle-point-council", "rochford-council"
  };
  private static final String[] TYPES = {
    "Couple", "Couple with children", "Single parent with children", "Single adult"
  };

  @TempDir static Path dir;
  LinkedTestDatabase db;
  List<SchoolReadiness.Child> children;
  List<int[]> cases = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    db = LinkedTestDatabase.start(dir);
    children = SyntheticChildren.generate(2112, 800, 8);
    Random keys = new Random(21);
    try (Connection c = db.owner();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO linked.contributions (record_id, partner, dataset, extract_id,"
                    + " sequence, household_id, person_id, attributes, record_key)"
                    + " VALUES (?, ?, ?, 'x', 0, ?, ?, ?::jsonb, ?)")) {
      for (int i = 0; i < children.size(); i++) {
        SchoolReadiness.Child ch = children.get(i);
        boolean[] f = ch.factors();
        String h = "h" + i;
        // the assessment record carries the child's key, so the database's figures are
        // exactly those computed in memory from the same children
        insert(
            st,
            ch.key() / (double) PerturbationTable.POSITIONS,
            "sr" + i,
            "essex-county-council",
            "school-readiness",
            h,
            "c" + i,
            String.format(
                Locale.ROOT,
                "{\"good_level_of_development\":\"%s\",\"postcode_ward\":\"%s\",\"sex\":\"%s\","
                    + "\"birth_month\":\"%s\",\"free_school_meals\":\"%s\"}",
                ch.ready() ? "Y" : "N",
                ch.ward(),
                f[Factor.BOY.ordinal()] ? "M" : "F",
                f[Factor.SUMMER_BORN.ordinal()] ? "2020-06" : "2020-01",
                f[Factor.FREE_SCHOOL_MEALS.ordinal()] ? "Y" : "N"));
        if (f[Factor.ARREARS.ordinal()]
            || f[Factor.BENEFITS.ordinal()]
            || f[Factor.LONE_PARENT.ordinal()]) {
          insert(
              st,
              keys,
              "hb" + i,
              "basildon-council",
              "housing-benefits",
              h,
              null,
              String.format(
                  Locale.ROOT,
                  "{\"total_arrears\":\"%s\",\"hb_weekly\":\"%s\",\"lone_parent_premium\":\"%s\"}",
                  f[Factor.ARREARS.ordinal()] ? "120.50" : "0",
                  f[Factor.BENEFITS.ordinal()] ? "64.10" : "0",
                  f[Factor.LONE_PARENT.ordinal()] ? "Y" : "N"));
        }
        if (f[Factor.DOMESTIC_ABUSE.ordinal()]) {
          insert(
              st,
              keys,
              "pd" + i,
              "essex-police",
              "police-incidents",
              h,
              null,
              "{\"incident_type\":\"DOMESTIC\"}");
        }
        if (f[Factor.ANTISOCIAL_BEHAVIOUR.ordinal()]) {
          insert(
              st,
              keys,
              "pa" + i,
              "essex-police",
              "police-incidents",
              h,
              null,
              "{\"incident_type\":\"ASB\"}");
        }
        if (f[Factor.SUBSTANCE_TREATMENT.ordinal()]) {
          insert(
              st, keys, "dt" + i, "essex-county-council", "drug-alcohol-treatment", h, null, "{}");
        }
        if (f[Factor.SOCIAL_CARE.ordinal()]) {
          insert(
              st, keys, "cs" + i, "essex-county-council", "childrens-social-care", h, null, "{}");
        }
        if (f[Factor.YOUTH_OFFENDING.ordinal()]) {
          insert(st, keys, "yo" + i, "essex-county-council", "youth-offending", h, null, "{}");
        }
      }
      // domestic-abuse homelessness cases of one quarter, in households of their own
      Random r = new Random(2113);
      for (int i = 0; i < 240; i++) {
        int d = r.nextInt(10) < 5 ? 0 : r.nextInt(10) < 6 ? 1 : 2;
        int t = Math.min(3, (int) Math.floor(-Math.log(1 - r.nextDouble()) * 1.2));
        cases.add(new int[] {d, t});
        insert(
            st,
            keys,
            "da" + i,
            DISTRICTS[d],
            "da-homelessness",
            "dh" + i,
            "dp" + i,
            "{\"household_type\":\"" + TYPES[t] + "\",\"date_of_application\":\"2026-02-03\"}");
      }
      st.executeBatch();
    }
    db.execute(
        "CREATE ROLE press_officer LOGIN PASSWORD '"
            + LinkedTestDatabase.ROLE_PASSWORD
            + "' IN ROLE hearth_publisher");
  }

  private static void insert(
      PreparedStatement st,
      Random keys,
      String record,
      String partner,
      String dataset,
      String household,
      String person,
      String json)
      throws SQLException {
    insert(
        st,
        (keys.nextLong() >>> 11) / (double) PerturbationTable.POSITIONS,
        record,
        partner,
        dataset,
        household,
        person,
        json);
  }

  private static void insert(
      PreparedStatement st,
      double key,
      String record,
      String partner,
      String dataset,
      String household,
      String person,
      String json)
      throws SQLException {
    st.setString(1, record);
    st.setString(2, partner);
    st.setString(3, dataset);
    st.setString(4, household);
    st.setString(5, person);
    st.setString(6, json);
    st.setDouble(7, key);
    st.addBatch();
  }

  @AfterAll
  void stop() {
    if (db != null) {
      db.close();
    }
  }

  private void setRemoved(String household, boolean removed) throws SQLException {
    try (Connection c = db.owner();
        PreparedStatement st =
            c.prepareStatement(
                "UPDATE linked.contributions SET deleted_at = "
                    + (removed ? "now()" : "NULL")
                    + " WHERE household_id = ?")) {
      st.setString(1, household);
      assertThat(st.executeUpdate()).isPositive();
    }
  }

  private View publishAndRead(DisclosureRules rules, Connection press) throws SQLException {
    try (Connection c = db.owner()) {
      SchoolReadiness.publish(c, SchoolReadiness.compute(c, Optional.empty(), rules));
    }
    return View.read(press);
  }

  @Test
  void theLinkedViewsHoldTheGeneratedChildren() throws Exception {
    try (Connection c = db.owner()) {
      var truth =
          SchoolReadiness.figures(
              children, Optional.empty(), DisclosureRules.DEFAULT, java.time.Instant.EPOCH);
      var read = SchoolReadiness.compute(c, Optional.empty(), DisclosureRules.DEFAULT);
      // the same records with the same keys: the same perturbed figures
      assertThat(read.wards()).isEqualTo(truth.wards());
      assertThat(read.factors()).isEqualTo(truth.factors());
    }
  }

  @Test
  void aReleaseWithUnchangedRecordsPublishesExactlyTheSameNumbers() throws Exception {
    try (Connection press = db.as("press_officer");
        Connection owner = db.owner()) {
      View firstView = publishAndRead(DisclosureRules.DEFAULT, press);
      String first = publishedNumbers(press);
      View again = publishAndRead(DisclosureRules.DEFAULT, press);
      assertThat(publishedNumbers(press)).isEqualTo(first);
      assertThat(again).usingRecursiveComparison().isEqualTo(firstView);

      setRemoved("h17", true);
      publishAndRead(DisclosureRules.DEFAULT, press);
      String changed = publishedNumbers(press);
      setRemoved("h17", false);
      publishAndRead(DisclosureRules.DEFAULT, press);
      // back to the same records: back to the same numbers
      assertThat(publishedNumbers(press)).isEqualTo(first);
      assertThat(changed).isNotEqualTo(first);

      List<String> digests = new ArrayList<>();
      List<String> releases = new ArrayList<>();
      try (Statement s = owner.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT release_id, digest FROM governance.releases"
                      + " WHERE publication = 'school-readiness' ORDER BY released_at")) {
        while (rs.next()) {
          releases.add(rs.getString(1));
          digests.add(rs.getString(2));
        }
      }
      int n = digests.size();
      assertThat(digests.get(n - 1))
          .isEqualTo(digests.get(n - 3))
          .isEqualTo(digests.get(n - 4))
          .isNotEqualTo(digests.get(n - 2));
      assertThat(releases.subList(n - 4, n)).doesNotHaveDuplicates();
      // every published row names its release and the table it was perturbed with
      assertThat(
              LinkedTestDatabase.count(
                  press,
                  "SELECT count(*) FROM published.school_readiness_by_ward"
                      + " WHERE release_id = '"
                      + releases.get(n - 1)
                      + "' AND disclosure = 'cell-key perturbation, hearth-ptable-1'"))
          .isEqualTo(9);
      assertThat(
              LinkedTestDatabase.count(
                  owner,
                  "SELECT count(*) FROM governance.output_checks WHERE release_id = '"
                      + releases.get(n - 1)
                      + "'"))
          .isEqualTo(9 * 4 + Factor.values().length * 5);
    }
  }

  /** Every published number of both school-readiness tables, in a fixed order. */
  private static String publishedNumbers(Connection c) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT ward, children, ready, not_ready, ready_percent"
                    + " FROM published.school_readiness_by_ward ORDER BY ward")) {
      while (rs.next()) {
        for (int i = 1; i <= 5; i++) {
          b.append(rs.getString(i)).append(',');
        }
        b.append('\n');
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT factor, with_children, with_not_ready, without_children,"
                    + " without_not_ready, risk_ratio, ci_low, ci_high"
                    + " FROM published.school_readiness_risk_factors ORDER BY factor")) {
      while (rs.next()) {
        for (int i = 1; i <= 8; i++) {
          b.append(rs.getString(i)).append(',');
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  @Test
  void differencingTwoReleasesGivesNoChildAwayAndDidUnderSuppression() throws Exception {
    Score bayes = new Score(children);
    Score naive = new Score(children);
    Score suppressed = new Score(children);
    Random pick = new Random(4242);
    try (Connection press = db.as("press_officer")) {
      attack(DisclosureRules.DEFAULT, TRIALS, pick, press, bayes, naive);
      attack(DisclosureRules.SUPPRESSION, 40, pick, press, null, suppressed);
    }
    System.out.printf(
        "Through the database, %d children:%nBayesian attacker:%n%sNaive attacker:%n%s"
            + "Naive attacker, threshold suppression (%d children):%n%s",
        bayes.trials(), bayes, naive, suppressed.trials(), suppressed);
    assertThat(bayes.worstAdvantageBeyondError(DifferencingTest.Z))
        .as(bayes.toString())
        .isLessThanOrEqualTo(DifferencingTest.MARGIN);
    assertThat(naive.worstAdvantageBeyondError(DifferencingTest.Z))
        .as(naive.toString())
        .isLessThanOrEqualTo(DifferencingTest.MARGIN);
    // the attack itself works: on suppressed releases it finds the ward, readiness and sex
    for (int i = 0; i < 3; i++) {
      assertThat(suppressed.accuracy(i)).as(Score.name(i)).isGreaterThan(0.95);
    }
  }

  private void attack(
      DisclosureRules rules, int trials, Random pick, Connection press, Score bayes, Score naive)
      throws SQLException {
    View base = publishAndRead(rules, press);
    for (int t = 0; t < trials; t++) {
      int x = pick.nextInt(children.size());
      SchoolReadiness.Child child = children.get(x);
      setRemoved("h" + x, true);
      View without = publishAndRead(rules, press);
      setRemoved("h" + x, false);
      boolean removal = t % 2 == 0;
      View first = removal ? base : without;
      View second = removal ? without : base;
      int direction = removal ? -1 : 1;
      Guess prior = DifferencingAttack.chance(first);
      if (bayes != null) {
        bayes.add(
            DifferencingAttack.bayes(first, second, direction, PerturbationTable.HEARTH_1),
            prior,
            child.ward(),
            child.ready(),
            child.factors());
      }
      naive.add(
          DifferencingAttack.naive(first, second, direction),
          prior,
          child.ward(),
          child.ready(),
          child.factors());
    }
    // after every trial the records are as they were: so is the release
    assertThat(publishAndRead(rules, press)).usingRecursiveComparison().isEqualTo(base);
  }

  @Test
  void differencingTheDomesticAbuseNeedsGivesNoCaseAway() throws Exception {
    long[] bayes = new long[3];
    // chance: the share of cases the guess from the first release alone is right for
    double[] chance = new double[3];
    long[] suppressedRight = new long[3];
    Random pick = new Random(77);
    try (Connection press = db.as("press_officer")) {
      long[][] base = needs(DisclosureRules.DEFAULT, press);
      for (int t = 0; t < CASE_TRIALS; t++) {
        int x = pick.nextInt(cases.size());
        setRemoved("dh" + x, true);
        long[][] without = needs(DisclosureRules.DEFAULT, press);
        setRemoved("dh" + x, false);
        boolean removal = t % 2 == 0;
        long[][] first = removal ? base : without;
        long[][] second = removal ? without : base;
        int[] guess = guessCase(first, second, removal ? -1 : 1, true);
        int[] prior = guessCase(first, second, removal ? -1 : 1, false);
        score(bayes, guess, cases.get(x));
        chance[0] += cases.stream().filter(k -> k[0] == prior[0]).count() / (double) cases.size();
        chance[1] += cases.stream().filter(k -> k[1] == prior[1]).count() / (double) cases.size();
        chance[2] +=
            cases.stream().filter(k -> k[0] == prior[0] && k[1] == prior[1]).count()
                / (double) cases.size();
      }
      long[][] suppressedBase = needs(DisclosureRules.SUPPRESSION, press);
      int trials = 30;
      for (int t = 0; t < trials; t++) {
        int x = pick.nextInt(cases.size());
        setRemoved("dh" + x, true);
        long[][] without = needs(DisclosureRules.SUPPRESSION, press);
        setRemoved("dh" + x, false);
        // the naive attack: the district row and type column whose shown total fell by one
        int[] found = {-1, -1};
        for (int d = 0; d < 3; d++) {
          if (suppressedBase[d][4] >= 0 && without[d][4] == suppressedBase[d][4] - 1) {
            found[0] = d;
          }
        }
        for (int k = 0; k < 4; k++) {
          if (suppressedBase[3][k] >= 0 && without[3][k] == suppressedBase[3][k] - 1) {
            found[1] = k;
          }
        }
        score(suppressedRight, found, cases.get(x));
      }
      for (int i = 0; i < 2; i++) {
        assertThat((double) suppressedRight[i] / trials).isGreaterThan(0.9);
      }
    }
    String[] names = {"district", "household type", "both"};
    StringBuilder report = new StringBuilder("Domestic-abuse needs, one case differenced:\n");
    for (int i = 0; i < 3; i++) {
      report.append(
          String.format(
              Locale.ROOT,
              "%-15s attacker %.3f  chance %.3f%n",
              names[i],
              (double) bayes[i] / CASE_TRIALS,
              chance[i] / CASE_TRIALS));
    }
    System.out.print(report);
    for (int i = 0; i < 3; i++) {
      double p = (double) bayes[i] / CASE_TRIALS;
      double error = Math.sqrt(p * (1 - p) / CASE_TRIALS);
      assertThat(p - chance[i] / CASE_TRIALS - DifferencingTest.Z * error)
          .as(report.toString())
          .isLessThanOrEqualTo(DifferencingTest.MARGIN);
    }
  }

  private static void score(long[] into, int[] guess, int[] truth) {
    into[0] += guess[0] == truth[0] ? 1 : 0;
    into[1] += guess[1] == truth[1] ? 1 : 0;
    into[2] += guess[0] == truth[0] && guess[1] == truth[1] ? 1 : 0;
  }

  /**
   * The published quarter as districts (then All districts) by types (then all types); -1 where
   * suppressed.
   */
  private long[][] needs(DisclosureRules rules, Connection press) throws SQLException {
    try (Connection c = db.owner()) {
      DomesticAbuseNeeds.publish(c, DomesticAbuseNeeds.compute(c, rules));
    }
    TreeMap<String, Integer> rows = new TreeMap<>();
    for (int d = 0; d < 3; d++) {
      rows.put(DISTRICTS[d], d);
    }
    rows.put(DomesticAbuseNeeds.ALL_DISTRICTS, 3);
    TreeMap<String, Integer> columns = new TreeMap<>();
    for (int k = 0; k < 4; k++) {
      columns.put(TYPES[k], k);
    }
    columns.put(DomesticAbuseNeeds.ALL_HOUSEHOLD_TYPES, 4);
    long[][] v = new long[4][5];
    try (Statement s = press.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT district, household_type, applications"
                    + " FROM published.domestic_abuse_needs WHERE quarter = '2026-Q1'")) {
      while (rs.next()) {
        long a = rs.getLong(3);
        v[rows.get(rs.getString(1))][columns.get(rs.getString(2))] = rs.wasNull() ? -1 : a;
      }
    }
    return v;
  }

  /**
   * The Bayesian guess of the case's district and type from the change of every perturbed cell, or
   * (likelihood off) chance's: the largest cell of the first release.
   */
  private static int[] guessCase(long[][] first, long[][] second, int direction, boolean bayes) {
    int[] guess = {0, 0};
    double[] byDistrict = new double[3];
    double[] byType = new double[4];
    for (int d = 0; d < 3; d++) {
      for (int k = 0; k < 4; k++) {
        double p = first[d][k] + 0.5;
        if (bayes) {
          p *=
              DifferencingAttack.likelihoodRatio(
                  first[d][k], second[d][k], direction, PerturbationTable.HEARTH_1);
        }
        byDistrict[d] += p;
        byType[k] += p;
      }
    }
    for (int d = 0; d < 3; d++) {
      if (byDistrict[d] > byDistrict[guess[0]]) {
        guess[0] = d;
      }
    }
    for (int k = 0; k < 4; k++) {
      if (byType[k] > byType[guess[1]]) {
        guess[1] = k;
      }
    }
    return guess;
  }
}
