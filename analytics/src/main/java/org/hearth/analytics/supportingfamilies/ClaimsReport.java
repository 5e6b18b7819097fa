package org.hearth.analytics.supportingfamilies;

import static org.hearth.analytics.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.hearth.analytics.report.Html;
import org.hearth.analytics.supportingfamilies.ClaimsSummary.Figures;
import org.hearth.analytics.supportingfamilies.ClaimsSummary.Row;

/**
 * The published summary of a period's Supporting Families claims as a page and as CSV: claims for a
 * family claimed before, and claims with evidence in each headline outcome area, as published
 * (perturbed or suppressed). The per-claim CSV for the claims team is separate and exact.
 */
public final class ClaimsReport {
  private ClaimsReport() {}

  /** A complete HTML document. */
  public static String html(Figures f) {
    StringBuilder h = new StringBuilder(4_096);
    h.append(Html.computedAt(f.computedAt()))
        .append(
            f.rules().perturbs()
                ? "Every count is slightly perturbed (by at most "
                    + f.rules().ptable().maxNoise()
                    + "); the total of claims is the sum of its categories.</p>\n"
                : "Counts below " + f.rules().minCount() + " are suppressed.</p>\n");
    h.append("<ul class=\"facts\">\n<li><strong>Area: the county's claims register</strong></li>\n")
        .append("<li>Data period: claims made for ")
        .append(esc(f.period()))
        .append("</li>\n</ul>\n");
    h.append("<h2>Was the family claimed before?</h2>\n");
    h.append(table("Claims", f, ClaimsSummary.CLAIMED_BEFORE, true));
    h.append("<h2>Headline outcome areas with evidence in partners' records</h2>\n");
    h.append(
        "<p>Claims whose family's households have a current partner record showing a need in the"
            + " area. Areas without partner data (good education beyond the early years, mental"
            + " and physical health, family relationships) have no row: absence of evidence is"
            + " not evidence of absence.</p>\n");
    h.append(table("Claims with evidence", f, ClaimsSummary.EVIDENCE, false));
    h.append("<h2>Methods</h2>\n<div class=\"note\">\n")
        .append(
            "<p><strong>Claimed before.</strong> An earlier period's claim naming one of the same"
                + " people (same person), or made at one of the same households (same household),"
                + " linked by the same rules as every partner's records.</p>\n")
        .append("<p><strong>Disclosure control.</strong> ")
        .append(esc(f.rules().describe()))
        .append(
            " The claims team's per-claim list is operational and exact, and is not published."
                + " The output check of every figure is written beside this report.</p>\n</div>\n");
    return Html.page("Supporting Families claims, " + f.period(), h.toString());
  }

  private static String table(String header, Figures f, String measure, boolean totalLast) {
    StringBuilder t =
        new StringBuilder("<table>\n<thead><tr><th>")
            .append(measure.equals(ClaimsSummary.EVIDENCE) ? "Outcome area" : "Category")
            .append("</th><th>")
            .append(esc(header))
            .append("</th></tr></thead>\n<tbody>\n");
    List<Row> rows = f.rows().stream().filter(r -> r.measure().equals(measure)).toList();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      boolean total = totalLast && i == rows.size() - 1;
      t.append(total ? "<tr class=\"total\"><td>" : "<tr><td>")
          .append(esc(capitalise(r.category())))
          .append("</td><td>")
          .append(count(r.claims()))
          .append("</td></tr>\n");
    }
    t.append("</tbody>\n</table>\n");
    return Html.scrollingTable(t.toString());
  }

  private static String count(OptionalLong v) {
    return v.isPresent()
        ? String.format(Locale.ROOT, "%,d", v.getAsLong())
        : Html.muted("suppressed");
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** One row per published figure: period, measure, category, claims (empty where suppressed). */
  public static List<List<String>> csv(Figures f) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("period", "measure", "category", "claims", "disclosure"));
    for (Row r : f.rows()) {
      rows.add(
          List.of(
              f.period(),
              r.measure(),
              r.category(),
              r.claims().isPresent() ? Long.toString(r.claims().getAsLong()) : "",
              f.rules().label()));
    }
    return rows;
  }
}
