package org.hearth.analytics.schoolreadiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.PerturbationTable;

/**
 * The republication attack of issue 21, for tests and for measuring a publication's risk: publish,
 * remove (or add) one child's records, publish again, difference the two releases, and guess the
 * child's ward, readiness and circumstances. Two attackers: the naive one of the issue (a cell that
 * moved by exactly one gave the child away) and a Bayesian one that knows the perturbation table
 * and the tables' design and weighs every cell's change by its likelihood; both are scored against
 * chance, the best guess from the first release alone.
 */
public final class DifferencingAttack {
  private DifferencingAttack() {}

  /** One release as the attacker reads it; null where suppressed. */
  public record View(
      Map<String, Long[]> wards, // children, ready, not ready
      Long[] total,
      Map<Factor, Long[]>
          factors) { // with children, with not ready, without children, without not ready

    public static View of(SchoolReadiness.Figures f) {
      Map<String, Long[]> wards = new TreeMap<>();
      for (SchoolReadiness.WardRow w : f.wards()) {
        wards.put(w.ward(), row(w));
      }
      Map<Factor, Long[]> factors = new EnumMap<>(Factor.class);
      for (SchoolReadiness.FactorRow r : f.factors()) {
        factors.put(
            r.factor(),
            new Long[] {
              box(r.withChildren()), box(r.withNotReady()),
              box(r.withoutChildren()), box(r.withoutNotReady())
            });
      }
      return new View(wards, row(f.total()), factors);
    }

    /** Reads the published tables, as anyone who may read them. */
    public static View read(Connection c) throws SQLException {
      Map<String, Long[]> wards = new TreeMap<>();
      Long[] total = null;
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT ward, children, ready, not_ready FROM published.school_readiness_by_ward")) {
        while (rs.next()) {
          Long[] v = {value(rs, 2), value(rs, 3), value(rs, 4)};
          if (rs.getString(1).equals(SchoolReadiness.ALL_WARDS)) {
            total = v;
          } else {
            wards.put(rs.getString(1), v);
          }
        }
      }
      Map<Factor, Long[]> factors = new EnumMap<>(Factor.class);
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT factor, with_children, with_not_ready, without_children,"
                      + " without_not_ready FROM published.school_readiness_risk_factors")) {
        while (rs.next()) {
          for (Factor f : Factor.values()) {
            if (f.column().equals(rs.getString(1))) {
              factors.put(f, new Long[] {value(rs, 2), value(rs, 3), value(rs, 4), value(rs, 5)});
            }
          }
        }
      }
      return new View(wards, total, factors);
    }

    private static Long value(ResultSet rs, int i) throws SQLException {
      long v = rs.getLong(i);
      return rs.wasNull() ? null : v;
    }

    private static Long[] row(SchoolReadiness.WardRow w) {
      return new Long[] {box(w.children()), box(w.ready()), box(w.notReady())};
    }

    private static Long box(java.util.OptionalLong v) {
      return v.isPresent() ? v.getAsLong() : null;
    }
  }

  /** A guess of the child's attributes. */
  public record Guess(String ward, boolean ready, boolean[] factors) {}

  /** The best guess from the first release alone: the commonest ward, readiness and each factor. */
  public static Guess chance(View first) {
    String ward = null;
    long most = -1;
    for (var e : first.wards().entrySet()) {
      long n = e.getValue()[0] == null ? 0 : e.getValue()[0];
      if (n > most) {
        most = n;
        ward = e.getKey();
      }
    }
    boolean ready = first.total()[1] >= first.total()[2];
    boolean[] f = new boolean[Factor.values().length];
    for (Factor x : Factor.values()) {
      Long[] v = first.factors().get(x);
      f[x.ordinal()] = v[0] != null && v[2] != null && v[0] > v[2];
    }
    return new Guess(ward, ready, f);
  }

  /**
   * The attack: a ward whose children moved by exactly the one child, the readiness column
   * of the total that did, a circumstance row that did; otherwise chance's guess.
   */
  public static Guess naive(View first, View second, int direction) {
    Guess prior = chance(first);
    String ward = prior.ward();
    List<String> moved = new ArrayList<>();
    for (var e : first.wards().entrySet()) {
      Long[] b = second.wards().get(e.getKey());
      if (b != null && movedBy(e.getValue()[0], b[0], direction)) {
        moved.add(e.getKey());
      }
    }
    if (moved.size() == 1) {
      ward = moved.get(0);
    }
    boolean ready = prior.ready();
    boolean readyMoved = movedBy(first.total()[1], second.total()[1], direction);
    boolean notReadyMoved = movedBy(first.total()[2], second.total()[2], direction);
    if (readyMoved != notReadyMoved) {
      ready = readyMoved;
    }
    boolean[] f = prior.factors().clone();
    for (Factor x : Factor.values()) {
      Long[] a = first.factors().get(x);
      Long[] b = second.factors().get(x);
      boolean with = movedBy(a[0], b[0], direction);
      boolean without = movedBy(a[2], b[2], direction);
      if (with != without) {
        f[x.ordinal()] = with;
      }
    }
    return new Guess(ward, ready, f);
  }

  private static boolean movedBy(Long a, Long b, int direction) {
    return a != null && b != null && b - a == direction;
  }

  /**
   * The Bayesian attacker against perturbed releases. It knows the perturbation table and that each
   * child is in one perturbed cell per table (a ward's ready or not-ready; a circumstance's ready
   * or not-ready among those with it), and that a change to the records redraws every cell. For
   * each cell it weighs how likely the two published values are if the child's record left (or
   * joined) it against if it did not, summing over the unknown true count; priors come from the
   * first release.
   */
  public static Guess bayes(View first, View second, int direction, PerturbationTable ptable) {
    List<String> wards = new ArrayList<>(first.wards().keySet());
    int w = wards.size();
    int nf = Factor.values().length;
    double[][] score = new double[w][2]; // readiness index: 0 not ready, 1 ready
    double[] readyTotal = new double[2];
    for (int i = 0; i < w; i++) {
      Long[] a = first.wards().get(wards.get(i));
      Long[] b = second.wards().get(wards.get(i));
      for (int r = 0; r < 2; r++) {
        long p1 = a[r == 1 ? 1 : 2];
        long p2 = b == null ? 0 : b[r == 1 ? 1 : 2];
        score[i][r] = (p1 + 0.5) * likelihoodRatio(p1, p2, direction, ptable);
        readyTotal[r] += p1;
      }
    }
    double[][] lr = new double[nf][2];
    double[][] prior = new double[nf][2];
    double[][] term = new double[nf][2];
    for (Factor x : Factor.values()) {
      Long[] a = first.factors().get(x);
      Long[] b = second.factors().get(x);
      int k = x.ordinal();
      for (int r = 0; r < 2; r++) {
        long p1 = r == 1 ? a[0] - a[1] : a[1];
        long p2 = r == 1 ? b[0] - b[1] : b[1];
        lr[k][r] = likelihoodRatio(p1, p2, direction, ptable);
        prior[k][r] = Math.min(0.999, Math.max(0.001, p1 / Math.max(1.0, readyTotal[r])));
        term[k][r] = prior[k][r] * lr[k][r] + 1 - prior[k][r];
      }
    }
    double[] byReady = new double[2];
    double[] byWard = new double[w];
    double[][] cell = new double[w][2];
    for (int i = 0; i < w; i++) {
      for (int r = 0; r < 2; r++) {
        double s = score[i][r];
        for (int k = 0; k < nf; k++) {
          s *= term[k][r];
        }
        cell[i][r] = s;
        byReady[r] += s;
        byWard[i] += s;
      }
    }
    int bestWard = 0;
    for (int i = 1; i < w; i++) {
      if (byWard[i] > byWard[bestWard]) {
        bestWard = i;
      }
    }
    boolean[] f = new boolean[nf];
    for (int k = 0; k < nf; k++) {
      double with = 0;
      for (int i = 0; i < w; i++) {
        for (int r = 0; r < 2; r++) {
          with += cell[i][r] * prior[k][r] * lr[k][r] / term[k][r];
        }
      }
      f[k] = with > (byReady[0] + byReady[1]) / 2;
    }
    return new Guess(wards.get(bestWard), byReady[1] >= byReady[0], f);
  }

  /**
   * How much likelier the two published values are if the cell's true count moved by the direction
   * than if it stayed, each summed over a flat prior on the true count.
   */
  public static double likelihoodRatio(long p1, long p2, int direction, PerturbationTable ptable) {
    double moved = 0;
    double stayed = 0;
    int d = ptable.maxNoise();
    for (long n = Math.max(0, p1 - d - 1); n <= p1 + d + 1; n++) {
      double first = ptable.probability(n, (int) (p1 - n));
      if (first == 0) {
        continue;
      }
      stayed += first * ptable.probability(n, (int) (p2 - n));
      if (n + direction >= 0) {
        moved += first * ptable.probability(n + direction, (int) (p2 - n - direction));
      }
    }
    if (stayed == 0) {
      return moved == 0 ? 1 : 1e9;
    }
    return moved / stayed;
  }

  /**
   * Correct guesses per attribute (ward, readiness, then each factor), against chance: the share of
   * the population the chance guess is right for, so that chance carries no sampling error of its
   * own and the advantage's standard error is the attacker's.
   */
  public static final class Score {
    private final Map<String, Double> wardShare = new TreeMap<>();
    private final double readyShare;
    private final double[] factorShare = new double[Factor.values().length];
    final long[] attacker = new long[2 + Factor.values().length];
    final double[] chance = new double[2 + Factor.values().length];
    long trials;

    /**
     * @param population the children the attacked child is chosen from
     */
    public Score(List<SchoolReadiness.Child> population) {
      double n = population.size();
      double ready = 0;
      for (SchoolReadiness.Child c : population) {
        wardShare.merge(c.ward(), 1 / n, Double::sum);
        ready += c.ready() ? 1 : 0;
        for (int k = 0; k < factorShare.length; k++) {
          factorShare[k] += c.factors()[k] ? 1 / n : 0;
        }
      }
      readyShare = ready / n;
    }

    public long trials() {
      return trials;
    }

    public int attributes() {
      return attacker.length;
    }

    public void add(Guess guess, Guess prior, String ward, boolean ready, boolean[] factors) {
      trials++;
      attacker[0] += ward.equals(guess.ward()) ? 1 : 0;
      attacker[1] += ready == guess.ready() ? 1 : 0;
      for (int k = 0; k < factors.length; k++) {
        attacker[2 + k] += factors[k] == guess.factors()[k] ? 1 : 0;
      }
      chance[0] += wardShare.getOrDefault(prior.ward(), 0.0);
      chance[1] += prior.ready() ? readyShare : 1 - readyShare;
      for (int k = 0; k < factors.length; k++) {
        chance[2 + k] += prior.factors()[k] ? factorShare[k] : 1 - factorShare[k];
      }
    }

    public static String name(int i) {
      return i == 0 ? "ward" : i == 1 ? "readiness" : Factor.values()[i - 2].column();
    }

    public double accuracy(int i) {
      return (double) attacker[i] / trials;
    }

    public double chanceAccuracy(int i) {
      return chance[i] / trials;
    }

    public double advantage(int i) {
      return accuracy(i) - chanceAccuracy(i);
    }

    /** The standard error of the attacker's accuracy, and so of its advantage. */
    public double standardError(int i) {
      double p = accuracy(i);
      return Math.sqrt(p * (1 - p) / trials);
    }

    /** The attacker's accuracy above chance's, the largest over attributes. */
    public double worstAdvantage() {
      double worst = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < attacker.length; i++) {
        worst = Math.max(worst, advantage(i));
      }
      return worst;
    }

    /**
     * The largest advantage less z standard errors: above a margin only when the trials show, at
     * that confidence, that some attribute is guessed better than chance by more than the margin.
     */
    public double worstAdvantageBeyondError(double z) {
      double worst = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < attacker.length; i++) {
        worst = Math.max(worst, advantage(i) - z * standardError(i));
      }
      return worst;
    }

    /** One line per attribute. */
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < attacker.length; i++) {
        b.append(
            String.format(
                java.util.Locale.ROOT,
                "%-22s attacker %.3f  chance %.3f  advantage %+.3f (standard error %.3f)%n",
                name(i),
                accuracy(i),
                chanceAccuracy(i),
                advantage(i),
                standardError(i)));
      }
      return b.toString();
    }
  }

  /**
   * Repeats the attack in memory on these children: each trial removes (even trials) or adds (odd)
   * one child chosen at random and differences the releases before and after.
   *
   * @param bayes scored with the Bayesian attacker (perturbed releases only), or null
   * @param naive scored with the naive attacker, or null
   */
  public static void run(
      List<SchoolReadiness.Child> children,
      DisclosureRules rules,
      int trials,
      Random pick,
      Score bayes,
      Score naive) {
    Instant at = Instant.EPOCH;
    View base = View.of(SchoolReadiness.figures(children, Optional.empty(), rules, at));
    for (int t = 0; t < trials; t++) {
      List<SchoolReadiness.Child> without = new ArrayList<>(children);
      SchoolReadiness.Child child = without.remove(pick.nextInt(children.size()));
      View other = View.of(SchoolReadiness.figures(without, Optional.empty(), rules, at));
      boolean removal = t % 2 == 0;
      View first = removal ? base : other;
      View second = removal ? other : base;
      int direction = removal ? -1 : 1;
      Guess prior = chance(first);
      if (bayes != null) {
        bayes.add(
            bayes(first, second, direction, rules.ptable()),
            prior,
            child.ward(),
            child.ready(),
            child.factors());
      }
      if (naive != null) {
        naive.add(
            naive(first, second, direction), prior, child.ward(), child.ready(), child.factors());
      }
    }
  }
}
