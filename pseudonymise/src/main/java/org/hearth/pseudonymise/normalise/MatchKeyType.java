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
  /** Forename and date of birth: survives a surname typo or change. */
  FORENAME_DOB(Kind.PERSON, Strength.WEAK),
  // Comparison tokens (release 0.2): each is compound, so no token stands for one low-entropy
  // field (a surname, a year) whose frequency the link job could count. Scoring reads which of
  // them two records share; see docs/linkage.md.
  /** Surname and date of birth: survives a forename typo, variant or change. */
  SURNAME_DOB(Kind.PERSON, Strength.WEAK),
  /** Forename and surname in either order: survives any date-of-birth error, and a swap. */
  NAMES(Kind.PERSON, Strength.WEAK),
  /** Phonetic codes of both names in either order. */
  PHONETIC_NAMES(Kind.PERSON, Strength.WEAK),
  /** Both names (either order), year and month of birth: survives a wrong day. */
  NAMES_YEAR_MONTH(Kind.PERSON, Strength.WEAK),
  /** Both names (either order), year and day of birth: survives a wrong month. */
  NAMES_YEAR_DAY(Kind.PERSON, Strength.WEAK),
  /** Both names (either order), month and day of birth: survives a wrong year. */
  NAMES_MONTH_DAY(Kind.PERSON, Strength.WEAK),
  /** Phonetic forename and date of birth. */
  PHONETIC_FORENAME_DOB(Kind.PERSON, Strength.WEAK),
  /** Phonetic surname and date of birth. */
  PHONETIC_SURNAME_DOB(Kind.PERSON, Strength.WEAK),
  /** Date of birth at a postcode: survives both names being wrong. */
  DOB_POSTCODE(Kind.PERSON, Strength.WEAK),
  /** Surname at a postcode: address evidence that survives a house-number or street error. */
  SURNAME_POSTCODE(Kind.PERSON, Strength.WEAK),
  /** A national insurance number. */
  NI_NUMBER(Kind.PERSON, Strength.MEDIUM),
  /** An e-mail address. */
  EMAIL(Kind.PERSON, Strength.MEDIUM),
  /** A telephone number, in E.164. */
  PHONE(Kind.PERSON, Strength.MEDIUM),
  /** Another organisation's reference, in a namespace both partners name in their contracts. */
  SHARED_REFERENCE(Kind.PERSON, Strength.MEDIUM);

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
