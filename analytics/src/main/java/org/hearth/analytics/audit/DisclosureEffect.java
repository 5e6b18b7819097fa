package org.hearth.analytics.audit;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.PublishedGrid;
import org.hearth.analytics.domesticabuse.DomesticAbuseNeeds;
import org.hearth.analytics.schoolreadiness.DifferencingAttack;
import org.hearth.analytics.schoolreadiness.DifferencingAttack.Score;
import org.hearth.analytics.schoolreadiness.Factor;
import org.hearth.analytics.schoolreadiness.RiskRatio;
import org.hearth.analytics.schoolreadiness.SchoolReadiness;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.Child;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.FactorRow;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.Figures;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.WardRow;

/**
 * What disclosure control costs and what it buys, on the linked data at hand: the published figures
 * under cell-key perturbation and under threshold suppression against the true ones (cells changed,
 * mean absolute change, rates and risk ratios), and the republication attack repeated in memory
 * against both. For analysts and auditors: it reads true counts, so it prints only summary figures,
 * never a cell.
 */
public final class DisclosureEffect {
  private DisclosureEffect() {}

  /** Change of published counts against the truth. */
  record Change(long cells, long changed, long absoluteSum, long largest, long withheld) {
    static Change of(List<long[]> pairs) {
      long changed = 0;
      long sum = 0;
      long largest = 0;
      long withheld = 0;
      for (long[] p : pairs) {
        if (p[1] < 0) {
          withheld++;
          continue;
        }
        long d = Math.abs(p[1] - p[0]);
        changed += d == 0 ? 0 : 1;
        sum += d;
        largest = Math.max(largest, d);
      }
      return new Change(pairs.size(), changed, sum, largest, withheld);
    }

    double meanAbsolute() {
      long shown = cells - withheld;
      return shown == 0 ? 0 : (double) sum() / shown;
    }

    long sum() {
      return absoluteSum;
    }
  }

