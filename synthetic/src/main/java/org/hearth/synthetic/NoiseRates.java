package org.hearth.synthetic;

/**
 * How messy partner records are, each kind a rate per record (or per eligible record). The defaults
 * are the generator's "default noise" that linkage quality targets refer to.
 */
public record NoiseRates(
    double nameTypo,
    double nickname,
    double surnameChange,
    double dobDayMonthSwap,
    double missingNhsNumber,
    double missingUpn,
    double addressVariant,
    double missingPostcode,
    double staleAddressAfterMove,
    double duplicateInFile,
    double noFixedAbode) {

  public static NoiseRates defaults() {
    return new NoiseRates(0.03, 0.05, 0.02, 0.01, 0.25, 0.05, 0.30, 0.04, 0.30, 0.01, 0.10);
  }

  public static NoiseRates none() {
    return new NoiseRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  public NoiseRates {
    double[] all = {
      nameTypo,
      nickname,
      surnameChange,
      dobDayMonthSwap,
      missingNhsNumber,
      missingUpn,
      addressVariant,
      missingPostcode,
      staleAddressAfterMove,
      duplicateInFile,
      noFixedAbode
    };
    for (double r : all) {
      if (r < 0 || r > 1) {
        throw new IllegalArgumentException("noise rates must be between 0 and 1");
      }
    }
  }
}
