package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.disclosure.OutputCheck;
import org.hearth.analytics.disclosure.OutputCheck.Rule;
import org.junit.jupiter.api.Test;

class SchoolReadinessTest {
  private static final Instant AT = Instant.parse("2026-11-21T09:00:00Z");

  private static SchoolReadiness.Figures perturbed(List<SchoolReadiness.Child> children) {
    return SchoolReadiness.figures(children, Optional.empty(), DisclosureRules.DEFAULT, AT);
  }

  @Test
  void theSameRecordsInAnyOrderPublishTheSameNumbers() {
    List<SchoolReadiness.Child> children = SyntheticChildren.generate(1, 400, 6);
    var first = perturbed(children);
    List<SchoolReadiness.Child> shuffled = new ArrayList<>(children);
    Collections.shuffle(shuffled, new Random(2));
    var again = perturbed(shuffled);
    assertThat(again.wards()).isEqualTo(first.wards());
    assertThat(again.total()).isEqualTo(first.total());
    assertThat(again.factors()).isEqualTo(first.factors());
    assertThat(again.checks()).isEqualTo(first.checks());
  }

  @Test
  void perturbedTablesAddUpAndStayWithinTheNoiseOfTheTruth() {
    List<SchoolReadiness.Child> children = SyntheticChildren.generate(3, 600, 8);
    var f = perturbed(children);
    long ready = 0;
    long notReady = 0;
    int changed = 0;
    for (var w : f.wards()) {
      long trueReady =
          children.stream().filter(c -> c.ward().equals(w.ward()) && c.ready()).count();
      long trueNotReady =
          children.stream().filter(c -> c.ward().equals(w.ward()) && !c.ready()).count();
      assertThat(w.ready().getAsLong()).isBetween(trueReady - 2, trueReady + 2);
      assertThat(w.notReady().getAsLong()).isBetween(trueNotReady - 2, trueNotReady + 2);
      assertThat(w.children().getAsLong())
          .isEqualTo(w.ready().getAsLong() + w.notReady().getAsLong());
      changed +=
          (w.ready().getAsLong() != trueReady ? 1 : 0)
              + (w.notReady().getAsLong() != trueNotReady ? 1 : 0);
      ready += w.ready().getAsLong();
      notReady += w.notReady().getAsLong();
    }
    // noise is uniform on -2..2: most cells move
    assertThat(changed).isGreaterThan(f.wards().size());
    assertThat(f.total().ready()).hasValue(ready);
    assertThat(f.total().notReady()).hasValue(notReady);
    for (var r : f.factors()) {
      long trueWithNotReady =
          children.stream().filter(c -> c.factors()[r.factor().ordinal()] && !c.ready()).count();
      assertThat(r.withNotReady().getAsLong())
          .isBetween(trueWithNotReady - 2, trueWithNotReady + 2);
      // with and without add up to the ward table's totals
      assertThat(r.withChildren().getAsLong() + r.withoutChildren().getAsLong())
          .isEqualTo(ready + notReady);
      assertThat(r.withNotReady().getAsLong() + r.withoutNotReady().getAsLong())
          .isEqualTo(notReady);
      assertThat(r.riskRatio()).isPresent();
    }
  }

  @Test
  void aChangedRecordRedrawsCellsItIsNotIn() {
    List<SchoolReadiness.Child> children = SyntheticChildren.generate(4, 600, 8);
    var before = perturbed(children);
    SchoolReadiness.Child gone = children.get(0);
    var after = perturbed(children.subList(1, children.size()));
    int otherWardsChanged = 0;
    for (int i = 0; i < before.wards().size(); i++) {
      var b = before.wards().get(i);
      if (!b.ward().equals(gone.ward())) {
        otherWardsChanged += b.equals(after.wards().get(i)) ? 0 : 1;
      }
    }
    // each other ward keeps both its counts with chance 1/25
    assertThat(otherWardsChanged).isGreaterThanOrEqualTo(before.wards().size() - 3);
  }

