package org.hearth.synthetic;

import java.nio.file.Path;

/**
 * What to generate: scale, seed, how many quarters from which first quarter, and how noisy.
 *
 * @param firstYear year of the first quarter
 * @param firstQuarter 1-4
 */
public record SyntheticConfig(
    Scale scale,
    long seed,
    int quarters,
    int firstYear,
    int firstQuarter,
    NoiseRates noise,
    double gldTarget,
    Path output) {

  public static SyntheticConfig defaults(Scale scale, long seed, Path output) {
    return new SyntheticConfig(scale, seed, 2, 2026, 1, NoiseRates.defaults(), 0.677, output);
  }

  public SyntheticConfig {
    if (quarters < 1 || quarters > 40) {
      throw new IllegalArgumentException("quarters must be between 1 and 40");
    }
    if (firstQuarter < 1 || firstQuarter > 4) {
      throw new IllegalArgumentException("the first quarter must be 1 to 4");
    }
    if (gldTarget <= 0.05 || gldTarget >= 0.95) {
      throw new IllegalArgumentException(
          "the good-level-of-development target must be in (0.05, 0.95)");
    }
  }

  public SyntheticConfig withNoise(NoiseRates n) {
    return new SyntheticConfig(
        scale, seed, quarters, firstYear, firstQuarter, n, gldTarget, output);
  }

  public SyntheticConfig withQuarters(int q) {
    return new SyntheticConfig(scale, seed, q, firstYear, firstQuarter, noise, gldTarget, output);
  }
}
