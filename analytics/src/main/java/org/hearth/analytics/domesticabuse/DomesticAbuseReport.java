package org.hearth.analytics.domesticabuse;

import static org.hearth.analytics.report.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.hearth.analytics.domesticabuse.DomesticAbuseNeeds.Figures;
import org.hearth.analytics.domesticabuse.DomesticAbuseNeeds.Quarter;
import org.hearth.analytics.reference.Names;
import org.hearth.analytics.report.Html;

/**
 * The domestic-abuse needs assessment as a page and as CSV, districts named by their council's name
 * (reference.partners) where one is loaded, the partner id otherwise. Only published figures: a
 * suppressed cell is "suppressed" on the page and empty in the CSV.
 */
public final class DomesticAbuseReport {
  private DomesticAbuseReport() {}

  /** A district's label: the partner's name where known, else its id; the totals row as it is. */
  public static String district(Names.All names, String partner) {
    return partner.equals(DomesticAbuseNeeds.ALL_DISTRICTS) ? partner : names.partnerName(partner);
  }

  /** A complete HTML document. */
  public static String html(Figures f, Names.All names) {
    StringBuilder h = new StringBuilder(8_192);
    h.append(Html.computedAt(f.computedAt()))
        .append(
            f.rules().perturbs()
                ? "Every count is slightly perturbed (by at most "
                    + f.rules().ptable().maxNoise()
                    + ") to protect the people counted; totals add up.</p>\n"
                : "Counts below "
                    + f.rules().minCount()
                    + " are suppressed, with further cells suppressed so that none can be worked"
                    + " out from totals.</p>\n");
    List<String> districts = new ArrayList<>();
    for (Quarter q : f.quarters()) {
      for (String d : q.districts()) {
        String label = district(names, d);
        if (!districts.contains(label)) {
          districts.add(label);
        }
      }
    }
    h.append("<ul class=\"facts\">\n<li><strong>Area: ")
        .append(
            districts.isEmpty()
                ? "no district's cases are visible to this login"
                : esc(String.join(", ", districts.stream().sorted().toList())))
        .append("</strong></li>\n<li>Data period: ")
        .append(
            f.quarters().isEmpty()
                ? "no dated applications"
                : "applications dated in "
                    + esc(
                        f.quarters().get(0).quarter()
                            + (f.quarters().size() > 1
                                ? " to " + f.quarters().get(f.quarters().size() - 1).quarter()
                                : "")))
        .append(" (quarter of the date of application)</li>\n<li>")
        .append(
            String.format(
                Locale.ROOT,
                "Applications without a date of application, in no table: %,d",
                f.undated()))
        .append("</li>\n</ul>\n");
    for (Quarter q : f.quarters()) {
      h.append("<h2>").append(esc(q.quarter())).append("</h2>\n");
      StringBuilder t = new StringBuilder("<table>\n<thead><tr><th>District</th>");
      for (String col : q.columnNames()) {
        t.append("<th>").append(esc(col)).append("</th>");
      }
      t.append("</tr></thead>\n<tbody>\n");
      List<String> rows = q.rowNames();
      for (int i = 0; i < rows.size(); i++) {
        boolean total = i == rows.size() - 1;
        t.append(total ? "<tr class=\"total\"><td>" : "<tr><td>")
            .append(esc(district(names, rows.get(i))))
            .append("</td>");
        for (int j = 0; j < q.columnNames().size(); j++) {
          OptionalLong v = q.applications(i, j);
          t.append("<td>")
              .append(
                  v.isPresent()
                      ? String.format(Locale.ROOT, "%,d", v.getAsLong())
                      : Html.muted("suppressed"))
              .append("</td>");
        }
        t.append("</tr>\n");
      }
      t.append("</tbody>\n</table>\n");
      h.append(Html.scrollingTable(t.toString()));
    }
    h.append("<h2>Methods</h2>\n<div class=\"note\">\n")
        .append(
            "<p><strong>Data.</strong> Homelessness applications owed a duty whose reason for"
                + " loss of settled home is domestic abuse, from each district council's"
                + " homelessness extract, by the quarter of the date of application and the"
                + " household type recorded. A district is the council that took the"
                + " application.</p>\n")
        .append("<p><strong>Disclosure control.</strong> ")
        .append(esc(f.rules().describe()))
        .append(
            " Each quarter is protected on its own and nothing spanning quarters is published, so"
                + " one quarter's figures cannot be subtracted from another's. Applications"
                + " without a date are in no table. The output check of every figure is written"
                + " beside this report.</p>\n</div>\n");
    return Html.page("Domestic abuse needs assessment", h.toString());
  }

  /**
   * One row per published cell: quarter, district (name), household type, applications (empty where
   * suppressed), then the partner id and the disclosure control.
   */
  public static List<List<String>> csv(Figures f, Names.All names) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of("quarter", "district", "household_type", "applications", "partner", "disclosure"));
    for (Quarter q : f.quarters()) {
      List<String> districts = q.rowNames();
      List<String> types = q.columnNames();
      for (int i = 0; i < districts.size(); i++) {
        for (int j = 0; j < types.size(); j++) {
          OptionalLong v = q.applications(i, j);
          String partner = districts.get(i);
          rows.add(
              List.of(
                  q.quarter(),
                  district(names, partner),
                  types.get(j),
                  v.isPresent() ? Long.toString(v.getAsLong()) : "",
                  partner.equals(DomesticAbuseNeeds.ALL_DISTRICTS) ? "" : partner,
                  f.rules().label()));
        }
      }
    }
    return rows;
  }
}
