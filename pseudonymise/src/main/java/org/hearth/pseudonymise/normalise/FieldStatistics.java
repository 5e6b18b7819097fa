package org.hearth.pseudonymise.normalise;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How often two records of an extract, picked at random, agree on each identifying field: the
 * collision rate (the sum over values of the squared share of records holding it), measured at the
 * edge where the values are. Only the rates leave the partner, one number a field, in the signed
 * manifest: the link job's scoring needs them (u-probabilities) and cannot count them itself, since
 * every token it sees is compound.
 *
 * <p>Rates come from a sample of the extract's persons: those whose row's hash is among the {@value
 * #SAMPLE} smallest (bottom-k sampling). The sample is uniform, bounds memory whatever the
 * extract's size, and depends only on the rows, not on the order the edge's workers reach them, so
 * the plaintext baseline measures the same rates as the edge.
 */
public final class FieldStatistics {
  /** The fields measured. */
  public enum Field {
    FORENAME,
    SURNAME,
    DATE_OF_BIRTH,
    PHONETIC_FORENAME,
    PHONETIC_SURNAME,
    /** Two of the three parts of the date of birth: year-month, year-day or month-day. */
    DATE_OF_BIRTH_PART,
    POSTCODE,
    POSTCODE_ADDRESS,
    STREET_ADDRESS,
    /** Any declared identifier: NI number, e-mail, telephone, shared reference. */
    OTHER_IDENTIFIER
  }

  static final int SAMPLE = 20_000;

  private final TreeMap<Long, Map<Field, String[]>> sample = new TreeMap<>();
  private long seen;

  /**
   * One person of one row: the normalised values it has (null where it has none).
   *
   * @param rowKey the row's number in its file (times a few, plus the person's index, for rows that
   *     describe more than one person): what decides whether the person is sampled
   */
  public synchronized void add(
      long rowKey,
      String forename,
      String surname,
      BirthDate birth,
      String postcode,
      List<MatchKey> addressKeys,
      List<MatchKey> identifiers) {
    Map<Field, String[]> v = new EnumMap<>(Field.class);
    put(v, Field.FORENAME, forename);
    put(v, Field.SURNAME, surname);
    put(v, Field.PHONETIC_FORENAME, forename == null ? null : Names.phonetic(forename));
    put(v, Field.PHONETIC_SURNAME, surname == null ? null : Names.phonetic(surname));
    Optional<LocalDate> d = birth == null ? Optional.empty() : birth.date();
    if (d.isPresent()) {
      LocalDate dob = d.get();
      put(v, Field.DATE_OF_BIRTH, dob.toString());
      v.put(
          Field.DATE_OF_BIRTH_PART,
          new String[] {
            "ym" + dob.getYear() + "-" + dob.getMonthValue(),
            "yd" + dob.getYear() + "-" + dob.getDayOfMonth(),
            "md" + dob.getMonthValue() + "-" + dob.getDayOfMonth()
          });
    }
    put(v, Field.POSTCODE, postcode);
    for (MatchKey k : addressKeys) {
      if (k.type() == MatchKeyType.ADDRESS) {
        put(v, Field.POSTCODE_ADDRESS, k.plaintext());
      } else if (k.type() == MatchKeyType.STREET_ADDRESS) {
        put(v, Field.STREET_ADDRESS, k.plaintext());
      }
    }
    if (!identifiers.isEmpty()) {
      v.put(
          Field.OTHER_IDENTIFIER,
          identifiers.stream().map(MatchKey::plaintext).toArray(String[]::new));
    }
    seen++;
    long h = mix(rowKey);
    if (sample.size() < SAMPLE) {
      sample.put(h, v);
    } else if (h < sample.lastKey()) {
      sample.pollLastEntry();
      sample.put(h, v);
    }
  }

  /** A fixed bijective scrambling of the row key (SplitMix64's finaliser). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static void put(Map<Field, String[]> v, Field f, String value) {
    if (value != null && !value.isEmpty()) {
      v.put(f, new String[] {value});
    }
  }

  /** Persons seen. */
  public synchronized long persons() {
    return seen;
  }

  /**
   * Collision rate per field, over the sampled persons that have the field: the share of pairs of
   * them that agree (for a field with several values, such as the date parts, on any of them).
   * Fields fewer than two persons have are left out.
   */
  public synchronized Map<String, Double> collisionRates() {
    Map<String, Double> out = new HashMap<>();
    for (Field f : Field.values()) {
      Map<String, Integer> counts = new HashMap<>();
      long holders = 0;
      for (Map<Field, String[]> v : sample.values()) {
        String[] values = v.get(f);
        if (values == null) {
          continue;
        }
        holders++;
        for (String x : values) {
          counts.merge(x, 1, Integer::sum);
        }
      }
      if (holders < 2) {
        continue;
      }
      double agreeing = 0;
      for (int c : counts.values()) {
        agreeing += (double) c * (c - 1) / 2;
      }
      double pairs = (double) holders * (holders - 1) / 2;
      // a rate of zero would make an agreement infinitely strong: one pair is the floor
      out.put(f.name(), Math.max(agreeing, 1) / pairs);
    }
    return out;
  }
}
