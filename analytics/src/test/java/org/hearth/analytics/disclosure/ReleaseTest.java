package org.hearth.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hearth.analytics.disclosure.OutputCheck.Rule;
import org.junit.jupiter.api.Test;

class ReleaseTest {
  private static final List<OutputCheck> CHECKS =
      List.of(
          new OutputCheck("published.t", "a; x", "7", Rule.CELL_KEY_PERTURBATION, "perturbed"),
          new OutputCheck("published.t", "b; x", null, Rule.THRESHOLD_SUPPRESSED, "hidden"),
          new OutputCheck("published.u", "c|d", "9", Rule.SUM_OF_PUBLISHED_CELLS, "a sum"));

  @Test
  void theDigestIsTheNumbersNotTheRelease() {
    Release a = Release.of("p", Instant.EPOCH, DisclosureRules.DEFAULT, CHECKS);
    Release b = Release.of("p", Instant.now(), DisclosureRules.DEFAULT, CHECKS);
    assertThat(a.releaseId()).isNotEqualTo(b.releaseId()).startsWith("p-19700101T000000Z-");
    assertThat(a.digest()).isEqualTo(b.digest()).hasSize(64);
    Release c =
        Release.of(
            "p",
            Instant.EPOCH,
            DisclosureRules.DEFAULT,
            List.of(
                CHECKS.get(0),
                CHECKS.get(1),
                new OutputCheck("published.u", "c|d", "8", Rule.SUM_OF_PUBLISHED_CELLS, "a sum")));
    assertThat(c.digest()).isNotEqualTo(a.digest());
  }

  @Test
  void theMarkdownListsEveryCellByTableWithWhy() {
    String md = Release.of("p", Instant.EPOCH, DisclosureRules.DEFAULT, CHECKS).markdown();
    assertThat(md)
        .contains("# Output check: p", "hearth-ptable-1", "## published.t", "## published.u")
        .contains("| a; x | 7 | cell-key-perturbation |")
        .contains("| b; x | — | threshold-suppressed |")
        .contains("| c\\|d | 9 | sum-of-published-cells |")
        .contains("- **cell-key-perturbation**: perturbed");
    assertThat(Release.besideReport(Path.of("out/school-readiness.html")))
        .isEqualTo(Path.of("out/school-readiness.output-check.md"));
  }
}
