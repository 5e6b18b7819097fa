package org.hearth.link.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.hearth.pseudonymise.normalise.MatchKeyType;

/**
 * A match key as resolution sees it: a type letter and 128 bits of SHA-256 over the key's
 * linkage-domain pseudonym (or, for the plaintext baseline, over the normalised key itself).
 * Resolution only ever compares keys for equality, so both give the same links; the letter keeps a
 * weak key from standing in for a strong one.
 */
public final class KeyId {
  private KeyId() {}

  /**
   * Person key types that take part in resolution: NHS number and UPN (which decide on their own),
   * then the comparison tokens scoring weighs ({@link org.hearth.link.resolve.scoring.Comparison}).
   * Surname and year of birth ('9') is carried, never compared.
   */
  static final String PERSON_STRENGTH = "NS12345678BCEGHXPIMOR";

  /** Keys that find a data subject on their own: one person, not a family or a namesake. */
  static final String IDENTIFIES_SUBJECT = "NS1234BCEIMOR";

  public static String of(MatchKeyType type, byte[] material) {
    MessageDigest d = sha256();
    d.update((byte) letter(type));
    d.update(material);
    byte[] h = d.digest();
    return letter(type) + Base64.getUrlEncoder().withoutPadding().encodeToString(trim(h));
  }

  /**
   * Whether keys of the type can join records: address keys and the person keys in {@link
   * #PERSON_STRENGTH}. The others are carried but never compared, so the link job does not
   * translate them (a point multiplication each) and holds {@link #carried} instead.
   */
  public static boolean links(MatchKeyType type) {
    return type.kind() == MatchKeyType.Kind.ADDRESS || PERSON_STRENGTH.indexOf(letter(type)) >= 0;
  }

  /** What stands for a key that never links: its letter alone, the same for every record. */
  public static String carried(MatchKeyType type) {
    return String.valueOf(letter(type));
  }

  /** The plaintext baseline's key: same shape, derived from the normalised string. */
  public static String plaintext(MatchKeyType type, String normalised) {
    return of(type, normalised.getBytes(StandardCharsets.UTF_8));
  }

  public static char letter(MatchKeyType type) {
    return switch (type) {
      case UPRN -> 'U';
      case ADDRESS -> 'A';
      case NHS_NUMBER -> 'N';
      case UPN -> 'S';
      case NAME_DOB_SEX -> '1';
      case NAME_DOB -> '2';
      case PHONETIC_DOB -> '3';
      case DOB_SWAPPED_NAME -> '4';
      case SURNAME_YOB -> '9';
      case STREET_ADDRESS -> 'T';
      case FORENAME_DOB -> '5';
      case SURNAME_DOB -> '6';
      case NAMES -> '7';
      case PHONETIC_NAMES -> '8';
      case NAMES_YEAR_MONTH -> 'B';
      case NAMES_YEAR_DAY -> 'C';
      case NAMES_MONTH_DAY -> 'E';
      case PHONETIC_FORENAME_DOB -> 'G';
      case PHONETIC_SURNAME_DOB -> 'H';
      case DOB_POSTCODE -> 'X';
      case SURNAME_POSTCODE -> 'P';
      case NI_NUMBER -> 'I';
      case EMAIL -> 'M';
      case PHONE -> 'O';
      case SHARED_REFERENCE -> 'R';
    };
  }

  /** Address keys that define a household: a UPRN or a postcode address. */
  static boolean placesFirmly(String key) {
    return isUprn(key) || isPostcodeAddress(key);
  }

  static boolean isUprn(String key) {
    return key.charAt(0) == 'U';
  }

  static boolean isPostcodeAddress(String key) {
    return key.charAt(0) == 'A';
  }

  /** A person key that finds a data subject by itself (see {@link #IDENTIFIES_SUBJECT}). */
  static boolean identifiesSubject(String key) {
    return IDENTIFIES_SUBJECT.indexOf(key.charAt(0)) >= 0;
  }

  /** An NHS number or UPN: two different ones never join, one in common always does. */
  static boolean decides(String key) {
    return key.charAt(0) == 'N' || key.charAt(0) == 'S';
  }

  /**
   * Person keys that may join two records. Surname and year of birth alone is carried but never
   * links: it would join twins and every namesake born the same year.
   */
  static boolean linksPersons(String key) {
    return PERSON_STRENGTH.indexOf(key.charAt(0)) >= 0;
  }

  private static byte[] trim(byte[] h) {
    byte[] out = new byte[16];
    System.arraycopy(h, 0, out, 0, 16);
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
