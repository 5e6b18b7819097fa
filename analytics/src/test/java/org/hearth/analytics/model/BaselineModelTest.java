package org.hearth.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hearth.analytics.features.FeatureSet;
import org.hearth.analytics.features.FeatureSet.Column;
import org.hearth.analytics.features.FeatureSet.Role;
import org.hearth.analytics.features.FeatureSet.Type;
import org.junit.jupiter.api.Test;

class BaselineModelTest {

  @Test
  void aucMatchesHandComputedValues() {
    // scikit-learn's roc_auc_score documentation example: 0.75
    assertThat(BaselineModel.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
        .isEqualTo(0.75);
    // ties count half
    assertThat(BaselineModel.auc(new double[] {1, 1, 1, 1}, new int[] {0, 1, 0, 1})).isEqualTo(0.5);
    assertThat(BaselineModel.auc(new double[] {0, 1, 2}, new int[] {0, 0, 1})).isEqualTo(1.0);
    assertThat(BaselineModel.auc(new double[] {2, 1, 0}, new int[] {0, 0, 1})).isEqualTo(0.0);
  }

  @Test
  void foldsKeepEachOutcomesShare() {
    int[] y = new int[103];
    for (int i = 0; i < y.length; i++) {
      y[i] = i < 30 ? 1 : 0;
    }
    int[] fold = BaselineModel.stratifiedFolds(y, 5, 1);
    for (int k = 0; k < 5; k++) {
      int pos = 0;
      int all = 0;
      for (int i = 0; i < y.length; i++) {
        if (fold[i] == k) {
          all++;
          pos += y[i];
        }
      }
      assertThat(pos).isEqualTo(6);
      assertThat(all).isBetween(20, 21);
    }
  }

  /**
   * Rows from a known logistic model: risk doubles the odds of the outcome threefold, noise none.
   */
  static FeatureSet simulated(int n, long seed) {
    List<Column> columns =
        List.of(
            new Column("id", Type.STRING, Role.ID, "id"),
            new Column("risk", Type.BOOLEAN, Role.FEATURE, "A real risk."),
            new Column("noise", Type.BOOLEAN, Role.FEATURE, "Unrelated."),
            new Column("good_level_of_development", Type.BOOLEAN, Role.LABEL, "label"));
    SplittableRandom r = new SplittableRandom(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean risk = r.nextDouble() < 0.4;
      boolean noise = r.nextDouble() < 0.5;
      double logit = -1.0 + (risk ? Math.log(3) : 0);
      boolean notReady = r.nextDouble() < 1 / (1 + Math.exp(-logit));
      rows.add(new Object[] {"c" + i, risk, noise, !notReady});
    }
    return new FeatureSet("school-readiness", columns, rows);
  }

  @Test
  void recoversAKnownOddsRatioAndAnUnrelatedFeaturesNone() {
    BaselineModel.Result r =
        BaselineModel.fit(simulated(20_000, 7), BaselineModel.Settings.DEFAULT);
    assertThat(r.outcome()).isEqualTo("not good_level_of_development");
    assertThat(r.oddsRatios().get(0).feature()).isEqualTo("risk");
    assertThat(Math.log(r.oddsRatios().get(0).oddsRatio())).isCloseTo(Math.log(3), within(0.1));
    assertThat(Math.log(r.oddsRatios().get(1).oddsRatio())).isCloseTo(0, within(0.1));
    // one binary risk with odds ratio 3 at 40% prevalence discriminates modestly: about 0.63
    assertThat(r.meanAuc()).isBetween(0.58, 0.68);
    assertThat(r.foldAuc()).hasSize(5);
  }

  @Test
  void strongerRegularisationShrinksTheOddsRatioTowardsOne() {
    FeatureSet set = simulated(300, 3);
    double loose =
        BaselineModel.fit(set, new BaselineModel.Settings(10, 5, 1))
            .oddsRatios()
            .get(0)
            .coefficient();
    double tight =
        BaselineModel.fit(set, new BaselineModel.Settings(0.001, 5, 1))
            .oddsRatios()
            .get(0)
            .coefficient();
    assertThat(Math.abs(tight)).isLessThan(Math.abs(loose) / 2);
  }
}
