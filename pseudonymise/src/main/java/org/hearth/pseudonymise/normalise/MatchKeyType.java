package org.hearth.pseudonymise.normalise;

/**
 * What a match key is made of. Strength orders resolution: a weak key may support a link but never
 * merge two strong entities on its own. Names match the Avro enum of the same name.
 */
public enum MatchKeyType {
  UPRN(Kind.ADDRESS, Strength.STRONG),
  ADDRESS(Kind.ADDRESS, Strength.MEDIUM),
  NHS_NUMBER(Kind.PERSON, Strength.STRONG),
  UPN(Kind.PERSON, Strength.STRONG),
  NAME_DOB_SEX(Kind.PERSON, Strength.MEDIUM),
  NAME_DOB(Kind.PERSON, Strength.MEDIUM),
  PHONETIC_DOB(Kind.PERSON, Strength.WEAK),
  DOB_SWAPPED_NAME(Kind.PERSON, Strength.WEAK),
  SURNAME_YOB(Kind.PERSON, Strength.WEAK),
  /** Street, town and premises: places a record with no postcode, never joins two postcodes. */
  STREET_ADDRESS(Kind.ADDRESS, Strength.WEAK),
  /** Forename and date of birth: survives a surname typo or change, links only in a household. */
  FORENAME_DOB(Kind.PERSON, Strength.WEAK);

  /** Whether the key identifies a place or a person. */
  public enum Kind {
    ADDRESS,
    PERSON
  }

  public enum Strength {
    STRONG,
    MEDIUM,
    WEAK
  }

  private final Kind kind;
  private final Strength strength;

  MatchKeyType(Kind kind, Strength strength) {
    this.kind = kind;
    this.strength = strength;
  }

  public Kind kind() {
    return kind;
  }

  public Strength strength() {
    return strength;
  }
}
