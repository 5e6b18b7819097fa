package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.reference.Names;
import org.hearth.analytics.report.Html;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.Coverage;
import org.hearth.analytics.schoolreadiness.SchoolReadiness.FactorRow;
import org.hearth.analytics.schoolreadiness.SchoolReadinessReport.Context;
import org.junit.jupiter.api.Test;

/** The report's page and terminal table: names, area, period, intervals, axes, layout, contrast. */
class SchoolReadinessReportTest {
  static final Names.All NAMES =
      new Names.All(
          Map.of(
              "E05000001",
              new Names.Ward("E05000001", "Marshside", "E07000001", "Basildon"),
              "E05000002",
              new Names.Ward(
                  "E05000002", "South Woodham Ferrers Central", "E07000001", "Basildon")),
          Map.of());

  static Context context() {
    return new Context(
        NAMES,
        List.of("2026-Q1"),
        Optional.of(new Coverage(OptionalLong.of(71), OptionalLong.of(3), List.of())));
  }

  @Test
  void wilsonIntervalMatchesHandComputedValues() {
    Proportion p = Proportion.wilson(76, 150);
    assertThat(p.estimate()).isCloseTo(0.50667, within(1e-5));
    assertThat(p.low()).isCloseTo(0.42750, within(1e-5));
    assertThat(p.high()).isCloseTo(0.58550, within(1e-5));
    assertThat(Proportion.wilson(0, 10).low()).isZero();
    assertThat(Proportion.wilson(0, 10).high()).isCloseTo(0.27753, within(1e-5));
    assertThat(Proportion.wilson(10, 10).high()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void namesWardsAndStatesAreaPeriodAndChildrenLeftOut() {
    SchoolReadiness.Figures f = SchoolReadinessReportChromiumIT.sample(DisclosureRules.DEFAULT);
    String html = SchoolReadinessReport.html(f, context());
    assertThat(html)
        .contains("<td>Marshside</td><td class=\"code\">E05000001</td>")
        .contains("South Woodham Ferrers Central")
        .contains("Area: Basildon and wards without a name on record (3 wards with assessed")
        .contains("Data period: Early Years Foundation Stage Profile results from extracts for")
        .contains("2026-Q1")
        .contains("left out (no known ward): 71")
        .contains("not linked to a household (counted, every circumstance absent): 3")
        .contains("Wilson score interval")
        .contains("after perturbation");
    // a ward without a name on record is shown by its code
    assertThat(html).contains("<td>E05000003</td>");
  }

  @Test
  void wardRatesCarryTheirIntervalOnThePageAndInTheTerminal() {
    SchoolReadiness.Figures f = SchoolReadinessReportChromiumIT.sample(DisclosureRules.DEFAULT);
    SchoolReadiness.WardRow w = f.wards().get(0);
    Proportion p = Proportion.wilson(w.ready().getAsLong(), w.children().getAsLong());
    String range =
        String.format(java.util.Locale.ROOT, "%.1f – %.1f", 100 * p.low(), 100 * p.high());
    assertThat(SchoolReadinessReport.html(f, context())).contains("<th>95% CI</th>", range);
    StringWriter out = new StringWriter();
    SchoolReadinessReport.printTable(new PrintWriter(out, true), f, context());
    assertThat(out.toString())
        .contains("Marshside (E05000001)")
        .contains("Area: Basildon")
        .contains("left out (no known ward): 71")
        .contains(range.replace(" – ", "-"));
    // the small ward's rate is not shown, so neither is an interval
    assertThat(SchoolReadinessReport.interval(f.wards().get(2))).isEmpty();
  }

  @Test
  void theForestPlotsAxisSpansTheDataAndHasATitle() {
    SchoolReadiness.Figures f = SchoolReadinessReportChromiumIT.sample(DisclosureRules.DEFAULT);
    double[] ticks = SchoolReadinessReport.axisTicks(f.factors());
    double lo = 1;
    double hi = 1;
    for (FactorRow r : f.factors()) {
      if (r.riskRatio().isPresent()) {
        lo = Math.min(lo, r.riskRatio().get().low());
        hi = Math.max(hi, r.riskRatio().get().high());
      }
    }
    assertThat(ticks[0]).isLessThanOrEqualTo(lo);
    assertThat(ticks[ticks.length - 1]).isGreaterThanOrEqualTo(hi);
    assertThat(ticks).contains(1.0).hasSizeLessThanOrEqualTo(10);
    // not the old fixed 0.25 to 8: the ends follow the data
    assertThat(ticks[0] == 0.25 && ticks[ticks.length - 1] == 8).isFalse();
    assertThat(ticks[ticks.length - 1]).isLessThan(8);

    // a wide interval widens the axis; no ratio at all gives a narrow axis around 1
    FactorRow wide =
        new FactorRow(
            Factor.SOCIAL_CARE,
            OptionalLong.of(20),
            OptionalLong.of(15),
            OptionalLong.of(200),
            OptionalLong.of(20),
            Optional.of(new RiskRatio(7.5, 3.1, 14.2)));
    double[] w = SchoolReadinessReport.axisTicks(List.of(wide));
    assertThat(w[w.length - 1]).isGreaterThanOrEqualTo(14.2);
    assertThat(w[0]).isLessThanOrEqualTo(0.9);
    double[] none = SchoolReadinessReport.axisTicks(List.of());
    assertThat(none).containsExactly(0.75, 1, 1.5);

    assertThat(SchoolReadinessReport.html(f, context()))
        .contains("<figcaption>Risk ratio of not being school ready")
        .contains("Risk ratio (log scale)");
  }

  @Test
  void chartsScaleToTheirContainerAndThePagePrints() {
    String html =
        SchoolReadinessReport.html(
            SchoolReadinessReportChromiumIT.sample(DisclosureRules.DEFAULT), context());
    Matcher svg = Pattern.compile("<svg[^>]*>").matcher(html);
    int n = 0;
    while (svg.find()) {
      n++;
      String tag = svg.group();
      assertThat(tag).contains("viewBox=\"0 0 ", "width=\"100%\"").doesNotContain("height=");
      assertThat(tag).doesNotContainPattern(" width=\"\\d+\"");
    }
    assertThat(n).isEqualTo(2);
    assertThat(html)
        .contains("@media print", "@page", "break-inside:avoid", "<div class=\"scroll\">")
        .contains("name=\"viewport\"");
  }

  @Test
  void everyTextColourMeetsWcagAaContrast() {
    for (String[] pair : Html.TEXT_ON_BACKGROUND) {
      assertThat(Html.contrast(pair[0], pair[1]))
          .as("%s on %s", pair[0], pair[1])
          .isGreaterThanOrEqualTo(4.5);
    }
    // the old grey of "suppressed" fails, as the review found
    assertThat(Html.contrast("#888888", "#ffffff")).isLessThan(4.5);
    for (DisclosureRules rules : List.of(DisclosureRules.DEFAULT, DisclosureRules.SUPPRESSION)) {
      String html =
          SchoolReadinessReport.html(SchoolReadinessReportChromiumIT.sample(rules), context());
      List<String> textColours = new ArrayList<>();
      Matcher m =
          Pattern.compile("(?:[^-]color:|<text[^>]* fill=\")(#[0-9a-fA-F]{6})").matcher(html);
      while (m.find()) {
        textColours.add(m.group(1));
      }
      assertThat(textColours).isNotEmpty();
      for (String c : textColours) {
        assertThat(Html.contrast(c, Html.BACKGROUND)).as(c).isGreaterThanOrEqualTo(4.5);
        assertThat(Html.contrast(c, Html.NOTE_BACKGROUND)).as(c).isGreaterThanOrEqualTo(4.5);
      }
    }
  }

  @Test
  void longWardNamesWidenTheLabelColumnRatherThanClip() {
    String html =
        SchoolReadinessReport.html(
            SchoolReadinessReportChromiumIT.sample(DisclosureRules.DEFAULT), context());
    Matcher m =
        Pattern.compile("<text x=\"(\\d+)\" y=\"\\d+\" text-anchor=\"end\"[^>]*>([^<]+)</text>")
            .matcher(html);
    int labels = 0;
    while (m.find()) {
      labels++;
      assertThat(Integer.parseInt(m.group(1)))
          .as(m.group(2))
          .isGreaterThanOrEqualTo(Html.textWidth(m.group(2)));
    }
    assertThat(labels).isGreaterThanOrEqualTo(4 + Factor.values().length);
  }

  @Test
  void coverageIsProtectedLikeTheTables() {
    Random r = new Random(3);
    List<SchoolReadiness.Assessed> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(new SchoolReadiness.Assessed(i >= 7, i < 7 || i >= 9, r.nextLong() >>> 11));
    }
    // 7 without a ward; 2 with a ward but no household
    Coverage suppressed = SchoolReadiness.coverage(records, DisclosureRules.SUPPRESSION);
    assertThat(suppressed.withoutWard()).hasValue(7);
    assertThat(suppressed.withoutHousehold()).isEmpty();
    assertThat(suppressed.checks()).hasSize(2);
    Coverage perturbed = SchoolReadiness.coverage(records, DisclosureRules.DEFAULT);
    assertThat(perturbed.withoutWard().getAsLong()).isBetween(5L, 9L);
    assertThat(perturbed.withoutHousehold().getAsLong()).isBetween(0L, 4L);
    assertThat(SchoolReadiness.coverage(records, DisclosureRules.DEFAULT)).isEqualTo(perturbed);
    String html =
        SchoolReadinessReport.html(
            SchoolReadinessReportChromiumIT.sample(DisclosureRules.SUPPRESSION),
            new Context(NAMES, List.of(), Optional.of(suppressed)));
    assertThat(html)
        .contains("left out (no known ward): 7")
        .contains("not linked to a household (counted, every circumstance absent): fewer than 5")
        .contains("Data period: not recorded");
  }

  @Test
  void aWardIsFoundByCodeOrByName() {
    var codes = java.util.Set.of("E05000001", "E05000002");
    assertThat(NAMES.resolveWard("E05000001", codes)).hasValue("E05000001");
    assertThat(NAMES.resolveWard("  marshside ", codes)).hasValue("E05000001");
    assertThat(NAMES.resolveWard("E05999999", codes)).isEmpty();
    assertThat(NAMES.resolveWard("Nowhere", codes)).isEmpty();
  }
}
