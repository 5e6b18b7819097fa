package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RiskRatioTest {
  @Test
  void matchesTheLogMethodWorkedByHand() {
    // 20 of 100 with, 10 of 100 without: RR 2, SE sqrt(1/20 - 1/100 + 1/10 - 1/100) = sqrt(0.13)
    RiskRatio rr = RiskRatio.of(20, 100, 10, 100);
    assertThat(rr.estimate()).isCloseTo(2.0, within(1e-12));
    assertThat(rr.low()).isCloseTo(2.0 * Math.exp(-1.959964 * Math.sqrt(0.13)), within(1e-5));
    assertThat(rr.high()).isCloseTo(2.0 * Math.exp(1.959964 * Math.sqrt(0.13)), within(1e-5));
    assertThat(rr.low()).isCloseTo(0.9866, within(1e-4));
    assertThat(rr.high()).isCloseTo(4.0545, within(1e-4));
  }

  @Test
  void needsOutcomesInBothGroups() {
    assertThatThrownBy(() -> RiskRatio.of(0, 10, 5, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