  @Test
  void aOneWardReportShowsThePublishedFiguresOfItsWard() {
    List<SchoolReadiness.Child> children = SyntheticChildren.generate(5, 500, 6);
    var all = perturbed(children);
    String ward = SyntheticChildren.ward(2);
    var one = SchoolReadiness.figures(children, Optional.of(ward), DisclosureRules.DEFAULT, AT);
    assertThat(one.wards()).containsExactly(all.wards().get(2));
  }

  @Test
  void everyPublishedCellHasItsOutputCheck() {
    var f = perturbed(SyntheticChildren.generate(6, 300, 4));
    // per ward and the total: ready, not ready, children, ready %; per factor: four counts, ratio
    assertThat(f.checks()).hasSize(5 * 4 + Factor.values().length * 5);
    assertThat(f.checks())
        .filteredOn(c -> c.rule() == Rule.CELL_KEY_PERTURBATION)
        .hasSize(4 * 2 + Factor.values().length)
        .allSatisfy(c -> assertThat(c.reason()).contains("hearth-ptable-1"));
    assertThat(f.checks())
        .filteredOn(c -> c.cell().equals("All wards; children"))
        .extracting(OutputCheck::rule, OutputCheck::published)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Rule.SUM_OF_PUBLISHED_CELLS, Long.toString(f.total().children().getAsLong())));
    var suppressed = SchoolReadinessReportChromiumIT.sample(DisclosureRules.SUPPRESSION).checks();
    // a suppressed cell's check says nothing a reader could use to tell why it was hidden
    assertThat(suppressed)
        .filteredOn(c -> c.rule() == Rule.THRESHOLD_SUPPRESSED)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.published()).isNull();
              assertThat(c.reason())
                  .isEqualTo(
                      suppressed.stream()
                          .filter(x -> x.rule() == Rule.THRESHOLD_SUPPRESSED)
                          .findFirst()
                          .get()
                          .reason());
            });
  }

  @Test
  void aSmallWardIsSuppressedAndCannotBeRecoveredFromTheTotal() {
    var f = SchoolReadinessReportChromiumIT.sample(DisclosureRules.SUPPRESSION);
    var small = f.wards().get(2);
    assertThat(small.ward()).isEqualTo("E05000003");
    assertThat(small.children()).isEmpty();
    assertThat(small.readyPercent()).isEmpty();
    // the total is shown, so at least one other ward gave up a cell to protect the small one
    assertThat(f.total().children()).hasValue(239);
    assertThat(f.wards().subList(0, 2))
        .anySatisfy(
            w ->
                assertThat(w.ready().isEmpty() || w.notReady().isEmpty() || w.children().isEmpty())
                    .isTrue());
  }

  @Test
  void aRatioIsShownOnlyWhereEveryCountBehindItIs() {
    var f = SchoolReadinessReportChromiumIT.sample(DisclosureRules.SUPPRESSION);
    for (var r : f.factors()) {
      if (r.riskRatio().isPresent()) {
        assertThat(r.withChildren()).isPresent();
        assertThat(r.withNotReady()).isPresent();
        assertThat(r.withoutChildren()).isPresent();
        assertThat(r.withoutNotReady()).isPresent();
        assertThat(r.riskRatio().get().low()).isLessThan(r.riskRatio().get().estimate());
      }
    }
    assertThat(f.factors()).anySatisfy(r -> assertThat(r.riskRatio()).isPresent());
  }

  @Test
  void noChildrenMeansNothingShownRatherThanAFailure() {
    var f =
        SchoolReadiness.figures(
            List.of(), Optional.empty(), DisclosureRules.DEFAULT, Instant.EPOCH);
    assertThat(f.wards()).isEmpty();
    assertThat(f.total().children()).isEmpty();
    assertThat(f.factors()).allSatisfy(r -> assertThat(r.riskRatio()).isEmpty());
    assertThat(SchoolReadinessReport.html(f)).contains("All wards");
  }
}
