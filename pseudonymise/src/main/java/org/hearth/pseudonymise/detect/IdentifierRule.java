package org.hearth.pseudonymise.detect;

/**
 * The kinds of identifier-shaped content the detector finds. The ids are stable: incidents,
 * governance tables and partners' row errors carry them, never the value that fired. In the order
 * the detector tries them: a value that fires two is reported under the first.
 */
public enum IdentifierRule {
  NHS_NUMBER("nhs-number"),
  UPN("upn"),
  EMAIL_ADDRESS("email-address"),
  PHONE_NUMBER("phone-number"),
  FULL_POSTCODE("full-postcode"),
  DATE_OF_BIRTH("date-of-birth"),
  ADDRESS_LINE("address-line"),
  NAME_IN_TEXT("name-in-text");

  private final String id;

  IdentifierRule(String id) {
    this.id = id;
  }

  /** "nhs-number", "date-of-birth", ... */
  public String id() {
    return id;
  }
}
