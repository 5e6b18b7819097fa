package org.hearth.link.resolve.scoring;

import org.hearth.link.resolve.LinkRecord;

/**
 * What two records' linkage-domain keys say about them, without a value: for each {@link
 * Comparison} the best level whose token families they share, or -1 where either record lacks the
 * fields the comparison needs. Keys are "letter + hash" ({@link org.hearth.link.resolve.KeyId}),
 * and the letter names the family.
 */
public final class AgreementPattern {
  /** Families that need a forename: sharing none of them, with both present, contradicts. */
  static final String FORENAME_FAMILIES = "1234578BCEG";

  /** Families made only from a whole date of birth. */
  private static final String WHOLE_DATE_FAMILIES = "123456CEGHX";

  /** Families holding any part of the date of birth. */
  private static final String DATE_FAMILIES = "123456BCEGHX4";

  private static final String PERSON_FAMILIES = "12345678BCEGHX9";
  private static final String ADDRESS_FAMILIES = "AUTP";
  private static final String IDENTIFIER_FAMILIES = "IMOR";

  private AgreementPattern() {}

  /** One level per comparison, in {@link Comparison} order; -1 for "cannot tell". */
  public static int[] of(LinkRecord a, LinkRecord b) {
    Comparison[] cs = Comparison.values();
    int[] levels = new int[cs.length];
    for (int c = 0; c < cs.length; c++) {
      levels[c] = level(cs[c], a, b);
    }
    return levels;
  }

  static int level(Comparison c, LinkRecord a, LinkRecord b) {
    String present =
        switch (c) {
          case PERSON -> PERSON_FAMILIES;
          case ADDRESS -> ADDRESS_FAMILIES;
          case IDENTIFIER -> IDENTIFIER_FAMILIES;
        };
    if (c == Comparison.IDENTIFIER) {
      // a disagreement needs both records to carry the same kind of identifier
      if (!shareFamily(a, b, present)) {
        return -1;
      }
    } else if (!hasAny(a, present) || !hasAny(b, present)) {
      return -1;
    }
    for (int level = c.levels() - 1; level > 0; level--) {
      if (shareKeyOf(a, b, c.families(level))) {
        return level;
      }
    }
    return 0;
  }

  /**
   * Both records name a forename, share a surname or date token, and agree on no token that holds
   * the forename: the pattern of twins and siblings, which resolution does not join on scoring
   * alone.
   */
  public static boolean forenamesContradict(LinkRecord a, LinkRecord b) {
    return hasAny(a, FORENAME_FAMILIES)
        && hasAny(b, FORENAME_FAMILIES)
        && !shareKeyOf(a, b, FORENAME_FAMILIES);
  }

  /**
   * Both records have a whole date of birth and agree on their names, yet share no token that holds
   * any part of the date: a parent and child of one name at one address, which scoring alone would
   * join (the address and the names are not independent within a family).
   */
  public static boolean datesContradict(LinkRecord a, LinkRecord b) {
    return hasAny(a, WHOLE_DATE_FAMILIES)
        && hasAny(b, WHOLE_DATE_FAMILIES)
        && shareKeyOf(a, b, "78")
        && !shareKeyOf(a, b, DATE_FAMILIES);
  }

  /** Whether the records share a declared identifier (NI number, e-mail, telephone, reference). */
  public static boolean shareIdentifier(LinkRecord a, LinkRecord b) {
    return shareKeyOf(a, b, IDENTIFIER_FAMILIES);
  }

  private static boolean hasAny(LinkRecord r, String families) {
    for (String k : r.personKeys()) {
      if (families.indexOf(k.charAt(0)) >= 0) {
        return true;
      }
    }
    for (String k : r.addressKeys()) {
      if (families.indexOf(k.charAt(0)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean shareFamily(LinkRecord a, LinkRecord b, String families) {
    for (String k : a.personKeys()) {
      char f = k.charAt(0);
      if (families.indexOf(f) >= 0 && hasAny(b, String.valueOf(f))) {
        return true;
      }
    }
    return false;
  }

  private static boolean shareKeyOf(LinkRecord a, LinkRecord b, String families) {
    if (families.isEmpty()) {
      return false;
    }
    return shared(a.personKeys(), b.personKeys(), families)
        || shared(a.addressKeys(), b.addressKeys(), families);
  }

  private static boolean shared(String[] x, String[] y, String families) {
    for (String k : x) {
      if (families.indexOf(k.charAt(0)) < 0) {
        continue;
      }
      for (String l : y) {
        if (k.equals(l)) {
          return true;
        }
      }
    }
    return false;
  }
}
