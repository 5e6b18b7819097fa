package org.hearth.pseudonymise.normalise;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A date of birth as far as the record knows it: the year always, the month when given, the whole
 * date when given. A partial date makes only the keys its parts allow.
 *
 * @param month 1-12, or 0 when unknown
 * @param day 1-31, or 0 when unknown (then the month may still be known)
 */
public record BirthDate(int year, int month, int day) {
  public BirthDate {
    if (month < 0 || month > 12 || day < 0 || (month == 0 && day != 0)) {
      throw new IllegalArgumentException("not a date of birth");
    }
    if (day != 0) {
      LocalDate.of(year, month, day); // throws if impossible
    }
  }

  public static BirthDate of(LocalDate d) {
    return new BirthDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  /** The whole date, when the record gave one. */
  public Optional<LocalDate> date() {
    return day == 0 ? Optional.empty() : Optional.of(LocalDate.of(year, month, day));
  }

  public OptionalInt knownMonth() {
    return month == 0 ? OptionalInt.empty() : OptionalInt.of(month);
  }

  public boolean complete() {
    return day != 0;
  }

  /** ISO form of what is known: 1975, 1975-06 or 1975-06-14. */
  public String iso() {
    if (day != 0) {
      return LocalDate.of(year, month, day).toString();
    }
    return month == 0 ? String.format("%04d", year) : String.format("%04d-%02d", year, month);
  }

  /** Never the value: a date of birth is an identifier. */
  @Override
  public String toString() {
    return day != 0
        ? "BirthDate[complete]"
        : month != 0 ? "BirthDate[year-month]" : "BirthDate[year]";
  }
}
