package org.hearth.synthetic;

import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The ways partner records drift from the truth, each at its configured rate. Every decision comes
 * from a generator keyed by (dataset, subject, epoch): the same record keeps the same mistakes
 * quarter after quarter until its epoch changes, which models a correction.
 */
final class Noise {
  private static final Map<String, String> NICKNAMES =
      Map.ofEntries(
          Map.entry("Robert", "Bob"),
          Map.entry("William", "Bill"),
          Map.entry("Elizabeth", "Liz"),
          Map.entry("Margaret", "Peggy"),
          Map.entry("Thomas", "Tom"),
          Map.entry("James", "Jim"),
          Map.entry("Michael", "Mike"),
          Map.entry("Samuel", "Sam"),
          Map.entry("Samantha", "Sam"),
          Map.entry("Alexander", "Alex"),
          Map.entry("Daniel", "Danny"),
          Map.entry("Joseph", "Joe"),
          Map.entry("Benjamin", "Ben"),
          Map.entry("Charlotte", "Lottie"),
          Map.entry("Rebecca", "Becky"),
          Map.entry("Jessica", "Jess"),
          Map.entry("Matthew", "Matt"),
          Map.entry("Edward", "Ed"),
          Map.entry("Richard", "Rick"),
          Map.entry("Christopher", "Chris"),
          Map.entry("Victoria", "Vicky"),
          Map.entry("Anthony", "Tony"),
          Map.entry("Stephen", "Steve"),
          Map.entry("Andrew", "Andy"),
          Map.entry("Patricia", "Pat"),
          Map.entry("Susan", "Sue"),
          Map.entry("Henry", "Harry"),
          Map.entry("Frederick", "Freddie"),
          Map.entry("Nicola", "Nikki"),
          Map.entry("Natalie", "Nat"));

  final NoiseRates rates;
  final SplittableRandom r;

  Noise(NoiseRates rates, SplittableRandom r) {
    this.rates = rates;
    this.r = r;
  }

  /** The epoch of a record's noise: changes now and then, as a partner corrects a record. */
  static int epoch(long seed, long dataset, long subject, int quarter) {
    int e = 0;
    for (int q = 1; q <= quarter; q++) {
      if (Rng.chance(Rng.of(seed, dataset, subject, q * 7919L), 0.05)) {
        e = q;
      }
    }
    return e;
  }

  String forename(String name) {
    if (Rng.chance(r, rates.nickname()) && NICKNAMES.containsKey(name)) {
      return NICKNAMES.get(name);
    }
    return Rng.chance(r, rates.nameTypo()) ? typo(name) : name;
  }

  String surname(String name) {
    return Rng.chance(r, rates.nameTypo()) ? typo(name) : name;
  }

  /** One keyboard slip: a dropped, doubled, swapped or replaced letter. */
  String typo(String s) {
    if (s.length() < 4) {
      return s;
    }
    int i = 1 + r.nextInt(s.length() - 2);
    char c = s.charAt(i);
    if (!Character.isLetter(c)) {
      return s;
    }
    return switch (r.nextInt(4)) {
      case 0 -> s.substring(0, i) + s.substring(i + 1);
      case 1 -> s.substring(0, i) + c + s.substring(i);
      case 2 -> s.substring(0, i - 1) + c + s.charAt(i - 1) + s.substring(i + 1);
      default -> s.substring(0, i) + "aeiou".charAt(r.nextInt(5)) + s.substring(i + 1);
    };
  }

