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
 * timestamps, compact digits, month names, two-digit years, and spreadsheet serial numbers; and
 * partial dates, a year (1975) or a year and month (1975-06, 06/1975, Jun 1975, or a day written
 * 00). A date is rejected if impossible, in the future, or before {@value #EARLIEST_YEAR}: nobody
 * alive or in a partner's records of living people was born earlier, and a year before it is a
 * typing error (1875 for 1975), which would otherwise make keys for a person who does not exist.
 */
public final class DatesOfBirth {
  /** The earliest year of birth accepted. */
  public static final int EARLIEST_YEAR = 1850;

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
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})[-/.](\\d{1,2})");
  private static final Pattern MONTH_YEAR = Pattern.compile("(\\d{1,2})[-/. ](\\d{4})");
  private static final Pattern NAMED_MONTH_YEAR = Pattern.compile("([A-Z]{3,9})[-/.,' ]+(\\d{4})");
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  private DatesOfBirth() {}

  /** A whole date of birth; a partial one is rejected as {@code dob-partial}. */
  public static Normalised<LocalDate> parse(String raw, LocalDate today) {
    Normalised<BirthDate> b = parseBirth(raw, today);
    if (b.invalid().isPresent()) {
      return Normalised.rejected(b.invalid().get().rule(), b.invalid().get().explanation());
    }
    return b.value()
        .get()
        .date()
        .<Normalised<LocalDate>>map(Normalised::ok)
        .orElseGet(() -> Normalised.rejected("dob-partial", "date of birth has no day"));
  }

  /** A date of birth as far as it is given: whole, year and month, or year. */
  public static Normalised<BirthDate> parseBirth(String raw, LocalDate today) {
    if (raw == null || raw.isBlank()) {
      return Normalised.rejected("dob-missing", "no date of birth");
    }
    String s = raw.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    Optional<BirthDate> d = Optional.empty();
    Matcher m;
    try {
      if ((m = ISO.matcher(s)).matches()) {
        d = birth(num(m, 1), num(m, 2), num(m, 3));
      } else if ((m = DAY_FIRST.matcher(s)).matches()) {
        int a = num(m, 1);
        int b = num(m, 2);
        int y = year(m.group(3), today);
        // day first, as UK partners write it; a second number over 12 can only be a day
        d = b > 12 && a <= 12 && a > 0 ? birth(y, a, b) : birth(y, b, a);
      } else if ((m = NAMED.matcher(s)).matches()) {
        Matcher mm = m;
        d =
            month(mm.group(2))
                .flatMap(mo -> birth(year(mm.group(3), today), mo, numOf(mm.group(1))));
      } else if ((m = NAMED_MONTH_FIRST.matcher(s)).matches()) {
        Matcher mm = m;
        d = month(m.group(1)).flatMap(mo -> birth(numOf(mm.group(3)), mo, numOf(mm.group(2))));
      } else if (DIGITS8.matcher(s).matches()) {
        int first4 = Integer.parseInt(s.substring(0, 4));
        // year first when it reads as a year of birth and a date; otherwise day, month, year
        Optional<BirthDate> yearFirst =
            first4 >= EARLIEST_YEAR && first4 <= today.getYear()
                ? birth(first4, numOf(s.substring(4, 6)), numOf(s.substring(6, 8)))
                : Optional.empty();
        d =
            yearFirst.isPresent()
                ? yearFirst
                : birth(
                    numOf(s.substring(4, 8)), numOf(s.substring(2, 4)), numOf(s.substring(0, 2)));
      } else if (SERIAL.matcher(s).matches()) {
        long days = (long) Double.parseDouble(s);
        // five digits only: spreadsheet serials of people alive now; four digits read as a year
        d =
            days >= 1 && days < 80000
                ? Optional.of(BirthDate.of(EXCEL_EPOCH.plusDays(days)))
                : Optional.empty();
      } else if (YEAR.matcher(s).matches()) {
        d = birth(numOf(s), 0, 0);
      } else if ((m = YEAR_MONTH.matcher(s)).matches()) {
        d = birth(num(m, 1), num(m, 2), 0);
      } else if ((m = MONTH_YEAR.matcher(s)).matches()) {
        d = birth(num(m, 2), num(m, 1), 0);
      } else if ((m = NAMED_MONTH_YEAR.matcher(s)).matches()) {
        Matcher mm = m;
        d = month(m.group(1)).flatMap(mo -> birth(numOf(mm.group(2)), mo, 0));
      } else {
        return Normalised.rejected("dob-format", "date of birth is in no recognised format");
      }
    } catch (NumberFormatException e) {
      return Normalised.rejected("dob-format", "date of birth is in no recognised format");
    }
    if (d.isEmpty()) {
      return Normalised.rejected("dob-impossible", "date of birth is not a real date");
    }
    BirthDate date = d.get();
    boolean future =
        date.complete()
            ? date.date().get().isAfter(today)
            : date.year() > today.getYear()
                || (date.year() == today.getYear() && date.month() > today.getMonthValue());
    if (future) {
      return Normalised.rejected("dob-future", "date of birth is in the future");
    }
    if (date.year() < EARLIEST_YEAR) {
      return Normalised.rejected(
          "dob-too-old", "date of birth is before " + EARLIEST_YEAR + ", taken as a typing error");
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

  /**
   * A date, or the part of it that is given: a day of 0 is an unknown day (00/06/1975), and a month
   * of 0 with a day of 0 an unknown month. Anything else impossible is empty.
   */
  private static Optional<BirthDate> birth(int y, int m, int d) {
    if (m == 0 && d != 0) {
      return Optional.empty();
    }
    if (d == 0) {
      return m <= 12 ? Optional.of(new BirthDate(y, m, 0)) : Optional.empty();
    }
    return date(y, m, d).map(BirthDate::of);
  }

  private static Optional<LocalDate> date(int y, int m, int d) {
    try {
      return Optional.of(LocalDate.of(y, m, d));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
