package org.hearth.pseudonymise.normalise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Personal names, standardised for exact matching after hashing: upper-case ASCII, accents folded,
 * apostrophes dropped (O'Brien = OBRIEN), hyphens and spaces joined in surnames (Smith-Jones =
 * SMITHJONES), titles and suffixes removed, first forename only, common nicknames mapped to their
 * full form (by sex where a nickname is shared), and a phonetic code for typos.
 */
public final class Names {
  private static final Set<String> TITLES =
      Set.of(
          "MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "REV", "REVD", "SIR", "DAME", "LADY",
          "LORD", "MASTER", "MADAM", "MADAME", "MME", "MLLE", "MESSRS", "HON", "CAPT");

  /** Titles that are also English surnames: kept when they are all the surname field holds. */
  private static final Set<String> SURNAME_TITLES = Set.of("LORD", "MASTER", "DAME", "LADY");

  private static final Set<String> SUFFIXES = Set.of("JR", "JNR", "SR", "SNR", "II", "III", "IV");
  private static final Map<String, String> NICKNAMES = loadNicknames();
  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

  private Names() {}

  /** Upper-case letters and single spaces only; hyphens become spaces, apostrophes vanish. */
  static String fold(String raw) {
    String s =
        raw.replace("ß", "ss")
            .replace("Æ", "AE")
            .replace("æ", "ae")
            .replace("Ø", "O")
            .replace("ø", "o")
            .replace("Ł", "L")
            .replace("ł", "l")
            .replace("Œ", "OE")
            .replace("œ", "oe")
            .replace("Đ", "D")
            .replace("đ", "d");
    s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    s = s.toUpperCase(Locale.ROOT).replaceAll("['’‘`´]", "");
    s = s.replaceAll("[^A-Z]+", " ").trim();
    return s;
  }

  /**
   * The surname as one token, or a rejection when nothing name-like is left: titles are stripped (a
   * surname field holding only "Mrs" has no surname), except one that is also a surname (Lord).
   */
  public static Normalised<String> surname(String raw) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("surname-missing", "no surname");
    }
    String[] parts = fold(raw).split(" ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()
          || (SUFFIXES.contains(p) && i > 0)
          || (TITLES.contains(p) && i == 0 && (parts.length > 1 || !SURNAME_TITLES.contains(p)))) {
        continue;
      }
      out.append(p);
    }
    if (out.length() < 1) {
      return Normalised.rejected(
          "surname-format", "surname has no name left (no letters, or only a title)");
    }
    return Normalised.ok(out.toString());
  }

  /**
   * The first forename as one token (Mary-Jane stays MARYJANE), with a nickname mapped to the full
   * form for the given sex ('M', 'F' or anything else for unknown). Titles are stripped, never
   * taken as the forename ("Mrs J Smith" has the forename J; a field holding only "Miss" has none).
   */
  public static Normalised<String> forename(String raw, char sex) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("forename-missing", "no forename");
    }
    String[] words = raw.strip().split("[\\s.,]+");
    String first = null;
    for (String w : words) {
      String f = fold(w).replace(" ", "");
      if (!f.isEmpty() && !TITLES.contains(f)) {
        first = f;
        break;
      }
    }
    if (first == null) {
      return Normalised.rejected(
          "forename-format", "forename has no name left (no letters, or only a title)");
    }
    return Normalised.ok(canonicalForename(first, sex));
  }

  static String canonicalForename(String folded, char sex) {
    String s =
        Character.toUpperCase(sex) == 'M' || Character.toUpperCase(sex) == 'F'
            ? String.valueOf(Character.toUpperCase(sex))
            : "*";
    String bySex = NICKNAMES.get(folded + "|" + s);
    if (bySex != null) {
      return bySex;
    }
    String any = NICKNAMES.get(folded + "|*");
    return any == null ? folded : any;
  }

  /** Double Metaphone primary code: survives most typos and spelling variants. */
  public static String phonetic(String normalisedName) {
    String code = METAPHONE.doubleMetaphone(normalisedName);
    return code == null || code.isEmpty() ? normalisedName : code;
  }

  private static Map<String, String> loadNicknames() {
    Map<String, String> m = new HashMap<>();
    Map<String, Set<String>> canonicalsBySex = new HashMap<>();
    try (InputStream in = Names.class.getResourceAsStream("nicknames.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",");
        m.put(f[0] + "|" + f[1], f[2]);
        canonicalsBySex.computeIfAbsent(f[0], k -> new java.util.HashSet<>()).add(f[2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("nickname table missing", e);
    }
    // sex unknown: map only nicknames with a single meaning
    canonicalsBySex.forEach(
        (nick, canon) -> {
          if (canon.size() == 1) {
            m.put(nick + "|*", canon.iterator().next());
          }
        });
    return Map.copyOf(m);
  }
}
