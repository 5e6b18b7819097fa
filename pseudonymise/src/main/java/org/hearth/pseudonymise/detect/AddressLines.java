package org.hearth.pseudonymise.detect;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Address lines in free text: a premises number and a street ("12 Acacia Avenue", "12a High St",
 * "2-4 Mill Lane", "No. 7 The Crescent", "flat 3b, 14 Church Rd"), or a flat ("Flat 3", "Apt 12"),
 * or a number and a street named with the article ("3 The Spinney"). House names without a number
 * are out of reach: nothing tells "Rose Cottage" from a project name.
 *
 * <p>The words between number and street type must look like a street's name: no function word ("3
 * times on Church Road" is not an address), and a number that counts something ("Year 2", "Key
 * Stage 2", "Section 20") is no premises number. A court of law is not a street ("2 Family Court
 * hearings"). Street types that are also ordinary words (Walk, Way, Hill, Park, View ...) count
 * only capitalised, as a street's name is written; the unmistakable ones (Road, Street, Avenue ...)
 * count in any case.
 */
final class AddressLines {
  /** A set from words that may repeat: the lists read better grouped than deduplicated. */
  private static Set<String> words(String... words) {
    return Set.copyOf(java.util.Arrays.asList(words));
  }

  private static final String TYPES =
      "road|rd|street|st|avenue|ave|av|close|cl|lane|ln|drive|dr|way|crescent|cres|gardens|gdns"
          + "|court|ct|place|pl|terrace|terr|tce|grove|gr|hill|rise|mews|walk|square|sq|row|parade"
          + "|pde|green|park|vale|view|chase|croft|boulevard|wharf|meadows?|gate|hollow|approach|end";
  private static final Pattern STREET =
      Pattern.compile(
          "(?i)(?<![\\p{L}\\d£$€.,/:#-])(?:no\\.? ?)?\\d{1,4}[a-z]?(?: ?[-/–] ?\\d{1,4}[a-z]?)?,? {1,3}"
              + "((?:[\\p{L}][\\p{L}'’.-]* {1,3}){1,3})("
              + TYPES
              + ")\\.?(?![\\p{L}\\d])");
  // "3 The Spinney", "7 The Knares": a number and a name with the article is a house on a street
  // whose name has no street word
  private static final Pattern THE_STREET =
      Pattern.compile(
          "(?<![\\p{L}\\d£$€.,/:#-])\\d{1,4}[a-zA-Z]?,? {1,3}The \\p{Lu}\\p{Ll}+(?![\\p{L}\\d])");
  private static final Pattern FLAT =
      Pattern.compile(
          "(?i)(?<![\\p{L}])(?:flat|apartment|apt|maisonette)\\.? {0,2}(?:no\\.? ?)?\\d{1,4}[a-z]?"
              + "(?![\\p{L}\\d%])");
  private static final Set<String> ANY_CASE_TYPES =
      words(
          "road",
          "rd",
          "street",
          "avenue",
          "ave",
          "close",
          "lane",
          "drive",
          "crescent",
          "gardens",
          "gdns",
          "terrace",
          "tce",
          "grove",
          "mews",
          "boulevard");
  private static final Set<String> FUNCTION_WORDS =
      words(
          "a",
          "an",
          "the",
          "and",
          "or",
          "of",
          "on",
          "at",
          "in",
          "into",
          "to",
          "for",
          "with",
          "from",
          "by",
          "near",
          "off",
          "per",
          "via",
          "as",
          "is",
          "was",
          "were",
          "are",
          "be",
          "been",
          "has",
          "had",
          "have",
          "but",
          "not",
          "no",
          "times",
          "time",
          "weeks",
          "week",
          "days",
          "day",
          "months",
          "month",
          "years",
          "year",
          "hours",
          "minutes",
          "sessions",
          "visits",
          "people",
          "pupils",
          "children",
          "adults",
          "families",
          "cases",
          "referrals",
          "incidents",
          "miles",
          "mins",
          "x",
          "out",
          "up",
          "down",
          "over",
          "under",
          "than",
          "more",
          "less",
          "about",
          "all",
          "his",
          "her",
          "their",
          "our",
          "my",
          "your",
          "its",
          "this",
          "that",
          "these",
          "those");
  private static final Set<String> COURTS =
      words(
          "family",
          "crown",
          "youth",
          "county",
          "magistrates",
          "magistrates'",
          "magistrate's",
          "high",
          "supreme",
          "coroner's",
          "coroners",
          "coroners'",
          "civil",
          "criminal",
          "juvenile",
          "appeal",
          "district",
          "drug",
          "tribunal");
  private static final Set<String> COUNTING_WORDS =
      words(
          "year",
          "years",
          "yr",
          "y",
          "stage",
          "ks",
          "class",
          "group",
          "level",
          "tier",
          "phase",
          "step",
          "week",
          "day",
          "section",
          "part",
          "page",
          "room",
          "unit",
          "ward",
          "bay",
          "bed",
          "grade",
          "band",
          "option",
          "table",
          "figure",
          "item",
          "point",
          "question",
          "q",
          "para",
          "paragraph",
          "chapter",
          "schedule",
          "article",
          "rule",
          "regulation",
          "session",
          "module",
          "lesson",
          "term",
          "top",
          "over",
          "under",
          "aged",
          "age",
          "of");

  private AddressLines() {}

  static boolean contains(String text) {
    if (FLAT.matcher(text).find()) {
      return true;
    }
    Matcher the = THE_STREET.matcher(text);
    while (the.find()) {
      if (!countingWordBefore(text, the.start())) {
        return true;
      }
    }
    Matcher m = STREET.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      if (isStreet(text, m)) {
        return true;
      }
      from = m.start() + 1;
    }
    return false;
  }

  private static boolean isStreet(String text, Matcher m) {
    String[] names = m.group(1).trim().split(" +");
    String type = m.group(2);
    boolean typeCapitalised = Character.isUpperCase(type.charAt(0));
    if (!typeCapitalised && !ANY_CASE_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      String w = names[i].toLowerCase(Locale.ROOT);
      if (FUNCTION_WORDS.contains(w) && !(i == 0 && w.equals("the"))) {
        return false;
      }
    }
    String last = names[names.length - 1].toLowerCase(Locale.ROOT);
    if ((type.equalsIgnoreCase("court") || type.equalsIgnoreCase("ct")) && COURTS.contains(last)) {
      return false;
    }
    // "St" and "Dr" are also Saint and Doctor: only after a capitalised street name
    if ((type.equalsIgnoreCase("st") || type.equalsIgnoreCase("dr"))
        && !Character.isUpperCase(names[names.length - 1].charAt(0))) {
      return false;
    }
    return !countingWordBefore(text, m.start());
  }

  private static boolean countingWordBefore(String text, int start) {
    int end = start;
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    int begin = end;
    while (begin > 0 && Character.isLetter(text.charAt(begin - 1))) {
      begin--;
    }
    return begin < end
        && COUNTING_WORDS.contains(text.substring(begin, end).toLowerCase(Locale.ROOT));
  }
}
