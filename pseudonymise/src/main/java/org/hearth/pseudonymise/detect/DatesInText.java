package org.hearth.pseudonymise.detect;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full calendar dates in free text that could be someone's date of birth: a day, a month and a
 * year, written any of the common ways ("12/03/2015", "12-3-15", "12.03.2015", "2015-03-12", "12
 * March 2015", "12th of Mar 2015", "12-MAR-2015", "March 12, 2015", "DOB 12032015"), falling in the
 * 120 years up to today. Nothing in free text tells a birth date from the date of a visit, so any
 * such date counts; a date to come does not, nor does a period ("March 2026", "2026-Q1").
 */
final class DatesInText {
  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?(?![a-z])";
  // day and month either way round (a US-style 03/25/2015 is still a date)
  private static final Pattern NUMERIC =
      Pattern.compile(
          "(?<!\\d)(?<!\\d[/.\\\\-])(\\d{1,2}) {0,2}([/.\\\\-]) {0,2}(\\d{1,2}) {0,2}\\2 {0,2}"
              + "(\\d{4}|\\d{2})(?!\\d)(?![/.\\\\-]\\d)");
  private static final Pattern SPACED =
      Pattern.compile("(?<![\\d.,])(\\d{1,2}) (\\d{1,2}) (\\d{4})(?!\\d)");
  private static final Pattern ISO =
      Pattern.compile("(?<!\\d)(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})(?![\\d])(?![/.-]\\d)");
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile(
          "(?i)(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th)?(?: {1,3}of)?[ /.,-]{0,3}"
              + MONTH
              + "[ /.,'-]{0,3}(\\d{4}|\\d{2})(?!\\d)");
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile(
          "(?i)(?<![\\p{L}])"
              + MONTH
              + "[ .-]{0,3}(\\d{1,2})(?:st|nd|rd|th)?,?[ /.-]{0,3}(\\d{4})(?!\\d)");
  private static final Pattern CUED_COMPACT =
      Pattern.compile(
          "(?i)(?<![\\p{L}])(?:dob|d\\.o\\.b\\.?|date of birth|birth ?date|born(?: on)?)"
              + "[ :.#-]{0,3}(\\d{6}|\\d{8})(?!\\d)");

  private static final java.util.Set<String> WORD_STARTS =
      java.util.Set.of(
          "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "dob",
          "d.o", "dat", "bir", "bor");

  private DatesInText() {}

  static boolean containsBirthDate(String text, LocalDate today) {
    if (numericShape(text) && numericDate(text, today)) {
      return true;
    }
    return wordShape(text) && wordDate(text, today);
  }

  private static boolean numericDate(String text, LocalDate today) {
    Matcher m = NUMERIC.matcher(text);
    while (m.find()) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(3));
      String y = m.group(4);
      if (plausible(y, b, a, today) || plausible(y, a, b, today)) {
        return true;
      }
    }
    m = SPACED.matcher(text);
    while (m.find()) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(2));
      if (plausible(m.group(3), b, a, today) || plausible(m.group(3), a, b, today)) {
        return true;
      }
    }
    m = ISO.matcher(text);
    while (m.find()) {
      if (plausible(
          m.group(1), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), today)) {
        return true;
      }
    }
    return false;
  }

  private static boolean wordDate(String text, LocalDate today) {
    Matcher m = DAY_MONTH_YEAR.matcher(text);
    while (m.find()) {
      if (plausible(m.group(3), month(m.group(2)), Integer.parseInt(m.group(1)), today)) {
        return true;
      }
    }
    m = MONTH_DAY_YEAR.matcher(text);
    while (m.find()) {
      if (plausible(m.group(3), month(m.group(1)), Integer.parseInt(m.group(2)), today)) {
        return true;
      }
    }
    m = CUED_COMPACT.matcher(text);
    while (m.find()) {
      String d = m.group(1);
      if (d.length() == 6
          ? plausible(d.substring(4), num(d, 2, 4), num(d, 0, 2), today)
          : plausible(d.substring(4), num(d, 2, 4), num(d, 0, 2), today)
              || plausible(d.substring(0, 4), num(d, 4, 6), num(d, 6, 8), today)) {
        return true;
      }
    }
    return false;
  }

  /** A digit followed by a date separator: the numeric patterns cannot match without one. */
  private static boolean numericShape(String s) {
    for (int i = 0; i + 1 < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        char d = s.charAt(i + 1);
        if (d == '/' || d == '.' || d == '-' || d == '\\' || d == ' ') {
          return true;
        }
      }
    }
    return false;
  }

  /** A word that starts like a month, or a birth cue: the worded patterns need one. */
  private static boolean wordShape(String s) {
    for (int i = 0; i + 2 < s.length(); i++) {
      if (!Character.isLetter(s.charAt(i)) || (i > 0 && Character.isLetter(s.charAt(i - 1)))) {
        continue;
      }
      String w = s.substring(i, i + 3).toLowerCase(Locale.ROOT);
      if (WORD_STARTS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s.substring(from, to));
  }

  private static int month(String name) {
    return switch (name.toLowerCase(Locale.ROOT).substring(0, 3)) {
      case "jan" -> 1;
      case "feb" -> 2;
      case "mar" -> 3;
      case "apr" -> 4;
      case "may" -> 5;
      case "jun" -> 6;
      case "jul" -> 7;
      case "aug" -> 8;
      case "sep" -> 9;
      case "oct" -> 10;
      case "nov" -> 11;
      default -> 12;
    };
  }

  /** A real date in the 120 years up to today; a two-digit year may be either century. */
  private static boolean plausible(String year, int month, int day, LocalDate today) {
    String y = year.startsWith("'") ? year.substring(1) : year;
    int value = Integer.parseInt(y);
    if (y.length() == 2) {
      return within(1900 + value, month, day, today) || within(2000 + value, month, day, today);
    }
    return within(value, month, day, today);
  }

  private static boolean within(int year, int month, int day, LocalDate today) {
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return false;
    }
    try {
      LocalDate d = LocalDate.of(year, month, day);
      return !d.isAfter(today) && d.isAfter(today.minusYears(120));
    } catch (DateTimeException e) {
      return false;
    }
  }
}