  LocalDate dob(LocalDate d) {
    if (Rng.chance(r, rates.dobDayMonthSwap())
        && d.getDayOfMonth() <= 12
        && d.getDayOfMonth() != d.getMonthValue()) {
      return LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue());
    }
    return d;
  }

  boolean missing(double rate) {
    return Rng.chance(r, rate);
  }

  /** The address a partner holds: after a move, some partners still have the old one. */
  int dwellingKnown(Population p, int household, int quarter) {
    if (p.movedInQuarter[household] >= 0
        && p.movedInQuarter[household] >= quarter - 1
        && Rng.chance(r, rates.staleAddressAfterMove())) {
      return p.previousDwelling[household];
    }
    return p.dwelling[household];
  }

  /** Address lines as a partner writes them; variants keep the dwelling recognisable. */
  String[] addressLines(Geography g, int d, boolean split) {
    boolean variant = Rng.chance(r, rates.addressVariant());
    String street = g.streetNames.get(g.dwellingStreet[d]);
    if (variant) {
      street = abbreviate(street);
    }
    int number = g.dwellingNumber[d];
    int unit = g.dwellingUnit[d];
    String town = g.wardOfDwelling(d).town();
    String first;
    String second = null;
    switch (g.dwellingKind[d]) {
      case Geography.FLAT_IN_BLOCK -> {
        String building = Geography.BUILDING_NAMES[g.dwellingBuildingName[d]];
        if (variant && r.nextBoolean()) {
          first = "Flat " + unit + ", " + number + " " + street; // building name dropped
        } else {
          first = "Flat " + unit + ", " + building;
          second = number + " " + street;
        }
      }
      case Geography.CONVERTED_FLAT -> {
        char letter = (char) ('A' + unit);
        first =
            variant && r.nextBoolean()
                ? number + "" + letter + " " + street
                : "Flat " + letter + ", " + number + " " + street;
      }
      case Geography.HMO_ROOM -> first = "Room " + unit + ", " + number + " " + street;
      default -> first = number + " " + street;
    }
    if (split) {
      return second == null ? new String[] {first, town} : new String[] {first, second, town};
    }
    return new String[] {
      String.join(
          ", ", second == null ? new String[] {first, town} : new String[] {first, second, town})
    };
  }

  /** House number (with any flat or room), road and town in separate fields. */
  String[] addressParts(Geography g, int d) {
    boolean variant = Rng.chance(r, rates.addressVariant());
    String street = g.streetNames.get(g.dwellingStreet[d]);
    if (variant) {
      street = abbreviate(street);
    }
    int number = g.dwellingNumber[d];
    int unit = g.dwellingUnit[d];
    String premises =
        switch (g.dwellingKind[d]) {
          case Geography.FLAT_IN_BLOCK ->
              variant
                  ? "Flat " + unit + ", " + number
                  : "Flat "
                      + unit
                      + ", "
                      + Geography.BUILDING_NAMES[g.dwellingBuildingName[d]]
                      + ", "
                      + number;
          case Geography.CONVERTED_FLAT ->
              variant
                  ? number + "" + (char) ('A' + unit)
                  : "Flat " + (char) ('A' + unit) + ", " + number;
          case Geography.HMO_ROOM -> "Room " + unit + ", " + number;
          default -> Integer.toString(number);
        };
    return new String[] {premises, street, g.wardOfDwelling(d).town()};
  }

  private static String abbreviate(String street) {
    return street
        .replaceFirst(" Road$", " Rd")
        .replaceFirst(" Street$", " St")
        .replaceFirst(" Avenue$", " Ave")
        .replaceFirst(" Close$", " Cl")
        .replaceFirst(" Lane$", " Ln")
        .replaceFirst(" Drive$", " Dr")
        .replaceFirst(" Gardens$", " Gdns")
        .replaceFirst(" Crescent$", " Cres")
        .replaceFirst(" Court$", " Ct")
        .replaceFirst("^Saint ", "St ")
        .replaceFirst(" Terrace$", " Terr");
  }

  String postcode(Geography g, int d) {
    if (Rng.chance(r, rates.missingPostcode())) {
      return "";
    }
    String pc = g.postcode(g.dwellingPostcode[d]);
    return switch (r.nextInt(5)) {
      case 0 -> pc.replace(" ", "");
      case 1 -> pc.toLowerCase();
      default -> pc;
    };
  }
}