  /** Measures and prints; the attack runs the given number of trials of each kind. */
  public static void print(
      PrintWriter out,
      List<Child> children,
      DomesticAbuseNeeds.Cases cases,
      DisclosureRules perturbation,
      DisclosureRules suppression,
      int trials,
      long seed) {
    Instant at = Instant.EPOCH;
    Figures p = SchoolReadiness.figures(children, Optional.empty(), perturbation, at);
    Figures s = SchoolReadiness.figures(children, Optional.empty(), suppression, at);
    Truth t = Truth.of(children);
    long wards = t.ready.size();
    out.printf(
        Locale.ROOT,
        "School readiness: %,d children with a known ward, %d wards.%n%n",
        children.size(),
        wards);
    out.printf(
        Locale.ROOT,
        "%-44s %14s %14s%n",
        "published counts (wards and circumstances)",
        "perturbation",
        "suppression");
    Change cp = Change.of(counts(p, t));
    Change cs = Change.of(counts(s, t));
    Change ip = Change.of(perturbedCells(p, t));
    out.printf(Locale.ROOT, "%-44s %14d %14d%n", "  cells", cp.cells(), cs.cells());
    out.printf(
        Locale.ROOT,
        "%-44s %14s %14s%n",
        "  withheld (suppressed)",
        "0",
        pct(cs.withheld(), cs.cells()));
    out.printf(
        Locale.ROOT,
        "%-44s %14s %14s%n",
        "  changed from the true count",
        pct(cp.changed(), cp.cells()),
        "0");
    out.printf(
        Locale.ROOT,
        "%-44s %14.2f %14s%n",
        "  mean absolute change (all counts)",
        cp.meanAbsolute(),
        "0");
    out.printf(Locale.ROOT, "%-44s %14d %14s%n", "  largest change", cp.largest(), "0");
    out.printf(
        Locale.ROOT,
        "%-44s %14s %14s%n",
        "  perturbed cells changed",
        ip.changed() + " of " + ip.cells() + " (" + pct(ip.changed(), ip.cells()) + ")",
        "-");
    out.printf(
        Locale.ROOT,
        "%-44s %14.2f %14s%n",
        "  perturbed cells: mean absolute change",
        ip.meanAbsolute(),
        "-");

    double[] rate = readyPercent(p, t);
    long ratesShownS = s.wards().stream().filter(w -> w.readyPercent().isPresent()).count();
    out.printf(
        Locale.ROOT,
        "%-44s %14s %14s%n",
        "  ward ready % shown",
        (long) rate[2] + " of " + wards,
        ratesShownS + " of " + wards);
    out.printf(
        Locale.ROOT,
        "%-44s %14.2f %14s%n",
        "  ward ready %: mean absolute change (points)",
        rate[0],
        "0");
    out.printf(
        Locale.ROOT,
        "%-44s %14.2f %14s%n",
        "  ward ready %: largest change (points)",
        rate[1],
        "0");

    out.println();
    out.println(
        "Risk ratios of not being school ready (true; perturbed; under suppression), 95% CI:");
    int shownP = 0;
    int shownS = 0;
    int sameSignificance = 0;
    int comparable = 0;
    double sumLog = 0;
    double maxRel = 0;
    double sumHalfWidth = 0;
    for (Factor f : Factor.values()) {
      Optional<RiskRatio> truth = t.riskRatio(f);
      Optional<RiskRatio> rp = p.factors().get(f.ordinal()).riskRatio();
      Optional<RiskRatio> rs = s.factors().get(f.ordinal()).riskRatio();
      shownP += rp.isPresent() ? 1 : 0;
      shownS += rs.isPresent() ? 1 : 0;
      out.printf(
          Locale.ROOT, "  %-22s %-20s %-20s %s%n", f.column(), ratio(truth), ratio(rp), ratio(rs));
      if (truth.isPresent() && rp.isPresent()) {
        comparable++;
        double d = Math.abs(Math.log(rp.get().estimate() / truth.get().estimate()));
        sumLog += d;
        maxRel = Math.max(maxRel, Math.abs(rp.get().estimate() / truth.get().estimate() - 1));
        sumHalfWidth += (Math.log(truth.get().high()) - Math.log(truth.get().low())) / 2;
        boolean sigT = truth.get().low() > 1 || truth.get().high() < 1;
        boolean sigP = rp.get().low() > 1 || rp.get().high() < 1;
        sameSignificance += sigT == sigP ? 1 : 0;
      }
    }
    out.printf(
        Locale.ROOT,
        "  shown: %d of %d perturbed, %d of %d suppressed%n",
        shownP,
        Factor.values().length,
        shownS,
        Factor.values().length);
    if (comparable > 0) {
      out.printf(
          Locale.ROOT,
          "  perturbed against true: mean |log ratio| %.4f (%.1f%% of the CI's half-width on"
              + " the log scale), largest relative change %.1f%%, same conclusion (CI excludes 1"
              + " or not) for %d of %d%n",
          sumLog / comparable,
          100 * sumLog / sumHalfWidth,
          100 * maxRel,
          sameSignificance,
          comparable);
    }

    if (!cases.dated().isEmpty()) {
      out.println();
      DomesticAbuseNeeds.Figures dp =
          DomesticAbuseNeeds.figures(cases.dated(), cases.undated(), perturbation, at);
      DomesticAbuseNeeds.Figures ds =
          DomesticAbuseNeeds.figures(cases.dated(), cases.undated(), suppression, at);
      Change np = Change.of(needs(dp, cases.dated()));
      Change ns = Change.of(needs(ds, cases.dated()));
      out.printf(
          Locale.ROOT,
          "Domestic-abuse needs: %,d dated cases, %d quarters; %d cells: perturbation changes %s"
              + " (mean absolute change %.2f), suppression withholds %s%n",
          cases.dated().size(),
          dp.quarters().size(),
          np.cells(),
          pct(np.changed(), np.cells()),
          np.meanAbsolute(),
          pct(ns.withheld(), ns.cells()));
    }

    if (trials > 0) {
      Score bayes = new Score(children);
      Score naive = new Score(children);
      Score suppressed = new Score(children);
      DifferencingAttack.run(children, perturbation, trials, new Random(seed), bayes, naive);
      DifferencingAttack.run(
          children, suppression, Math.min(trials, 200), new Random(seed), null, suppressed);
      out.println();
      out.printf(
          Locale.ROOT,
          "Republication attack (one child removed or added, two releases differenced; %d"
              + " children under perturbation, %d under suppression): share guessed right%n",
          bayes.trials(),
          suppressed.trials());
      out.printf(
          Locale.ROOT,
          "  %-22s %8s %18s %10s %12s%n",
          "attribute",
          "chance",
          "Bayesian (s.e.)",
          "naive",
          "suppression");
      for (int i = 0; i < bayes.attributes(); i++) {
        out.printf(
            Locale.ROOT,
            "  %-22s %8.3f %10.3f (%.3f) %10.3f %12.3f%n",
            Score.name(i),
            bayes.chanceAccuracy(i),
            bayes.accuracy(i),
            bayes.standardError(i),
            naive.accuracy(i),
            suppressed.accuracy(i));
      }
      out.printf(
          Locale.ROOT,
          "  largest advantage over chance: Bayesian %+.3f, naive %+.3f, suppression %+.3f%n",
          bayes.worstAdvantage(),
          naive.worstAdvantage(),
          suppressed.worstAdvantage());
    }
  }

