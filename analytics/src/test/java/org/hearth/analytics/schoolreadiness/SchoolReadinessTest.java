package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.junit.jupiter.api.Test;

class SchoolReadinessTest {
  @Test
  void aSmallWardIsSuppressedAndCannotBeRecoveredFromTheTotal() {
    var f = SchoolReadinessReportChromiumIT.sample();
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
    var f = SchoolReadinessReportChromiumIT.sample();
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
