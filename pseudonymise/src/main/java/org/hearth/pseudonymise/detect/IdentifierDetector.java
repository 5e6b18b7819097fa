package org.hearth.pseudonymise.detect;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Postcode;
import org.hearth.pseudonymise.normalise.Upn;

/**
 * Finds identifier-shaped content in text that should carry none: an NHS number or UPN that passes
 * its check, a full postcode, an e-mail address, a phone number, a date that could be a date of
 * birth, an address line or a person's name. One detector for both lines of defence: the edge scans
 * a partner's declared free-text fields with it before anything leaves the partner, and the link
 * job's guard refuses any record whose attributes it fires on. A finding names the field and the
 * rule, never the value.
 *
 * <p>{@link #find} (and {@link #inspectFreeText}) read a value as free text. {@link #inspect} reads
 * a record's attributes whose types it does not know (the guard's case): there a value that is
 * exactly an ISO date ({@code 2026-03-31}, the form the edge writes every typed date attribute in)
 * is a date attribute, not free text, unless the field's name says it is a date of birth; and a
 * field named as a person's name is read as one. Decisions and measured recall: {@code
 * docs/governance.md}, "The guard".
 */
public final class IdentifierDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What was found where: the field's name and the rule that fired. Never the value. */
  public record Finding(String field, IdentifierRule rule) implements Serializable {}

  private static final Pattern UPN_SHAPE =
      Pattern.compile("(?<![A-Za-z0-9])[A-Za-z](?:[ -]?\\d){11}[ -]?[0-9A-Za-z](?![A-Za-z0-9])");
  // the inward code may start with a letter O typed for a zero, as the normaliser accepts
  private static final Pattern POSTCODE_SHAPE =
      Pattern.compile(
          "(?<![A-Za-z0-9])([A-Za-z]{1,2})\\d[A-Za-z\\d]?[ \\t\\u00a0.-]{0,3}[0-9Oo][A-Za-z]{2}"
              + "(?![A-Za-z0-9])");
  private static final Set<String> POSTCODE_AREAS =
      Set.of(
          ("AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN"
                  + " DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE"
                  + " KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE"
                  + " PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN"
                  + " TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE GIR BF BX")
              .split(" "));
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]{1,64} ?@ ?[A-Za-z0-9-]{1,63}"
              + "(?:\\.[A-Za-z0-9-]{1,63}){0,6}\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])");
  // "jane(at)example(dot)org", "jane dot doe at example dot co dot uk": rewritten to the plain
  // form first, and the " at " form counts only with a domain ending the way e-mail domains do
  private static final Pattern BRACKETED_AT =
      Pattern.compile("(?i)\\s*[(\\[{<]\\s*(?:at|@)\\s*[)\\]}>]\\s*");
  private static final Pattern BRACKETED_DOT =
      Pattern.compile("(?i)\\s*[(\\[{<]\\s*dot\\s*[)\\]}>]\\s*|\\s+dot\\s+");
  private static final Pattern SPELLED_AT =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]{1,64}\\s+at\\s+[A-Za-z0-9-]{1,63}"
              + "(?:\\.[A-Za-z0-9-]{1,63}){0,5}\\.(?:com|org|net|uk|gov|nhs|edu|ac|co|io|info|me"
              + "|biz|eu|ie|de|fr|pl|ro|in|pk|ng|gh|scot|wales|cymru|london)(?![A-Za-z0-9-])");
  private static final Pattern SPELLED_CUE =
      Pattern.compile(
          "(?i)[(\\[{<]\\s*(?:at|@)\\s*[)\\]}>]|\\sat\\s.*(?:\\.|\\sdot\\s|[(\\[{<]dot)");
  private static final Pattern BIRTH_FIELD =
      Pattern.compile("(?i).*(birth|(^|[^a-z])d_?o_?b([^a-z]|$)|(^|[^a-z])born).*");
  private static final Pattern NAME_FIELD =
      Pattern.compile(
          "(?i).*(forename|surname|(first|last|given|family|middle|full|maiden|nick)[ _-]?names?"
              + "|alias|(person|child|parent|mother|father|carer|client|patient|pupil|victim"
              + "|suspect|offender|sibling|contact)s?[ _-]?names?).*|(?i)names?");

  private static final int BIRTH = 1;
  private static final int NAME = 2;

  private final Clock clock;
  private transient volatile Map<String, Integer> fieldKinds;

  /** Dates of birth are judged against the system clock's today (UTC). */
  public IdentifierDetector() {
    this(Clock.systemUTC());
  }

  /** Dates of birth are judged against the clock's today: a later date is no one's birth date. */
  public IdentifierDetector(Clock clock) {
    this.clock = clock;
  }

  /** The first rule the value fires, read as free text. */
  public Optional<IdentifierRule> find(String text) {
    if (text == null || text.length() < 2) {
      return Optional.empty();
    }
    int digits = 0;
    int letters = 0;
    boolean at = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (Character.isLetter(c)) {
        letters++;
      } else if (c == '@') {
        at = true;
      }
    }
    // the cheap counts keep the slow parsers off the short codes most attributes are
    if (digits >= 10 && hasNhsNumber(text)) {
      return Optional.of(IdentifierRule.NHS_NUMBER);
    }
    if (digits >= 11 && letters >= 1 && hasUpn(text)) {
      return Optional.of(IdentifierRule.UPN);
    }
    if (letters >= 2 && hasEmail(text, at)) {
      return Optional.of(IdentifierRule.EMAIL_ADDRESS);
    }
    if (digits >= 9 && PhoneNumbers.contains(text)) {
      return Optional.of(IdentifierRule.PHONE_NUMBER);
    }
    if (digits >= 1 && letters >= 3 && hasPostcode(text)) {
      return Optional.of(IdentifierRule.FULL_POSTCODE);
    }
    if (digits >= 3 && DatesInText.containsBirthDate(text, LocalDate.now(clock))) {
      return Optional.of(IdentifierRule.DATE_OF_BIRTH);
    }
    if (digits >= 1 && letters >= 3 && AddressLines.contains(text)) {
      return Optional.of(IdentifierRule.ADDRESS_LINE);
    }
    if (letters >= 2 && PersonNames.contains(text)) {
      return Optional.of(IdentifierRule.NAME_IN_TEXT);
    }
    return Optional.empty();
  }

  /**
   * The first attribute that fires a rule, for a record whose attribute types are not known here:
   * see the class comment for how a bare ISO date and a name field are read.
   */
  public Optional<Finding> inspect(Map<String, String> attributes) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      Optional<IdentifierRule> rule = inspect(e.getKey(), e.getValue());
      if (rule.isPresent()) {
        return Optional.of(new Finding(e.getKey(), rule.get()));
      }
    }
    return Optional.empty();
  }

  /** Every attribute that fires a rule (one finding per field), in the map's order. */
  public List<Finding> inspectAll(Map<String, String> attributes) {
    List<Finding> found = new ArrayList<>();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      inspect(e.getKey(), e.getValue()).ifPresent(r -> found.add(new Finding(e.getKey(), r)));
    }
    return found;
  }

  /**
   * Every declared free-text field that fires a rule, each read with {@link #find}: the edge's
   * scan, where the contract says which fields are free text (a bare ISO date counts there).
   */
  public List<Finding> inspectFreeText(Map<String, String> freeTextFields) {
    List<Finding> found = new ArrayList<>();
    for (Map.Entry<String, String> e : freeTextFields.entrySet()) {
      find(e.getValue()).ifPresent(r -> found.add(new Finding(e.getKey(), r)));
    }
    return found;
  }

  /** One attribute whose type is not known: {@link #find}, less typed dates, plus name fields. */
  public Optional<IdentifierRule> inspect(String field, String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    int kind = fieldKind(field == null ? "" : field);
    if (isIsoDate(value)) {
      return (kind & BIRTH) != 0 && DatesInText.containsBirthDate(value, LocalDate.now(clock))
          ? Optional.of(IdentifierRule.DATE_OF_BIRTH)
          : Optional.empty();
    }
    Optional<IdentifierRule> rule = find(value);
    if (rule.isEmpty() && (kind & NAME) != 0 && PersonNames.isNameValue(value)) {
      return Optional.of(IdentifierRule.NAME_IN_TEXT);
    }
    return rule;
  }

  private static boolean isIsoDate(String v) {
    if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (i != 4 && i != 7 && !isDigit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  // a record's field names repeat record after record: classify each once
  private int fieldKind(String field) {
    Map<String, Integer> kinds = fieldKinds;
    if (kinds == null) {
      kinds = new ConcurrentHashMap<>();
      fieldKinds = kinds;
    }
    Integer kind = kinds.get(field);
    if (kind == null) {
      kind =
          (BIRTH_FIELD.matcher(field).matches() ? BIRTH : 0)
              | (NAME_FIELD.matcher(field).matches() ? NAME : 0);
      if (kinds.size() < 10_000) {
        kinds.put(field, kind);
      }
    }
    return kind;
  }

  static boolean hasEmail(String text, boolean at) {
    if (at && EMAIL.matcher(text).find()) {
      return true;
    }
    if (!SPELLED_CUE.matcher(text).find()) {
      return false;
    }
    String plain =
        BRACKETED_DOT.matcher(BRACKETED_AT.matcher(text).replaceAll("@")).replaceAll(".");
    return (plain.indexOf('@') >= 0 && EMAIL.matcher(plain).find())
        || SPELLED_AT.matcher(plain).find();
  }

  /**
   * Ten digits whose check digit holds: in one piece, as 3-3-4 with any separator ("943 476 5919",
   * "943.476.5919", "943 - 476 - 5919"), or grouped any other way with blanks only ("943 4765919",
   * "9 4 3 4 7 6 5 9 1 9"). Only whole groups count: ten digits inside a longer unbroken number are
   * not an NHS number; a reference such as "2026-123456" or "CR/2026/593809" is not read as one,
   * since NHS numbers are not written so; and digits after a + or a leading 0 are a phone number's.
   */
  static boolean hasNhsNumber(String s) {
    int n = s.length();
    int[] starts = new int[16];
    int[] ends = new int[16];
    boolean[] blankAfter = new boolean[16];
    int i = 0;
    while (i < n) {
      if (!isDigit(s.charAt(i))) {
        i++;
        continue;
      }
      // a number dialled with + or a trunk 0 is a phone number; NHS numbers never start with 0
      boolean dialled = s.charAt(i) == '0' || precededByPlus(s, i);
      int groups = 0;
      int j = i;
      while (true) {
        int start = j;
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
        if (groups == starts.length) {
          starts = Arrays.copyOf(starts, groups * 2);
          ends = Arrays.copyOf(ends, groups * 2);
          blankAfter = Arrays.copyOf(blankAfter, groups * 2);
        }
        starts[groups] = start;
        ends[groups] = j;
        int k = j;
        boolean blank = true;
        while (k < n && k - j < 3 && isNumberSeparator(s.charAt(k))) {
          blank &= isBlank(s.charAt(k));
          k++;
        }
        blankAfter[groups] = blank;
        groups++;
        if (k > j && k < n && isDigit(s.charAt(k))) {
          j = k;
        } else {
          break;
        }
      }
      for (int a = 0; a < groups && !dialled; a++) {
        int count = 0;
        boolean blanks = true;
        for (int b = a; b < groups && count < 10; b++) {
          count += ends[b] - starts[b];
          if (count == 10
              && (blanks || (b == a + 2 && ends[a] - starts[a] == 3 && ends[b] - starts[b] == 4))
              && checks(s, starts, ends, a, b)) {
            return true;
          }
          blanks &= blankAfter[b];
        }
      }
      i = j;
    }
    return false;
  }

  private static boolean precededByPlus(String s, int i) {
    int k = i - 1;
    while (k >= 0 && (s.charAt(k) == '(' || isBlank(s.charAt(k)))) {
      k--;
    }
    return k >= 0 && (s.charAt(k) == '+' || s.charAt(k) == '\uff0b');
  }

  private static boolean checks(String s, int[] starts, int[] ends, int a, int b) {
    StringBuilder d = new StringBuilder(10);
    for (int g = a; g <= b; g++) {
      d.append(s, starts[g], ends[g]);
    }
    return NhsNumber.normalise(d.toString()).isOk();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNumberSeparator(char c) {
    return isBlank(c) || c == '.' || c == '-' || c == '/' || c == '(' || c == ')';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\u00a0' || c == '\t';
  }

  static boolean hasUpn(String s) {
    Matcher m = UPN_SHAPE.matcher(s);
    while (m.find()) {
      if (Upn.normalise(m.group()).isOk()) {
        return true;
      }
    }
    return false;
  }

  static boolean hasPostcode(String s) {
    Matcher m = POSTCODE_SHAPE.matcher(s);
    while (m.find()) {
      if (!POSTCODE_AREAS.contains(m.group(1).toUpperCase(Locale.ROOT))) {
        continue;
      }
      var pc = Postcode.normalise(m.group()).value();
      if (pc.isPresent() && !pc.get().pseudo()) {
        return true;
      }
    }
    return false;
  }
}
