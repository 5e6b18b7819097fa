package org.hearth.pseudonymise.normalise;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identifiers a partner may declare beyond NHS number and UPN: national insurance number, e-mail,
 * telephone and a shared reference (another organisation's number, in a namespace both partners
 * name). Each is normalised so that two spellings of one value make one match key; a value that is
 * not one is refused, never guessed at.
 */
public final class OtherIdentifiers {
  /** What a declared identifier is. */
  public enum Kind {
    NI_NUMBER,
    EMAIL,
    PHONE,
    SHARED_REFERENCE
  }

  // HMRC's format: two prefix letters (not D, F, I, Q, U, V; the second not O), six digits, A-D
  private static final Pattern NINO =
      Pattern.compile("[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]");
  private static final Pattern EMAIL =
      Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\\.[a-z0-9-]+)+");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private OtherIdentifiers() {}

  /** Whether a namespace name is usable: lower-case letters, digits, dots and hyphens. */
  public static boolean validNamespace(String namespace) {
    return namespace != null && NAMESPACE.matcher(namespace).matches();
  }

  /** The match key of a declared identifier, or a refusal naming the rule. */
  public static Normalised<MatchKey> key(Kind kind, String namespace, String raw) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected(rule(kind) + "-missing", "no value");
    }
    return switch (kind) {
      case NI_NUMBER -> niNumber(raw).map(v -> MatchKey.of(MatchKeyType.NI_NUMBER, v));
      case EMAIL -> email(raw).map(v -> MatchKey.of(MatchKeyType.EMAIL, v));
      case PHONE -> phone(raw).map(v -> MatchKey.of(MatchKeyType.PHONE, v));
      case SHARED_REFERENCE ->
          sharedReference(raw)
              .map(v -> MatchKey.of(MatchKeyType.SHARED_REFERENCE, namespace + "|" + v));
    };
  }

  static Normalised<String> niNumber(String raw) {
    String v = raw.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    return NINO.matcher(v).matches()
        ? Normalised.ok(v)
        : Normalised.rejected("ni-number-format", "not a national insurance number");
  }

  static Normalised<String> email(String raw) {
    String v = raw.strip().toLowerCase(Locale.ROOT);
    if (v.startsWith("mailto:")) {
      v = v.substring(7);
    }
    return EMAIL.matcher(v).matches() && v.length() <= 254
        ? Normalised.ok(v)
        : Normalised.rejected("email-format", "not an e-mail address");
  }

  /** E.164, reading national numbers as UK ones (07700 900123 = +447700900123). */
  static Normalised<String> phone(String raw) {
    try {
      var n = PHONES.parse(raw, "GB");
      if (!PHONES.isPossibleNumber(n)) {
        return Normalised.rejected("phone-format", "not a telephone number");
      }
      return Normalised.ok(PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Normalised.rejected("phone-format", "not a telephone number");
    }
  }

  /** Letters and digits only, upper case: "ab-12 345" and "AB12345" are one reference. */
  static Normalised<String> sharedReference(String raw) {
    String v = raw.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    return v.isEmpty()
        ? Normalised.rejected("shared-reference-format", "no letters or digits")
        : Normalised.ok(v);
  }

  private static String rule(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The value of an optional identifier, for callers that only want the key. */
  public static Optional<MatchKey> keyOf(Kind kind, String namespace, String raw) {
    return key(kind, namespace, raw).value();
  }
}
