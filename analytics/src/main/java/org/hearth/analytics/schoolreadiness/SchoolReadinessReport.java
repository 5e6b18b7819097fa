package org.hearth.analytics.schoolreadiness;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.FactorRow;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.Figures;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.WardRow;

/**
 * The school-readiness report: a terminal table, and a self-contained HTML page (inline SVG charts,
 * no scripts, nothing fetched) that can be mailed or published as it is. It shows only protected
 * figures, so a suppressed cell is "suppressed" here too, and a rate or ratio withheld from
 * perturbed counts (too few children) is "not shown".
 */
public final class SchoolReadinessReport {
  private static final String SUPPRESSED = "suppressed";

  /** What a rate or ratio that is not published is called. */
  private static String hidden(Figures f) {
    return f.rules().perturbs() ? "not shown" : SUPPRESSED;
  }

  private SchoolReadinessReport() {}

  /** The ward table and the risk factors, for a terminal. */
  public static void printTable(PrintWriter out, Figures f) {
    out.printf(
        "School readiness%s: children reaching a good level of development (%s)%n%n",
        f.ward().map(w -> " in ward " + w).orElse(""),
        f.rules().perturbs()
            ? "every count perturbed: " + f.rules().label()
            : "counts below " + f.rules().minCount() + " suppressed");
    String fmt = "  %-16s %10s %10s %10s %9s%n";
    out.printf(fmt, "ward", "children", "ready", "not ready", "ready %");
    for (WardRow w : f.wards()) {
      wardLine(out, fmt, w, hidden(f));
    }
    wardLine(out, fmt, f.total(), hidden(f));
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

  private static void wardLine(PrintWriter out, String fmt, WardRow w, String hidden) {
    out.printf(
        fmt,
        w.ward(),
        count(w.children()),
        count(w.ready()),
        count(w.notReady()),
        w.readyPercent().isPresent()
            ? String.format(Locale.ROOT, "%.1f", w.readyPercent().getAsDouble())
            : hidden);
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

  /** A complete HTML document. */
  public static String html(Figures f) {
    StringBuilder h = new StringBuilder(16_384);
    String title = "School readiness" + f.ward().map(w -> " in ward " + w).orElse(" by ward");
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;"
                + "max-width:60rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}\n"
                + "h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}\n"
                + ".meta{color:#555;margin-top:0}\n"
                + "table{border-collapse:collapse;margin:.8rem 0;font-variant-numeric:tabular-nums}\n"
                + "th,td{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:right}\n"
                + "td{white-space:nowrap}td:first-child{white-space:normal}\n"
                + "th:first-child,td:first-child{text-align:left}\n"
                + "tr.total td{font-weight:600;border-top:2px solid #999}\n"
                + ".sup{color:#888;font-style:italic}\n"
                + ".note{background:#f5f5f0;padding:.8rem 1rem;border-left:4px solid #b8a14a}\n"
                + "svg text{font-family:inherit;font-size:12px}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    h.append("<p class=\"meta\">Hearth linked data, computed ")
        .append(
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK)
                .format(f.computedAt().atOffset(ZoneOffset.UTC)))
        .append(". ")
        .append(
            f.rules().perturbs()
                ? "Every count is slightly perturbed (by at most "
                    + f.rules().ptable().maxNoise()
                    + ") to protect the children counted; totals add up.</p>\n"
                : "Counts below "
                    + f.rules().minCount()
                    + " are suppressed, with further cells suppressed so that none can be worked"
                    + " out from totals.</p>\n");

    h.append("<h2>Good level of development by ward</h2>\n");
    h.append(wardChart(f));
    h.append("<table>\n<thead><tr><th>Ward</th><th>Children</th><th>Ready</th>")
        .append("<th>Not ready</th><th>Ready %</th></tr></thead>\n<tbody>\n");
    for (WardRow w : f.wards()) {
      wardHtml(h, w, false, hidden(f));
    }
    wardHtml(h, f.total(), true, hidden(f));
    h.append("</tbody>\n</table>\n");

    h.append("<h2>Circumstances and not being school ready</h2>\n");
    h.append(
        "<p>For each circumstance: the share of children <em>not</em> reaching a good level of"
            + " development among those with it and among those without it, and the ratio of the"
            + " two (risk ratio) with its 95% confidence interval. A ratio above 1 means the"
            + " circumstance goes with children being less ready for school.</p>\n");
    h.append(forestPlot(f.factors(), hidden(f)));
    h.append("<table>\n<thead><tr><th>Circumstance</th><th>With: not ready</th>")
        .append("<th>Without: not ready</th><th>Risk ratio</th><th>95% CI</th></tr></thead>\n")
        .append("<tbody>\n");
    for (FactorRow r : f.factors()) {
      h.append("<tr><td>")
          .append(esc(r.factor().description()))
          .append("</td><td>")
          .append(cellShare(r.withNotReady(), r.withChildren()))
          .append("</td><td>")
          .append(cellShare(r.withoutNotReady(), r.withoutChildren()))
          .append("</td><td>");
      if (r.riskRatio().isPresent()) {
        RiskRatio rr = r.riskRatio().get();
        h.append(
            String.format(
                Locale.ROOT, "%.2f</td><td>%.2f – %.2f", rr.estimate(), rr.low(), rr.high()));
      } else {
        h.append("<span class=\"sup\">").append(hidden(f)).append("</span></td><td>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");

    h.append("<h2>Methods</h2>\n<div class=\"note\">\n")
        .append(
            "<p><strong>Data.</strong> Each child is an Early Years Foundation Stage Profile result"
                + " from the county's school-readiness extract; \"school ready\" means a good level"
                + " of development. Circumstances come from partners' records linked to the"
                + " household the child lived in at assessment: housing and benefits, police, drug"
                + " and alcohol treatment, children's social care, youth offending and domestic-abuse"
                + " homelessness. A circumstance no partner records counts as absent. Children"
                + " whose record and household give no ward are left out of every table.</p>\n")
        .append(
            "<p><strong>Linkage.</strong> Every identifier was pseudonymised by the partner that"
                + " holds it; records were linked by address and person keys without any identifier"
                + " leaving its partner. Linkage errors move children between groups and tend to"
                + " pull ratios towards 1.</p>\n")
        .append(
            "<p><strong>Statistics.</strong> Risk ratio = (not ready with ÷ all with) ÷ (not ready"
                + " without ÷ all without); the 95% confidence interval uses the log method"
                + " (Katz). These are associations, not causes: circumstances cluster in the same"
                + " households, and each ratio is shown unadjusted.</p>\n")
        .append("<p><strong>Disclosure control.</strong> ")
        .append(esc(f.rules().describe()))
        .append(
            f.rules().perturbs()
                ? " Each child is in one perturbed count of each table; the numbers without a"
                    + " circumstance are the totals minus those with it. The same records always"
                    + " give the same figures, and any change to them redraws every count, so"
                    + " comparing two releases does not show which counts a child left. Ratios"
                    + " and intervals are computed from the perturbed counts; their intervals do"
                    + " not include the perturbation's own (small) variance."
                : "")
        .append(" The output check of every figure is published beside this report.</p>\n</div>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  private static void wardHtml(StringBuilder h, WardRow w, boolean total, String hidden) {
    h.append(total ? "<tr class=\"total\"><td>" : "<tr><td>")
        .append(esc(w.ward()))
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
                : "<span class=\"sup\">" + hidden + "</span>")
        .append("</td></tr>\n");
  }

  private static String cell(OptionalLong v) {
    return v.isPresent()
        ? String.format(Locale.ROOT, "%,d", v.getAsLong())
        : "<span class=\"sup\">suppressed</span>";
  }

  private static String cellShare(OptionalLong part, OptionalLong whole) {
    if (part.isEmpty() || whole.isEmpty()) {
      return "<span class=\"sup\">suppressed</span>";
    }
    return String.format(
        Locale.ROOT,
        "%d of %d (%.0f%%)",
        part.getAsLong(),
        whole.getAsLong(),
        whole.getAsLong() == 0 ? 0.0 : 100.0 * part.getAsLong() / whole.getAsLong());
  }

  /** Horizontal bars of the ready share per ward; a suppressed ward gets a label, no bar. */
  private static String wardChart(Figures f) {
    List<WardRow> rows = new java.util.ArrayList<>(f.wards());
    rows.add(f.total());
    int rowH = 26;
    int left = 150;
    int width = 560;
    int height = rows.size() * rowH + 30;
    StringBuilder s = svg("Share of children school ready by ward", left + width + 60, height);
    for (int pct = 0; pct <= 100; pct += 25) {
      double x = left + width * pct / 100.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e3e3e3\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%d%%</text>\n",
              x,
              x,
              height - 22,
              x,
              height - 6,
              pct));
    }
    for (int i = 0; i < rows.size(); i++) {
      WardRow w = rows.get(i);
      int y = i * rowH + 4;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
              left - 8,
              y + 15,
              esc(w.ward())));
      if (w.readyPercent().isPresent()) {
        double pct = w.readyPercent().getAsDouble();
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\">%.1f%%</text>\n",
                left,
                y,
                width * pct / 100.0,
                i == rows.size() - 1 ? "#4a6f8a" : "#7fa7c4",
                left + width * pct / 100.0 + 6,
                y + 14,
                pct));
      } else {
        s.append(suppressedLabel(left + 6, y + 14, hidden(f)));
      }
    }
    return s.append("</svg>\n").toString();
  }

  /** Risk ratios with their intervals on a log scale, a line at 1. */
  private static String forestPlot(List<FactorRow> factors, String hidden) {
    double lo = 0.25;
    double hi = 8;
    int rowH = 24;
    int left = 380;
    int width = 360;
    int height = factors.size() * rowH + 34;
    StringBuilder s = svg("Risk ratios of not being school ready", left + width + 20, height);
    for (double tick : new double[] {0.25, 0.5, 1, 2, 4, 8}) {
      double x = left + width * Math.log(tick / lo) / Math.log(hi / lo);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">%s</text>\n",
              x,
              x,
              height - 26,
              tick == 1 ? "#333" : "#e3e3e3",
              x,
              height - 10,
              tick < 1
                  ? String.format(Locale.ROOT, "%.2f", tick)
                  : String.format(Locale.ROOT, "%.0f", tick)));
    }
    for (int i = 0; i < factors.size(); i++) {
      FactorRow r = factors.get(i);
      int y = i * rowH + 14;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
              left - 10,
              y + 4,
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
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#4a6f8a\" stroke-width=\"2\"/>"
                  + "<rect x=\"%.1f\" y=\"%d\" width=\"8\" height=\"8\" fill=\"#4a6f8a\"/>\n",
              x0,
              y,
              x1,
              y,
              xm - 4,
              y - 4));
    }
    return s.append("</svg>\n").toString();
  }

  private static StringBuilder svg(String label, int width, int height) {
    return new StringBuilder()
        .append(
            String.format(
                Locale.ROOT,
                "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\">\n",
                esc(label),
                width,
                height,
                width,
                height));
  }

  private static String suppressedLabel(int x, int y, String word) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" fill=\"#888\" font-style=\"italic\">%s</text>\n",
        x,
        y,
        word);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
