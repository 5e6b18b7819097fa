package org.hearth.pseudonymise.normalise;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A typed, normalised match key such as {@code NHS|9434765919}: the exact bytes that are hashed to
 * the curve. It holds an identifier, so it is never printed; toString shows only the type.
 */
public final class MatchKey {
  private final MatchKeyType type;
  private final String value;

  private MatchKey(MatchKeyType type, String value) {
    this.type = type;
    this.value = value;
  }

  /** The value must already be normalised; the type tag is prefixed here. */
  public static MatchKey of(MatchKeyType type, String normalised) {
    Objects.requireNonNull(type);
    if (normalised == null || normalised.isEmpty()) {
      throw new IllegalArgumentException("a " + type + " match key needs a value");
    }
    return new MatchKey(type, tag(type) + "|" + normalised);
  }

  static String tag(MatchKeyType type) {
    return switch (type) {
      case UPRN -> "UPRN";
      case ADDRESS -> "ADDR";
      case NHS_NUMBER -> "NHS";
      case UPN -> "UPN";
      case NAME_DOB_SEX -> "NDS";
      case NAME_DOB -> "ND";
      case PHONETIC_DOB -> "PD";
      case DOB_SWAPPED_NAME -> "NDX";
      case SURNAME_YOB -> "SY";
      case STREET_ADDRESS -> "STA";
      case FORENAME_DOB -> "FD";
      case SURNAME_DOB -> "SD";
      case NAMES -> "NN";
      case PHONETIC_NAMES -> "PN";
      case NAMES_YEAR_MONTH -> "NYM";
      case NAMES_YEAR_DAY -> "NYD";
      case NAMES_MONTH_DAY -> "NMD";
      case PHONETIC_FORENAME_DOB -> "PFD";
      case PHONETIC_SURNAME_DOB -> "PSD";
      case DOB_POSTCODE -> "DPC";
      case SURNAME_POSTCODE -> "SPC";
      case NI_NUMBER -> "NINO";
      case EMAIL -> "EMAIL";
      case PHONE -> "TEL";
      case SHARED_REFERENCE -> "REF";
    };
  }

  public MatchKeyType type() {
    return type;
  }

  /** The bytes hashed to the curve. Reading them is handling an identifier. */
  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The normalised text with its type tag; for the plaintext linkage baseline and tests only. */
  public String plaintext() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatchKey k && k.type == type && k.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "MatchKey[" + type + "]";
  }
}
