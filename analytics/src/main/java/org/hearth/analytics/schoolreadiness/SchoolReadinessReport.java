package org.hearth.analytics.schoolreadiness;

import static org.hearth.analytics.report.Html.esc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.hearth.analytics.reference.Names;
import org.hearth.analytics.report.Html;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.Coverage;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.FactorRow;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.Figures;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.WardRow;

/**
 * The school-readiness report: a terminal table, and a self-contained HTML page (inline SVG charts,
 * no scripts, nothing fetched) that can be mailed, published or printed as it is. It shows only
 * protected figures, so a suppressed cell is "suppressed" here too, and a rate or ratio withheld
 * from perturbed counts (too few children) is "not shown". Wards are named where reference.wards
 * has their names; the page states the area, the data period and how many children are left out.
 */
public final class SchoolReadinessReport {
  private static final String SUPPRESSED = "suppressed";

  /** Ticks a forest plot's log axis may use; the axis spans the data, not a fixed range. */
  private static final double[] TICKS = {
    0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 8, 10, 20, 50, 100
  };

  private static final double[] MAJOR_TICKS = {
    0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100
  };

  /**
   * What the page says beside the figures.
   *
   * @param names ward (and partner) names; codes stand where a name is missing
   * @param periods the periods of the extracts the assessment results came from
   * @param coverage children left out of the tables and counted without a household
   */
  public record Context(Names.All names, List<String> periods, Optional<Coverage> coverage) {
    public static Context none() {
      return new Context(Names.All.none(), List.of(), Optional.empty());
    }