  private static String pct(long a, long b) {
    return b == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * a / b);
  }

  private static String ratio(Optional<RiskRatio> r) {
    return r.map(
            x -> String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", x.estimate(), x.low(), x.high()))
        .orElse("not shown");
  }

  /** True counts, as the published tables would show them unprotected. */
  private record Truth(
      TreeMap<String, Long> ready, TreeMap<String, Long> notReady, long[][] factor) {
    static Truth of(List<Child> children) {
      TreeMap<String, Long> ready = new TreeMap<>();
      TreeMap<String, Long> notReady = new TreeMap<>();
      // per factor: with ready, with not ready
      long[][] factor = new long[Factor.values().length][2];
      for (Child c : children) {
        ready.merge(c.ward(), c.ready() ? 1L : 0L, Long::sum);
        notReady.merge(c.ward(), c.ready() ? 0L : 1L, Long::sum);
        for (Factor f : Factor.values()) {
          if (c.factors()[f.ordinal()]) {
            factor[f.ordinal()][c.ready() ? 0 : 1]++;
          }
        }
      }
      return new Truth(ready, notReady, factor);
    }

    long totalReady() {
      return ready.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalNotReady() {
      return notReady.values().stream().mapToLong(Long::longValue).sum();
    }

    /** with children, with not ready, without children, without not ready. */
    long[] factorCounts(Factor f) {
      long wr = factor[f.ordinal()][0];
      long wn = factor[f.ordinal()][1];
      return new long[] {
        wr + wn, wn, totalReady() - wr + totalNotReady() - wn, totalNotReady() - wn
      };
    }

    Optional<RiskRatio> riskRatio(Factor f) {
      long[] c = factorCounts(f);
      return c[1] > 0 && c[3] > 0
          ? Optional.of(RiskRatio.of(c[1], c[0], c[3], c[2]))
          : Optional.empty();
    }
  }

  private static long value(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : -1;
  }

  /** Every published count with its true value; -1 where withheld. */
  private static List<long[]> counts(Figures f, Truth t) {
    List<long[]> pairs = new ArrayList<>();
    List<WardRow> rows = new ArrayList<>(f.wards());
    rows.add(f.total());
    for (WardRow w : rows) {
      long r = w.ward().equals(SchoolReadiness.ALL_WARDS) ? t.totalReady() : t.ready.get(w.ward());
      long n =
          w.ward().equals(SchoolReadiness.ALL_WARDS) ? t.totalNotReady() : t.notReady.get(w.ward());
      pairs.add(new long[] {r, value(w.ready())});
      pairs.add(new long[] {n, value(w.notReady())});
      pairs.add(new long[] {r + n, value(w.children())});
    }
    for (FactorRow r : f.factors()) {
      long[] c = t.factorCounts(r.factor());
      pairs.add(new long[] {c[0], value(r.withChildren())});
      pairs.add(new long[] {c[1], value(r.withNotReady())});
      pairs.add(new long[] {c[2], value(r.withoutChildren())});
      pairs.add(new long[] {c[3], value(r.withoutNotReady())});
    }
    return pairs;
  }

  /** The cells perturbed themselves: each ward's ready and not ready, each with-row's two. */
  private static List<long[]> perturbedCells(Figures f, Truth t) {
    List<long[]> pairs = new ArrayList<>();
    for (WardRow w : f.wards()) {
      pairs.add(new long[] {t.ready.get(w.ward()), value(w.ready())});
      pairs.add(new long[] {t.notReady.get(w.ward()), value(w.notReady())});
    }
    for (FactorRow r : f.factors()) {
      long[] c = t.factorCounts(r.factor());
      pairs.add(new long[] {c[1], value(r.withNotReady())});
      pairs.add(
          new long[] {
            c[0] - c[1],
            r.withChildren().isPresent() && r.withNotReady().isPresent()
                ? r.withChildren().getAsLong() - r.withNotReady().getAsLong()
                : -1
          });
    }
    return pairs;
  }

  /** Mean and largest absolute change of ward ready %, in points, and how many are shown. */
  private static double[] readyPercent(Figures f, Truth t) {
    double sum = 0;
    double max = 0;
    int n = 0;
    for (WardRow w : f.wards()) {
      if (w.readyPercent().isPresent()) {
        long r = t.ready.get(w.ward());
        long all = r + t.notReady.get(w.ward());
        double d = Math.abs(w.readyPercent().getAsDouble() - 100.0 * r / all);
        sum += d;
        max = Math.max(max, d);
        n++;
      }
    }
    return new double[] {n == 0 ? 0 : sum / n, max, n};
  }

  private static List<long[]> needs(
      DomesticAbuseNeeds.Figures f, List<DomesticAbuseNeeds.Case> cases) {
    List<long[]> pairs = new ArrayList<>();
    for (DomesticAbuseNeeds.Quarter q : f.quarters()) {
      PublishedGrid g = q.table();
      long[][] truth = new long[q.districts().size() + 1][q.householdTypes().size() + 1];
      for (DomesticAbuseNeeds.Case k : cases) {
        if (k.quarter().equals(q.quarter())) {
          int i = q.districts().indexOf(k.district());
          int j = q.householdTypes().indexOf(k.householdType());
          truth[i][j]++;
          truth[i][truth[0].length - 1]++;
          truth[truth.length - 1][j]++;
          truth[truth.length - 1][truth[0].length - 1]++;
        }
      }
      for (int i = 0; i <= g.rows(); i++) {
        for (int j = 0; j <= g.columns(); j++) {
          pairs.add(new long[] {truth[i][j], value(g.shown(i, j))});
        }
      }
    }
    return pairs;
  }
}
