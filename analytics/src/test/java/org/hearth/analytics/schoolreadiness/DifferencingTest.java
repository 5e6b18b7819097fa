package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.schoolreadiness.DifferencingAttack.Score;
import org.junit.jupiter.api.Test;

/**
 * The republication differencing attack of issue 21, in memory and over many children: against
 * threshold suppression it recovers the child; against cell-key perturbation no attribute is
 * guessed better than chance by more than {@link #MARGIN}. DifferencingIT repeats it through the
 * database.
 */
class DifferencingTest {
  /**
   * How much better than chance a guess may be. hearth-ptable-1's noise is uniform on −2..+2, so
   * one record leaving a cell changes the distribution of the cell's change between two releases by
   * a total variation of 1/5: on an attribute seen through one cell a Bayes-optimal attacker gains
   * at most half that, 0.10, over a coin toss, and less over chance when the attribute is uneven.
   * Readiness is seen through several tables, each with one perturbed cell per child. An evenly
   * split attribute (sex) comes close to the bound, so the tests allow for the trials' sampling
   * error: they fail when the advantage is above the margin by more than {@link #Z} standard
   * errors.
   */
  static final double MARGIN = 0.10;

  /** Standard errors of the trials a measured advantage may exceed the margin by (one-sided). */
  static final double Z = 3;

  static final int TRIALS = 3000;

  private static final List<SchoolReadiness.Child> CHILDREN =
      SyntheticChildren.generate(21, 1000, 10);

  @Test
  void perturbedReleasesGiveNoAttributeAwayBeyondTheMargin() {
    Score bayes = new Score(CHILDREN);
    Score naive = new Score(CHILDREN);
    DifferencingAttack.run(
        CHILDREN, DisclosureRules.DEFAULT, TRIALS, new Random(2021), bayes, naive);
    System.out.printf("Bayesian attacker, %d trials:%n%s", bayes.trials(), bayes);
    System.out.printf("Naive attacker:%n%s", naive);
    assertThat(bayes.worstAdvantageBeyondError(Z)).as(bayes.toString()).isLessThanOrEqualTo(MARGIN);
    assertThat(naive.worstAdvantageBeyondError(Z)).as(naive.toString()).isLessThanOrEqualTo(MARGIN);
  }

  @Test
  void theSameAttackRecoversTheChildFromSuppressedReleases() {
    Score naive = new Score(CHILDREN);
    DifferencingAttack.run(
        CHILDREN, DisclosureRules.SUPPRESSION, 300, new Random(2021), null, naive);
    System.out.printf("Naive attacker against threshold suppression:%n%s", naive);
    // everything the attack needs is shown at this size: it gets the child right every time
    for (int i = 0; i < naive.attributes(); i++) {
      assertThat(naive.accuracy(i)).as(Score.name(i)).isGreaterThan(0.99);
    }
    assertThat(naive.worstAdvantageBeyondError(Z)).isGreaterThan(MARGIN);
  }
}