    /** Names, periods and coverage as the connection's role sees them. */
    public static Context read(Connection c, org.hearth.analytics.disclosure.DisclosureRules rules)
        throws SQLException {
      List<String> periods = new ArrayList<>();
      try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT DISTINCT period FROM linked.dataset_periods"
                      + " WHERE dataset = 'school-readiness' AND period IS NOT NULL ORDER BY 1");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          periods.add(rs.getString(1));
        }
      }
      return new Context(
          Names.read(c),
          periods,
          Optional.of(SchoolReadiness.coverage(SchoolReadiness.assessed(c), rules)));
    }
  }

  /** What a rate or ratio that is not published is called. */
  private static String hidden(Figures f) {
    return f.rules().perturbs() ? "not shown" : SUPPRESSED;
  }

  private SchoolReadinessReport() {}

  /** The ward table and the risk factors, for a terminal, wards shown by code. */
  public static void printTable(PrintWriter out, Figures f) {
    printTable(out, f, Context.none());
  }

  /** The ward table (with names where known, and intervals) and the risk factors. */
  public static void printTable(PrintWriter out, Figures f, Context context) {
    out.printf(
        "School readiness%s: children reaching a good level of development (%s)%n",
        f.ward().map(w -> " in ward " + wardLabel(context, w)).orElse(""),
        f.rules().perturbs()
            ? "every count perturbed: " + f.rules().label()
            : "counts below " + f.rules().minCount() + " suppressed");
    out.println("  " + area(f, context) + "; " + period(context) + ".");
    coverageSentence(f, context).ifPresent(s -> out.println("  " + s));
    out.println();
    List<WardRow> rows = new ArrayList<>(f.wards());
    rows.add(f.total());
    int width = 16;
    for (WardRow w : rows) {
      width = Math.max(width, wardLabel(context, w.ward()).length());
    }
    String fmt = "  %-" + width + "s %10s %10s %10s %9s  %s%n";
    out.printf(fmt, "ward", "children", "ready", "not ready", "ready %", "95% CI");
    for (WardRow w : rows) {
      out.printf(
          fmt,
          wardLabel(context, w.ward()),
          count(w.children()),
          count(w.ready()),
          count(w.notReady()),
          w.readyPercent().isPresent()
              ? String.format(Locale.ROOT, "%.1f", w.readyPercent().getAsDouble())
              : hidden(f),
          interval(w).map(SchoolReadinessReport::percentRange).orElse(""));
    }
    out.println();
    out.println(
        "Not school ready, with each circumstance against without it (risk ratio, 95% CI):");
    out.println();
    String ffmt = "  %-62s %9s %9s  %s%n";
    out.printf(ffmt, "circumstance", "with", "without", "risk ratio");
    for (FactorRow r : f.factors()) {
      out.printf(
          ffmt,
          r.factor().description(),
          share(r.withNotReady(), r.withChildren()),
          share(r.withoutNotReady(), r.withoutChildren()),
          r.riskRatio()
              .map(
                  rr ->
                      String.format(
                          Locale.ROOT, "%.2f (%.2f-%.2f)", rr.estimate(), rr.low(), rr.high()))
              .orElse(hidden(f)));
    }
  }

  /** A ward's name with its code ("Marshside (E05900001)"), or the code where no name is known. */
  static String wardLabel(Context context, String code) {
    if (code.equals(SchoolReadiness.ALL_WARDS)) {
      return code;
    }
    return context.names().ward(code).map(w -> w.name() + " (" + code + ")").orElse(code);
  }

  /** The ward's name alone, for charts; the code where no name is known. */
  private static String wardName(Context context, String code) {
    return context.names().wardName(code);
  }

  /** The 95% Wilson interval of the ready share, where the rate itself is shown. */
  static Optional<Proportion> interval(WardRow w) {
    if (w.readyPercent().isEmpty() || w.ready().isEmpty() || w.children().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Proportion.wilson(w.ready().getAsLong(), w.children().getAsLong()));
  }

  private static String percentRange(Proportion p) {
    return String.format(Locale.ROOT, "%.1f-%.1f", 100 * p.low(), 100 * p.high());
  }

  /** "Area: Basildon, 16 wards" or the one ward with its district. */
  static String area(Figures f, Context context) {
    if (f.ward().isPresent()) {
      String code = f.ward().get();
      return "Area: ward "
          + wardLabel(context, code)
          + context
              .names()
              .ward(code)
              .filter(w -> w.districtName() != null)
              .map(w -> ", " + w.districtName())
              .orElse("");
    }
    TreeSet<String> districts = new TreeSet<>();
    boolean allKnown = true;
    for (WardRow w : f.wards()) {
      Optional<Names.Ward> n = context.names().ward(w.ward());
      if (n.isPresent() && n.get().districtName() != null) {
        districts.add(n.get().districtName());
      } else {
        allKnown = false;
      }
    }
    String wards = f.wards().size() == 1 ? "1 ward" : f.wards().size() + " wards";
    if (districts.isEmpty()) {
      return "Area: " + wards + " with assessed children";
    }
    return "Area: "
        + joinAnd(new ArrayList<>(districts))
        + (allKnown ? "" : " and wards without a name on record")
        + " ("
        + wards
        + " with assessed children)";
  }

  /** "Data period: extracts for 2026-Q1" or that no period is recorded. */
  static String period(Context context) {
    if (context.periods().isEmpty()) {
      return "Data period: not recorded for these results";
    }
    return "Data period: Early Years Foundation Stage Profile results from extracts for "
        + joinAnd(context.periods());
  }

  /** How many children are counted, left out and counted without a household. */
  static Optional<String> coverageSentence(Figures f, Context context) {
    if (context.coverage().isEmpty()) {
      return Optional.empty();
    }
    Coverage c = context.coverage().get();
    String threshold = "fewer than " + f.rules().minCount();
    String counted =
        f.total().children().isPresent()
            ? String.format(Locale.ROOT, "%,d", f.total().children().getAsLong())
            : SUPPRESSED;
    String leftOut =
        c.withoutWard().isPresent()
            ? String.format(Locale.ROOT, "%,d", c.withoutWard().getAsLong())
            : threshold;
    String noHousehold =
        c.withoutHousehold().isPresent()
            ? String.format(Locale.ROOT, "%,d", c.withoutHousehold().getAsLong())
            : threshold;
    return Optional.of(
        "Children counted: "
            + counted
            + (f.ward().isPresent() ? " in the ward" : "")
            + "; left out (no known ward): "
            + leftOut
            + (f.ward().isPresent() ? " across all wards" : "")
            + "; not linked to a household (counted, every circumstance absent): "
            + noHousehold
            + (f.ward().isPresent() ? " across all wards" : "")
            + ".");
  }

  private static String joinAnd(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static String count(OptionalLong v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%,d", v.getAsLong()) : SUPPRESSED;
  }

  private static String share(OptionalLong part, OptionalLong whole) {
    if (part.isEmpty() || whole.isEmpty()) {
      return SUPPRESSED;
    }
    return String.format(Locale.ROOT, "%d/%d", part.getAsLong(), whole.getAsLong());
  }

  /** A complete HTML document, wards shown by code. */
  public static String html(Figures f) {
    return html(f, Context.none());
  }

  /** A complete HTML document. */
  public static String html(Figures f, Context context) {
    StringBuilder h = new StringBuilder(16_384);
    String title =
        "School readiness" + f.ward().map(w -> " in " + wardName(context, w)).orElse(" by ward");
    h.append(Html.computedAt(f.computedAt()))
        .append(
            f.rules().perturbs()
                ? "Every count is slightly perturbed (by at most "
                    + f.rules().ptable().maxNoise()
                    + ") to protect the children counted; totals add up.</p>\n"
                : "Counts below "
                    + f.rules().minCount()
                    + " are suppressed, with further cells suppressed so that none can be worked"
                    + " out from totals.</p>\n");
    h.append("<ul class=\"facts\">\n<li><strong>")
        .append(esc(area(f, context)))
        .append("</strong></li>\n<li>")
        .append(esc(period(context)))
        .append("</li>\n");
    coverageSentence(f, context).ifPresent(s -> h.append("<li>").append(esc(s)).append("</li>\n"));
    h.append("</ul>\n");

    h.append("<h2>Good level of development by ward</h2>\n");
    h.append(wardChart(f, context));
    StringBuilder t = new StringBuilder();
    t.append("<table>\n<thead><tr><th>Ward</th><th>Code</th><th>Children</th><th>Ready</th>")
        .append("<th>Not ready</th><th>Ready %</th><th>95% CI</th></tr></thead>\n<tbody>\n");
    for (WardRow w : f.wards()) {
      wardHtml(t, context, w, false, hidden(f));
    }
    wardHtml(t, context, f.total(), true, hidden(f));
    t.append("</tbody>\n</table>\n");
    h.append(Html.scrollingTable(t.toString()));

    h.append("<h2>Circumstances and not being school ready</h2>\n");
    h.append(
        "<p>For each circumstance: the share of children <em>not</em> reaching a good level of"
            + " development among those with it and among those without it, and the ratio of the"
            + " two (risk ratio) with its 95% confidence interval. A ratio above 1 means the"
            + " circumstance goes with children being less ready for school.</p>\n");
    h.append(forestPlot(f.factors(), hidden(f)));
    t = new StringBuilder();
    t.append("<table>\n<thead><tr><th>Circumstance</th><th>With: not ready</th>")
        .append("<th>Without: not ready</th><th>Risk ratio</th><th>95% CI</th></tr></thead>\n")
        .append("<tbody>\n");
    for (FactorRow r : f.factors()) {
      t.append("<tr><td>")
          .append(esc(r.factor().description()))
          .append("</td><td>")
          .append(cellShare(r.withNotReady(), r.withChildren()))
          .append("</td><td>")
          .append(cellShare(r.withoutNotReady(), r.withoutChildren()))
          .append("</td><td>");
      if (r.riskRatio().isPresent()) {
        RiskRatio rr = r.riskRatio().get();
        t.append(
            String.format(
                Locale.ROOT, "%.2f</td><td>%.2f – %.2f", rr.estimate(), rr.low(), rr.high()));
      } else {
        t.append(Html.muted(hidden(f))).append("</td><td>");
      }
      t.append("</td></tr>\n");
    }
    t.append("</tbody>\n</table>\n");
    h.append(Html.scrollingTable(t.toString()));

    h.append("<h2>Methods</h2>\n<div class=\"note\">\n")
        .append(
            "<p><strong>Data.</strong> Each child is an Early Years Foundation Stage Profile result"
                + " from the county's school-readiness extract; \"school ready\" means a good level"
                + " of development. Circumstances come from partners' records linked to the"
                + " household the child lived in at assessment: housing and benefits, police, drug"
                + " and alcohol treatment, children's social care, youth offending and domestic-abuse"
                + " homelessness. A circumstance no partner records counts as absent, and so does"
                + " every circumstance of a child not linked to a household. Children whose record"
                + " and household give no ward are left out of every table; how many is stated"
                + " above, under the same disclosure control as the tables.</p>\n")
        .append(
            "<p><strong>Linkage.</strong> Every identifier was pseudonymised by the partner that"
                + " holds it; records were linked by address and person keys without any identifier"
                + " leaving its partner. Linkage errors move children between groups and tend to"
                + " pull ratios towards 1.</p>\n")
        .append(
            "<p><strong>Statistics.</strong> The 95% confidence interval of a ward's ready share is"
                + " the Wilson score interval of the published ready and children counts. Risk"
                + " ratio = (not ready with ÷ all with) ÷ (not ready without ÷ all without); its"
                + " 95% confidence interval uses the log method (Katz). These are associations, not"
                + " causes: circumstances cluster in the same households, and each ratio is shown"
                + " unadjusted.</p>\n")
        .append("<p><strong>Disclosure control.</strong> ")
        .append(esc(f.rules().describe()))
        .append(
            f.rules().perturbs()
                ? " Each child is in one perturbed count of each table; the numbers without a"
                    + " circumstance are the totals minus those with it. The same records always"
                    + " give the same figures, and any change to them redraws every count, so"
                    + " comparing two releases does not show which counts a child left. Rates,"
                    + " ratios and every interval are computed from the perturbed counts, after"
                    + " perturbation; the intervals do not include the perturbation's own (small)"
                    + " variance."
                : "")
        .append(" The output check of every figure is published beside this report.</p>\n</div>\n");
    return Html.page(title, h.toString());
  }

  private static void wardHtml(
      StringBuilder h, Context context, WardRow w, boolean total, String hidden) {
    boolean named = !total && context.names().ward(w.ward()).isPresent();
    h.append(total ? "<tr class=\"total\"><td>" : "<tr><td>")
        .append(esc(total ? w.ward() : wardName(context, w.ward())))
        .append("</td><td class=\"code\">")
        .append(total || !named ? "" : esc(w.ward()))
        .append("</td><td>")
        .append(cell(w.children()))
        .append("</td><td>")
        .append(cell(w.ready()))
        .append("</td><td>")
        .append(cell(w.notReady()))
        .append("</td><td>")
        .append(
            w.readyPercent().isPresent()
                ? String.format(Locale.ROOT, "%.1f", w.readyPercent().getAsDouble())
                : Html.muted(hidden))
        .append("</td><td>")
        .append(
            interval(w)
                .map(p -> String.format(Locale.ROOT, "%.1f – %.1f", 100 * p.low(), 100 * p.high()))
                .orElse(""))
        .append("</td></tr>\n");
  }

  private static String cell(OptionalLong v) {
    return v.isPresent()
        ? String.format(Locale.ROOT, "%,d", v.getAsLong())
        : Html.muted(SUPPRESSED);
  }

  private static String cellShare(OptionalLong part, OptionalLong whole) {
    if (part.isEmpty() || whole.isEmpty()) {
      return Html.muted(SUPPRESSED);
    }
    return String.format(
        Locale.ROOT,
        "%d of %d (%.0f%%)",
        part.getAsLong(),
        whole.getAsLong(),
        whole.getAsLong() == 0 ? 0.0 : 100.0 * part.getAsLong() / whole.getAsLong());
  }

  /**
   * Horizontal bars of the ready share per ward with the 95% interval as a whisker; a suppressed
   * ward gets a label, no bar. The label column is as wide as the longest ward name.
   */
  private static String wardChart(Figures f, Context context) {
    List<WardRow> rows = new ArrayList<>(f.wards());
    rows.add(f.total());
    int rowH = 26;
    int left = 80;
    for (WardRow w : rows) {
      left = Math.max(left, Html.textWidth(wardName(context, w.ward())) + 16);
    }
    int width = 480;
    int valueColumn = 64;
    int height = rows.size() * rowH + 48;
    StringBuilder s =
        Html.svg(
            "Share of children reaching a good level of development, by ward, with 95% intervals",
            left + width + valueColumn, height);
    int axisY = rows.size() * rowH + 8;
    for (int pct = 0; pct <= 100; pct += 25) {
      double x = left + width * pct / 100.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d0d0d0\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%d%%</text>\n",
              x,
              x,
              axisY,
              x,
              axisY + 14,
              Html.MUTED,
              pct));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">Children reaching a good"
                + " level of development (%%)</text>\n",
            left + width / 2.0,
            axisY + 32,
            Html.MUTED));
    for (int i = 0; i < rows.size(); i++) {
      WardRow w = rows.get(i);
      int y = i * rowH + 4;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\">%s</text>\n",
              left - 8,
              y + 14,
              Html.TEXT,
              esc(wardName(context, w.ward()))));
      if (w.readyPercent().isPresent()) {
        double pct = w.readyPercent().getAsDouble();
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" fill=\"%s\">%.1f%%</text>\n",
                left,
                y,
                width * pct / 100.0,
                i == rows.size() - 1 ? Html.BAR_TOTAL : Html.BAR,
                left + width + 8,
                y + 14,
                Html.TEXT,
                pct));
        Optional<Proportion> ci = interval(w);
        if (ci.isPresent()) {
          double x0 = left + width * ci.get().low();
          double x1 = left + width * ci.get().high();
          s.append(
              String.format(
                  Locale.ROOT,
                  "<path d=\"M%.1f %d V%d M%.1f %d H%.1f M%.1f %d V%d\" stroke=\"%s\""
                      + " stroke-width=\"1.5\" fill=\"none\"/>\n",
                  x0,
                  y + 4,
                  y + 14,
                  x0,
                  y + 9,
                  x1,
                  x1,
                  y + 4,
                  y + 14,
                  Html.TEXT));
        }
      } else {
        s.append(suppressedLabel(left + 6, y + 14, hidden(f)));
      }
    }
    return Html.endSvg(s);
  }

  /**
   * The log axis of a forest plot: ticks from {@link #TICKS} spanning every interval shown and 1,
   * at most eight of them; the first and last are the axis's ends.
   */
  static double[] axisTicks(List<FactorRow> factors) {
    double lo = 0.9;
    double hi = 1.1;
    for (FactorRow r : factors) {
      if (r.riskRatio().isPresent()) {
        lo = Math.min(lo, r.riskRatio().get().low());
        hi = Math.max(hi, r.riskRatio().get().high());
      }
    }
    double from = TICKS[0];
    for (double t : TICKS) {
      if (t <= lo) {
        from = t;
      }
    }
    double to = TICKS[TICKS.length - 1];
    for (int i = TICKS.length - 1; i >= 0; i--) {
      if (TICKS[i] >= hi) {
        to = TICKS[i];
      }
    }
    double[] ticks = within(TICKS, from, to);
    if (ticks.length > 8) {
      ticks = within(MAJOR_TICKS, from, to);
    }
    if (ticks.length > 8) {
      ticks = within(new double[] {0.01, 0.1, 1, 10, 100}, from, to);
    }
    // the axis ends where the data need it, even where a thinned set has no tick there
    if (ticks[0] > from || ticks[ticks.length - 1] < to) {
      double[] ends = new double[ticks.length + 2];
      ends[0] = from;
      System.arraycopy(ticks, 0, ends, 1, ticks.length);
      ends[ends.length - 1] = to;
      ticks = java.util.Arrays.stream(ends).distinct().toArray();
    }
    return ticks;
  }

  private static double[] within(double[] candidates, double from, double to) {
    return java.util.Arrays.stream(candidates).filter(t -> t >= from && t <= to).toArray();
  }

  /** Risk ratios with their intervals on a log scale spanning the data, a line at 1. */
  private static String forestPlot(List<FactorRow> factors, String hidden) {
    double[] ticks = axisTicks(factors);
    double lo = ticks[0];
    double hi = ticks[ticks.length - 1];
    int rowH = 24;
    int left = 80;
    for (FactorRow r : factors) {
      left = Math.max(left, Html.textWidth(r.factor().description()) + 20);
    }
    int width = 360;
    int valueColumn = 130;
    int axisY = factors.size() * rowH + 6;
    int height = axisY + 44;
    StringBuilder s =
        Html.svg(
            "Risk ratio of not being school ready, with against without each circumstance (95%"
                + " confidence interval, log scale)",
            left + width + valueColumn, height);
    for (double tick : ticks) {
      double x = left + width * Math.log(tick / lo) / Math.log(hi / lo);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
              x,
              x,
              axisY,
              tick == 1 ? "#333333" : "#d0d0d0",
              x,
              axisY + 14,
              Html.MUTED,
              tickLabel(tick)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">Risk ratio (log scale):"
                + " above 1, less often school ready with the circumstance</text>\n",
            left + width / 2.0,
            axisY + 32,
            Html.MUTED));
    for (int i = 0; i < factors.size(); i++) {
      FactorRow r = factors.get(i);
      int y = i * rowH + 14;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\">%s</text>\n",
              left - 10,
              y + 4,
              Html.TEXT,
              esc(r.factor().description())));
      if (r.riskRatio().isEmpty()) {
        s.append(suppressedLabel(left + 6, y + 4, hidden));
        continue;
      }
      RiskRatio rr = r.riskRatio().get();
      double x0 = left + width * Math.log(clamp(rr.low(), lo, hi) / lo) / Math.log(hi / lo);
      double x1 = left + width * Math.log(clamp(rr.high(), lo, hi) / lo) / Math.log(hi / lo);
      double xm = left + width * Math.log(clamp(rr.estimate(), lo, hi) / lo) / Math.log(hi / lo);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                  + "<rect x=\"%.1f\" y=\"%d\" width=\"8\" height=\"8\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\" fill=\"%s\">%.2f (%.2f–%.2f)</text>\n",
              x0,
              y,
              x1,
              y,
              Html.BAR_TOTAL,
              xm - 4,
              y - 4,
              Html.BAR_TOTAL,
              left + width + 10,
              y + 4,
              Html.TEXT,
              rr.estimate(),
              rr.low(),
              rr.high()));
    }
    return Html.endSvg(s);
  }

  private static String tickLabel(double tick) {
    if (tick == Math.rint(tick)) {
      return String.format(Locale.ROOT, "%.0f", tick);
    }
    String s = String.format(Locale.ROOT, "%.2f", tick);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }

  private static String suppressedLabel(int x, int y, String word) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-style=\"italic\">%s</text>\n",
        x,
        y,
        Html.MUTED,
        word);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
