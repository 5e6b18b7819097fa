package org.hearth.pseudonymise.normalise;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth as partners export them: day-first UK forms with any separator, ISO dates and
 * timestamps, compact digits, month names, two-digit years, and spreadsheet serial numbers. A date
 * is rejected if impossible, in the future, or before 1900.
 */
public final class DatesOfBirth {
  private static final Pattern ISO =
      Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?:[T ].*)?");
  private static final Pattern DAY_FIRST =
      Pattern.compile("(\\d{1,2})[-/. ](\\d{1,2})[-/. ](\\d{2}|\\d{4})(?:[T ]\\d{1,2}:\\d{2}.*)?");
  private static final Pattern NAMED =
      Pattern.compile("(\\d{1,2})(?:ST|ND|RD|TH)?[-/. ]+([A-Z]{3,9})[-/.,' ]+(\\d{2}|\\d{4})");
  private static final Pattern NAMED_MONTH_FIRST =
      Pattern.compile("([A-Z]{3,9})[-/. ]+(\\d{1,2})(?:ST|ND|RD|TH)?[-/.,' ]+(\\d{4})");
  private static final Pattern DIGITS8 = Pattern.compile("\\d{8}");
  private static final Pattern SERIAL = Pattern.compile("\\d{5}(?:\\.0+)?");
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  private DatesOfBirth() {}

  public static Normalised<LocalDate> parse(String raw, LocalDate today) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("dob-missing", "no date of birth");
    }
    String s = raw.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    Optional<LocalDate> d = Optional.empty();
    Matcher m;
    try {
      if ((m = ISO.matcher(s)).matches()) {
        d = date(num(m, 1), num(m, 2), num(m, 3));
      } else if ((m = DAY_FIRST.matcher(s)).matches()) {
        int a = num(m, 1);
        int b = num(m, 2);
        int y = year(m.group(3), today);
        // day first, as UK partners write it; a second number over 12 can only be a day
        d = b > 12 && a <= 12 ? date(y, a, b) : date(y, b, a);
      } else if ((m = NAMED.matcher(s)).matches()) {
        Matcher mm = m;
        d =
            month(mm.group(2))
                .flatMap(mo -> date(year(mm.group(3), today), mo, numOf(mm.group(1))));
      } else if ((m = NAMED_MONTH_FIRST.matcher(s)).matches()) {
        Matcher mm = m;
        d = month(m.group(1)).flatMap(mo -> date(numOf(mm.group(3)), mo, numOf(mm.group(2))));
      } else if (DIGITS8.matcher(s).matches()) {
        int first4 = Integer.parseInt(s.substring(0, 4));
        d =
            first4 >= 1900 && first4 <= today.getYear()
                ? date(first4, numOf(s.substring(4, 6)), numOf(s.substring(6, 8)))
                : date(
                    numOf(s.substring(4, 8)), numOf(s.substring(2, 4)), numOf(s.substring(0, 2)));
      } else if (SERIAL.matcher(s).matches()) {
        long days = (long) Double.parseDouble(s);
        // five digits only: spreadsheet serials of people alive now; four digits read as a year
        d = days >= 1 && days < 80000 ? Optional.of(EXCEL_EPOCH.plusDays(days)) : Optional.empty();
      } else {
        return Normalised.rejected("dob-format", "date of birth is in no recognised format");
      }
    } catch (NumberFormatException e) {
      return Normalised.rejected("dob-format", "date of birth is in no recognised format");
    }
    if (d.isEmpty()) {
      return Normalised.rejected("dob-impossible", "date of birth is not a real date");
    }
    LocalDate date = d.get();
    if (date.isAfter(today)) {
      return Normalised.rejected("dob-future", "date of birth is in the future");
    }
    if (date.getYear() < 1900) {
      return Normalised.rejected("dob-too-old", "date of birth is before 1900");
    }
    return Normalised.ok(date);
  }

  /** The day/month transposition of a date, when it is a different valid date. */
  public static Optional<LocalDate> transposed(LocalDate d) {
    if (d.getDayOfMonth() > 12 || d.getDayOfMonth() == d.getMonthValue()) {
      return Optional.empty();
    }
    return date(d.getYear(), d.getDayOfMonth(), d.getMonthValue());
  }

  private static int year(String y, LocalDate today) {
    int v = Integer.parseInt(y);
    if (y.length() == 4) {
      return v;
    }
    // a two-digit year of birth is the latest year not after today
    int century = today.getYear() / 100 * 100;
    return century + v > today.getYear() ? century - 100 + v : century + v;
  }

  private static Optional<Integer> month(String name) {
    for (Month mo : Month.values()) {
      String full = mo.name();
      if (full.equals(name)
          || (name.length() >= 3 && full.startsWith(name))
          || (name.equals("SEPT") && mo == Month.SEPTEMBER)) {
        return Optional.of(mo.getValue());
      }
    }
    return Optional.empty();
  }

  private static int num(Matcher m, int g) {
    return Integer.parseInt(m.group(g));
  }

  private static int numOf(String s) {
    return Integer.parseInt(s);
  }

  private static Optional<LocalDate> date(int y, int m, int d) {
    try {
      return Optional.of(LocalDate.of(y, m, d));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
