package org.hearth.link.resolve.scoring;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.pseudonymise.normalise.FieldStatistics.Field;

/**
 * How often two records picked at random agree on a field: the u-probabilities of scoring, measured
 * where the values are, at the edge (the sum over a field's values of the squared share of records
 * holding it), and sent as one number per field with each extract. The link job never sees a field
 * alone (its tokens are compound), so it cannot count these itself; and counting its compound
 * tokens would mostly count true matches, which share them.
 *
 * @param rates collision probability per field name ({@link Field})
 * @param records how many records the rates were measured on, for weighting when partners combine
 */
public record FieldCollisions(Map<String, Double> rates, long records) implements Serializable {

  /** The fields the edge measures. */
  /**
   * Rates for a population nobody has measured yet: of the order of England's (about 1 in 100 for a
   * forename, 1 in 200 for a surname, 1 in 30,000 for a date of birth, 15 households a postcode).
   * Used until the first extract brings its own.
   */
  public static final FieldCollisions TYPICAL =
      new FieldCollisions(
          Map.of(
              "FORENAME", 1e-2,
              "SURNAME", 5e-3,
              "DATE_OF_BIRTH", 3e-5,
              "PHONETIC_FORENAME", 1.5e-2,
              "PHONETIC_SURNAME", 8e-3,
              "DATE_OF_BIRTH_PART", 4e-3,
              "POSTCODE", 1e-5,
              "POSTCODE_ADDRESS", 2e-6,
              "STREET_ADDRESS", 1e-5,
              "OTHER_IDENTIFIER", 1e-6),
          0);

  public FieldCollisions {
    rates = Map.copyOf(new TreeMap<>(rates));
  }

  /** The rate of a field: this one's, or the typical one where it was not measured. */
  public double rate(Field f) {
    Double r = rates.get(f.name());
    if (r == null || r.isNaN() || r <= 0) {
      r = TYPICAL.rates.get(f.name());
    }
    return Math.min(r, 1.0);
  }

  /** Both measurements together, each field weighted by the records it was measured on. */
  public FieldCollisions combine(FieldCollisions other) {
    if (records == 0) {
      return other;
    }
    if (other.records == 0) {
      return this;
    }
    Map<String, Double> out = new TreeMap<>();
    for (Field f : Field.values()) {
      Double a = rates.get(f.name());
      Double b = other.rates.get(f.name());
      if (a != null && b != null) {
        out.put(f.name(), (a * records + b * other.records) / (records + other.records));
      } else if (a != null || b != null) {
        out.put(f.name(), a != null ? a : b);
      }
    }
    return new FieldCollisions(out, records + other.records);
  }
}
