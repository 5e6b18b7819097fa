package org.hearth.pseudonymise.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Persons named in free text, from forename and surname frequency lists read in context.
 *
 * <p>What counts as a person: a title or rank and a name ("Mrs Begum", "Dr. Okafor", "mr smith",
 * "PC Hughes"); a forename beside a surname ("Mark Brown", "JONES Sarah", "Smith, John"); an
 * initial and a surname ("J. Smith"); a surname with "family" ("the Nowak family"); a forename
 * common in England and Wales standing on its own ("Mum (Kelly) attended", "spoke to sarah"), or
 * any forename with a possessive ("Grace's school"). The US census forenames, less certain here,
 * count only beside a surname, a title or a possessive.
 *
 * <p>What does not: a run of capitalised words that names an institution, place or operation, i.e.
 * one that starts with St, Queen, Princess, Operation, Team and the like ("St Mary's", "Princess
 * Alexandra Hospital", "Operation Henry") or goes on with an institution word ("Florence
 * Nightingale Ward", "William Harvey Hospital", "Kingsley Hall") or with a lower-case one ("Holly
 * Bush pub", "Clare's Law"); a possessive name followed by a capitalised word, which names a
 * business or charity ("Mary's Meals"); a name that is also an ordinary word ("Grace period", "Will
 * attend", "Mark as seen") or a month or place ("May", "Jordan", "Victoria") standing alone; a
 * handful of charities and hospitals named after people ("Marie Curie", "Sue Ryder"). A forename
 * followed by a surname that is also a place word counts only as exactly two words with a forename
 * that is not also a place ("Sarah Hall" is a person, "Kingsley Hall" is not).
 */
final class PersonNames {
  /** A set from words that may repeat: the lists read better grouped than deduplicated. */
  private static Set<String> words(String... words) {
    return Set.copyOf(java.util.Arrays.asList(words));
  }

  private static final Set<String> FORENAMES = load("forenames.txt");
  private static final Set<String> CENSUS_FORENAMES = load("forenames-census.txt");
  private static final Set<String> SURNAMES = load("surnames.txt");
  private static final Set<String> COMMON_WORDS = load("common-words.txt");
  private static final Set<String> PLACES = load("places.txt");

  private static final Set<String> TITLES =
      words("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "mstr");
  private static final Set<String> LOWER_TITLES = words("mr", "mrs", "ms", "mx");
  // ranks and offices written before a surname: "PC Hughes", "Cllr Ahmed", "Revd Jones"
  private static final Set<String> RANKS =
      words("pc", "dc", "ds", "di", "dci", "sgt", "insp", "cllr", "rev", "revd", "fr", "pcso");
  private static final Set<String> PREFIXES =
      words(
          "st",
          "saint",
          "ste",
          "sir",
          "dame",
          "queen",
          "queens",
          "king",
          "kings",
          "prince",
          "princes",
          "princess",
          "lady",
          "lord",
          "duke",
          "duchess",
          "earl",
          "our",
          "holy",
          "blessed",
          "mount",
          "mt",
          "port",
          "fort",
          "great",
          "little",
          "upper",
          "lower",
          "north",
          "south",
          "east",
          "west",
          "new",
          "old",
          "royal",
          "san",
          "santa",
          "bishop",
          "archbishop",
          "cardinal",
          "pope",
          "father",
          "sister",
          "brother",
          "captain",
          "general",
          "admiral",
          "lake",
          "cape",
          "isle",
          "castle",
          "church",
          "abbey",
          "operation",
          "op",
          "project",
          "team",
          "programme",
          "campaign",
          "exercise",
          "storm",
          "hurricane",
          "ss",
          "hms");
  private static final Set<String> INSTITUTIONS =
      words(
          ("school schools academy primary infant infants junior juniors secondary grammar high"
                  + " college university nursery preschool pre-school sixth form hospital hospice"
                  + " unit clinic surgery practice medical health centre center church chapel"
                  + " cathedral mosque masjid temple gurdwara mandir synagogue parish house court"
                  + " lodge library trust foundation fund charity society association station line"
                  + " polyclinic infirmary pharmacy chemist dental dentist opticians park"
                  + " road street avenue close drive way crescent gardens place terrace grove rise"
                  + " mews walk square row parade vale view bridge estate building buildings wing"
                  + " block suite team service services hub project programme program partnership"
                  + " federation institute museum gallery theatre memorial award awards prize"
                  + " fellowship scholarship lecture club community village campus stadium arena"
                  + " leisure pool sports ground farm forest common heath moor valley bay beach"
                  + " river canal tower manor abbey priory grange cottage cottages villas flats"
                  + " apartments residence home homes rooms shop store market cafe café restaurant"
                  + " pub inn hotel arms bank group limited ltd plc llp council borough county"
                  + " district mission army cadets scouts guides brigade regiment law act scheme"
                  + " syndrome disease appeal day week month room centre's school's hospital's"
                  + " trust's college's airport port harbour pier quay dock docks marina island"
                  + " islands hills mountains way's cup league prize stakes lecture wards unit's"
                  + " suite's hall's clinic's surgery's practice's ward's avenue's network alliance"
                  + " collaborative consortium commission board panel forum committee office"
                  + " department directorate agency authority ministry cic cio llc inc corp"
                  + " company co")
              .split(" "));
  // surnames that are also words for a building or place
  private static final Set<String> SURNAME_PLACES =
      words(
          "hall", "ward", "green", "wood", "woods", "hill", "hills", "lane", "king", "bishop",
          "marsh", "moss", "mills", "mill", "field", "fields", "brook", "brooks", "banks", "cross",
          "wells", "dale", "rivers", "church");
  // the word after a name that makes it a law, a tube line or a charity's service
  private static final Set<String> FOLLOWERS =
      words(
          "line",
          "law",
          "laws",
          "act",
          "syndrome",
          "scheme",
          "award",
          "awards",
          "disease",
          "nurse",
          "nurses",
          "appeal",
          "trust",
          "fund",
          "foundation",
          "hospice",
          "centre",
          "ward",
          "unit",
          "house",
          "shop",
          "shops",
          "bus",
          "road",
          "street",
          "pub",
          "inn",
          "hotel",
          "restaurant",
          "cafe",
          "café",
          "store",
          "estate",
          "surgery",
          "library",
          "church",
          "chapel",
          "mosque",
          "station",
          "park",
          "meals");
  private static final Set<String> FAMILY_WORDS =
      words(
          "family",
          "families",
          "household",
          "children",
          "kids",
          "siblings",
          "twins",
          "brothers",
          "sisters",
          "boys",
          "girls");
  private static final Set<String> NAMED_AFTER =
      words(
          "marie curie",
          "sue ryder",
          "anthony nolan",
          "jack petchey",
          "terrence higgins",
          "florence nightingale",
          "mary seacole",
          "edith cavell",
          "elizabeth garrett",
          "garrett anderson",
          "winston churchill",
          "william harvey",
          "nye bevan",
          "aneurin bevan",
          "emmeline pankhurst",
          "ronald mcdonald",
          "roald dahl",
          "james paget",
          "john radcliffe",
          "grace darling",
          "isaac newton",
          "charles dickens",
          "william morris",
          "harry potter",
          "peter pan",
          "albert hall",
          "elsie inglis",
          "helen bamber",
          "john lewis",
          "marks spencer",
          "kate greenaway",
          "robert owen",
          "mary rose",
          "thomas coram",
          "elizabeth fry",
          "octavia hill",
          "agatha christie",
          "john moores",
          "david lloyd",
          "princess alice",
          "alder hey");
  private static final Set<String> PARTICLES =
      words("of", "de", "da", "du", "van", "von", "der", "den", "la", "le", "di", "del", "upon");
  private static final Set<String> NOT_NAMES =
      words(
          "unknown",
          "not known",
          "n/k",
          "nk",
          "withheld",
          "not recorded",
          "not stated",
          "refused",
          "none",
          "n/a",
          "na",
          "baby",
          "unborn",
          "unborn baby",
          "anonymous",
          "redacted",
          "tbc",
          "not given",
          "not provided",
          "declined",
          "information not yet obtained");

  private PersonNames() {}

  private static final class Token {
    final String text;
    final String key;
    final boolean possessive;
    boolean sentenceStart;
    String gap = "";

    Token(String text, boolean possessive, String key) {
      this.text = text;
      this.possessive = possessive;
      this.key = key;
    }

    boolean initial() {
      return text.length() == 1 && Character.isUpperCase(text.charAt(0));
    }

    boolean capitalised() {
      return Character.isUpperCase(text.charAt(0));
    }

    boolean lower() {
      return Character.isLowerCase(text.charAt(0));
    }
  }

  static boolean contains(String text) {
    List<Token> ts = tokenize(text);
    int n = ts.size();
    for (int i = 0; i < n; i++) {
      Token t = ts.get(i);
      Token next = i + 1 < n ? ts.get(i + 1) : null;
      if (t.lower()) {
        if (LOWER_TITLES.contains(t.key)
            && next != null
            && spaceOrDot(next.gap)
            && (isSurname(next.key) || isForename(next.key))) {
          return true;
        }
        if (t.key.length() >= 4 && plainForename(t.key) && !lowerCaseInstitution(ts, i)) {
          return true;
        }
        continue;
      }
      // "Smith, John", "JONES, Sarah"
      if (next != null
          && t.capitalised()
          && isSurname(t.key)
          && next.capitalised()
          && next.gap.trim().equals(",")
          && isForename(next.key)
          && !PLACES.contains(next.key)) {
        return true;
      }
    }
    int i = 0;
    while (i < n) {
      if (!ts.get(i).capitalised()) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n) {
        Token t = ts.get(j);
        if (t.capitalised() && joins(ts.get(j - 1), t)) {
          j++;
        } else if (PARTICLES.contains(t.text)
            && j + 1 < n
            && isSpace(t.gap)
            && ts.get(j + 1).capitalised()
            && isSpace(ts.get(j + 1).gap)) {
          // "William de Ferrers School", "Sacred Heart of Mary": one name across the particle
          j += 2;
        } else {
          break;
        }
      }
      if (personPhrase(ts, i, j, j < n ? ts.get(j) : null)) {
        return true;
      }
      i = j;
    }
    return false;
  }

  /** A value in a field named as a person's name: any listed name, or a few capitalised words. */
  static boolean isNameValue(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || NOT_NAMES.contains(v)) {
      return false;
    }
    List<Token> ts = tokenize(value);
    if (ts.isEmpty()) {
      return false;
    }
    boolean allCapitalised = true;
    for (Token t : ts) {
      if (isForename(t.key) || isSurname(t.key)) {
        return true;
      }
      allCapitalised &= t.capitalised();
    }
    return allCapitalised && ts.size() <= 3;
  }

  private static boolean personPhrase(List<Token> ts, int from, int to, Token after) {
    if (ts.get(from).key.equals("the") && to - from > 1) {
      from++;
    }
    Token first = ts.get(from);
    if (PREFIXES.contains(first.key) && !TITLES.contains(first.key)) {
      return false;
    }
    for (int k = from; k + 1 < to; k++) {
      if (NAMED_AFTER.contains(ts.get(k).key + " " + ts.get(k + 1).key)) {
        return false;
      }
    }
    for (int k = from + 1; k < to; k++) {
      if (INSTITUTIONS.contains(ts.get(k).key)) {
        return false;
      }
    }
    if (after != null && after.lower() && FOLLOWERS.contains(after.key) && isSpace(after.gap)) {
      return false;
    }
    for (int k = from; k < to; k++) {
      Token t = ts.get(k);
      if ((t.key.equals("baby") || RANKS.contains(t.key))
          && k + 1 < to
          && isSurname(ts.get(k + 1).key)) {
        return true;
      }
      if (TITLES.contains(t.key)) {
        if (k + 1 < to) {
          return true;
        }
        // "Mrs smith"
        if (after != null && spaceOrDot(after.gap) && isSurname(after.key)) {
          return true;
        }
      }
    }
    int last = to - 1;
    for (int k = from; k < last; k++) {
      Token next = ts.get(k + 1);
      if (ts.get(k).possessive && !isForename(next.key) && !isSurname(next.key)) {
        // a possessive name followed by a capitalised word names a business or charity
        return false;
      }
    }
    if (after != null && ts.get(last).possessive && after.key.equals("and") && isSpace(after.gap)) {
      int a = ts.indexOf(after);
      if (a + 1 < ts.size() && PREFIXES.contains(ts.get(a + 1).key)) {
        // "Guy's and St Thomas'"
        return false;
      }
    }
    if (last > from && SURNAME_PLACES.contains(ts.get(last).key)) {
      return last - from == 1 && plainForename(first.key);
    }
    for (int k = from; k < to; k++) {
      Token t = ts.get(k);
      Token next = k + 1 < to ? ts.get(k + 1) : null;
      if (plainForename(t.key)) {
        return true;
      }
      if (isForename(t.key) && t.possessive && !PLACES.contains(t.key)) {
        return true;
      }
      if (next != null
          && isForename(t.key)
          && isSurname(next.key)
          && !(PLACES.contains(t.key) && COMMON_WORDS.contains(next.key))) {
        return true;
      }
      if (next != null
          && t.initial()
          && isSurname(next.key)
          && (next.gap.startsWith(".")
              || (!COMMON_WORDS.contains(next.key) && !t.key.equals("a") && !t.key.equals("i")))) {
        return true;
      }
      if (k == last
          && after != null
          && isSurname(t.key)
          && FAMILY_WORDS.contains(after.key)
          && isSpace(after.gap)
          && (!COMMON_WORDS.contains(t.key) || !t.sentenceStart)) {
        return true;
      }
    }
    return false;
  }

  /** "st mary's catholic primary school": a saint's name or an institution in lower case. */
  private static boolean lowerCaseInstitution(List<Token> ts, int i) {
    if (i > 0 && PREFIXES.contains(ts.get(i - 1).key)) {
      return true;
    }
    for (int k = i + 1; k < ts.size() && k <= i + 3; k++) {
      if (INSTITUTIONS.contains(ts.get(k).key) || FOLLOWERS.contains(ts.get(k).key)) {
        return true;
      }
    }
    return false;
  }

  /** A forename common in England and Wales that is not also an ordinary word or a place. */
  private static boolean plainForename(String key) {
    return (FORENAMES.contains(key) || hyphenated(key, FORENAMES))
        && !COMMON_WORDS.contains(key)
        && !PLACES.contains(key);
  }

  private static boolean isForename(String key) {
    return FORENAMES.contains(key)
        || CENSUS_FORENAMES.contains(key)
        || hyphenated(key, FORENAMES)
        || hyphenated(key, CENSUS_FORENAMES);
  }

  private static boolean isSurname(String key) {
    return SURNAMES.contains(key) || hyphenated(key, SURNAMES);
  }

  private static boolean hyphenated(String key, Set<String> names) {
    int dash = key.indexOf('-');
    if (dash <= 0 || dash == key.length() - 1) {
      return false;
    }
    return names.contains(key.substring(0, dash)) && names.contains(key.substring(dash + 1));
  }

  /** Two capitalised words belong to one name when only spaces (or a title's dot) part them. */
  private static boolean joins(Token previous, Token t) {
    String gap = t.gap;
    if (isSpace(gap)) {
      return true;
    }
    // "Girls' School"
    if (previous.possessive
        && (gap.startsWith("'") || gap.startsWith("\u2019"))
        && isSpace(gap.substring(1))) {
      return true;
    }
    boolean abbreviation =
        previous.initial() || TITLES.contains(previous.key) || PREFIXES.contains(previous.key);
    return abbreviation && gap.startsWith(".") && isSpace(gap.substring(1));
  }

  private static boolean isSpace(String gap) {
    if (gap.isEmpty()) {
      return false;
    }
    for (int i = 0; i < gap.length(); i++) {
      char c = gap.charAt(i);
      if (c != ' ' && c != '\t' && c != '\u00a0') {
        return false;
      }
    }
    return true;
  }

  private static boolean spaceOrDot(String gap) {
    return isSpace(gap)
        || (gap.startsWith(".") && (gap.length() == 1 || isSpace(gap.substring(1))));
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    int previousEnd = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!Character.isLetter(c)) {
        i++;
        continue;
      }
      int start = i;
      i++;
      while (i < n) {
        char d = s.charAt(i);
        if (Character.isLetter(d)) {
          i++;
        } else if ((d == '\'' || d == '\u2019' || d == '-')
            && i + 1 < n
            && Character.isLetter(s.charAt(i + 1))) {
          i += 2;
        } else {
          break;
        }
      }
      String text = s.substring(start, i);
      String key = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
      boolean possessive = false;
      if (key.endsWith("'s") && key.length() > 2) {
        key = key.substring(0, key.length() - 2);
        possessive = true;
      } else if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '\u2019') && key.endsWith("s")) {
        possessive = true;
      }
      Token t = new Token(text, possessive, key);
      t.gap = s.substring(previousEnd, start);
      t.sentenceStart = out.isEmpty() || sentenceBreak(t.gap, out.get(out.size() - 1));
      out.add(t);
      previousEnd = i;
    }
    return out;
  }

  private static boolean sentenceBreak(String gap, Token previous) {
    for (int i = 0; i < gap.length(); i++) {
      char c = gap.charAt(i);
      if (c == '.'
          && i == 0
          && (previous.initial()
              || TITLES.contains(previous.key)
              || PREFIXES.contains(previous.key))) {
        continue;
      }
      if (c == '.'
          || c == '!'
          || c == '?'
          || c == ':'
          || c == ';'
          || c == '\n'
          || c == '\r'
          || c == '\u2022'
          || c == '*') {
        return true;
      }
    }
    return false;
  }

  private static Set<String> load(String resource) {
    Set<String> names = new HashSet<>();
    try (InputStream in = PersonNames.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        for (String w : line.trim().split("\\s+")) {
          if (!w.isEmpty()) {
            names.add(w.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(names);
  }
}
