package org.hearth.link.resolve.scoring;

/**
 * The comparisons scoring makes between two records, each with ordered levels (0 is "both have the
 * fields and no token agrees"). Comparisons are chosen to be close to independent given the
 * records' match status, as Fellegi–Sunter assumes: who the person is (names and date of birth
 * together), where they live, and which other identifiers they carry.
 */
public enum Comparison {
  /**
   * Names and date of birth, by the best family of tokens the records share: 7 all exact; 6 both
   * names and two parts of the date (or day and month swapped); 5 one name (or the initial and
   * surname) and the date; 4 phonetic names and the date; 3 the date at the same postcode; 2 both
   * names, the date disagreeing or missing; 1 phonetic names only; 0 none.
   */
  PERSON(new String[] {"", "8", "7", "X", "3GH", "256", "BCE4", "1"}),
  /** 2 the same UPRN or postcode address; 1 the same street address or surname at the postcode. */
  ADDRESS(new String[] {"", "TP", "AU"}),
  /** 1 a declared identifier in common (NI number, e-mail, telephone, a shared reference). */
  IDENTIFIER(new String[] {"", "IMOR"});

  private final String[] families;

  Comparison(String[] families) {
    this.families = families;
  }

  /** How many levels, 0 included. */
  public int levels() {
    return families.length;
  }

  /** The key letters whose agreement puts a pair at this level. */
  String families(int level) {
    return families[level];
  }
}
