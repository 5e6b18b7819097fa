package org.hearth.synthetic;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Upn;

/**
 * The county's people and households as parallel arrays (1.5 million people fit in tens of
 * megabytes), with household circumstances correlated with the ward's deprivation, and the
 * quarterly changes partners' extracts must follow: moves and births.
 */
final class Population {
  // household types
  static final byte SINGLE = 0,
      COUPLE = 1,
      COUPLE_CHILDREN = 2,
      LONE_PARENT = 3,
      OLDER = 4,
      SHARERS = 5;
  static final String[] HOUSEHOLD_TYPES = {
    "single adult", "couple", "couple with children", "lone parent", "older", "sharers"
  };
  // household circumstances (bit flags)
  static final int CLAIMANT = 1,
      ARREARS = 2,
      DOMESTIC_ABUSE = 4,
      TREATMENT = 8,
      SOCIAL_CARE = 16,
      YOUTH_OFFENDING = 32,
      ANTISOCIAL = 64,
      SUPPORTING_FAMILIES = 128,
      DA_HOMELESS = 256,
      SOCIAL_HOUSING = 512;
  static final String[] ETHNICITY = {
    "WBRI", "WOTH", "AIND", "APKN", "BAFR", "BCRB", "MWBC", "OOTH"
  };
  private static final double[] ETHNICITY_SHARE = {
    0.78, 0.07, 0.025, 0.03, 0.025, 0.02, 0.03, 0.02
  };

  final Geography geo;
  final long seed;
  final List<String> male = Geography.resource("forenames-male.txt");
  final List<String> female = Geography.resource("forenames-female.txt");
  final List<String> surnames = Geography.resource("surnames.txt");
  private final int[] nhsSerials = validNhsSerials();

  // households
  int households;
  int[] dwelling;
  int[] previousDwelling;
  int[] movedInQuarter;
  byte[] type;
  int[] flags;
  // people
  int people;
  int[] household;
  byte[] sex; // 'M' or 'F'
  int[] dob; // epoch day
  byte[] ethnicity;
  short[] forename;
  short[] surname;
  short[] birthSurname;
  int[] twinOf; // person id of the twin, or -1
  int[] upnCode; // school (4 digits), entry year (2), serial (3) as one number; -1 for adults
  private int[] upnCounters;
  boolean[] occupied;

  private Population(Geography geo, long seed) {
    this.geo = geo;
    this.seed = seed;
  }

  static Population build(Geography geo, long seed, LocalDate reference) {
    return build(geo, seed, reference, NoiseRates.defaults().surnameChange());
  }

  /**
   * @param surnameChange share of adult women whose surname changed (on marriage): some partners
   *     still hold the previous one
   */
  static Population build(Geography geo, long seed, LocalDate reference, double surnameChange) {
    Population p = new Population(geo, seed);
    int n = geo.dwellings;
    p.dwelling = new int[n];
    p.previousDwelling = new int[n];
    p.movedInQuarter = new int[n];
    p.type = new byte[n];
    p.flags = new int[n];
    p.occupied = new boolean[n];
    int capacity = (int) (n * 2.6) + 1024;
    p.household = new int[capacity];
    p.sex = new byte[capacity];
    p.dob = new int[capacity];
    p.ethnicity = new byte[capacity];
    p.forename = new short[capacity];
    p.surname = new short[capacity];
    p.birthSurname = new short[capacity];
    p.twinOf = new int[capacity];
    p.upnCode = new int[capacity];
    p.upnCounters = new int[geo.wards.size() * 100];
    Arrays.fill(p.movedInQuarter, -1);
    for (int d = 0; d < n; d++) {
      SplittableRandom r = Rng.of(seed, Rng.purpose("household"), d);
      if (Rng.chance(r, 0.05)) {
        continue; // vacant: somewhere for movers to go
      }
      p.occupied[d] = true;
      int h = p.households++;
      p.dwelling[h] = d;
      p.previousDwelling[h] = d;
      p.populate(h, geo.wardOfDwelling(d).deprivation(), geo.dwellingKind[d], r, reference);
    }
    int refDay = (int) reference.toEpochDay();
    for (int person = 0; person < p.people; person++) {
      if (p.sex[person] == 'F'
          && refDay - p.dob[person] > 20 * 365
          && Rng.chance(Rng.of(seed, Rng.purpose("surname-change"), person), surnameChange)) {
        p.birthSurname[person] =
            (short)
                Rng.of(seed, Rng.purpose("previous-surname"), person).nextInt(p.surnames.size());
      }
    }
    return p;
  }

  private void populate(int h, double dep, byte kind, SplittableRandom r, LocalDate ref) {
    double x = r.nextDouble();
    byte t;
    if (kind == Geography.HMO_ROOM) {
      t = Rng.chance(r, 0.8) ? SINGLE : SHARERS;
    } else if (x < 0.24) {
      t = SINGLE;
    } else if (x < 0.47) {
      t = COUPLE;
    } else if (x < 0.70 - 0.06 * dep) {
      t = COUPLE_CHILDREN;
    } else if (x < 0.79) {
      t = LONE_PARENT;
    } else if (x < 0.95) {
      t = OLDER;
    } else {
      t = SHARERS;
    }
    type[h] = t;
    byte eth = ethnicity(r);
    short familyName = (short) r.nextInt(surnames.size());
    int refDay = (int) ref.toEpochDay();
    switch (t) {
      case SINGLE ->
          addPerson(h, r.nextBoolean() ? 'M' : 'F', age(r, 18, 64, refDay), eth, familyName, r);
      case COUPLE, COUPLE_CHILDREN -> {
        int a = age(r, t == COUPLE ? 20 : 22, t == COUPLE ? 75 : 50, refDay);
        addPerson(h, 'M', a + (r.nextInt(2000) - 1000), eth, familyName, r);
        int mother =
            addPerson(
                h,
                'F',
                a,
                eth,
                Rng.chance(r, 0.3) ? (short) r.nextInt(surnames.size()) : familyName,
                r);
        if (t == COUPLE_CHILDREN) {
          addChildren(h, mother, familySize(r), eth, familyName, r, refDay);
        }
      }
      case LONE_PARENT -> {
        int mother =
            addPerson(
                h, Rng.chance(r, 0.9) ? 'F' : 'M', age(r, 19, 50, refDay), eth, familyName, r);
        addChildren(h, mother, familySize(r), eth, familyName, r, refDay);
      }
      case OLDER -> {
        int a = age(r, 65, 92, refDay);
        addPerson(h, 'F', a, eth, familyName, r);
        if (Rng.chance(r, 0.5)) {
          addPerson(h, 'M', a - r.nextInt(1500), eth, familyName, r);
        }
      }
      default -> {
        for (int i = 0; i < 2 + r.nextInt(3); i++) {
          addPerson(
              h,
              r.nextBoolean() ? 'M' : 'F',
              age(r, 19, 40, refDay),
              ethnicity(r),
              (short) r.nextInt(surnames.size()),
              r);
        }
      }
    }
    flags[h] = circumstances(t, dep, r);
  }

  /** Children born to a mother of the given age, at least 18 years apart, twins now and then. */
  private void addChildren(
      int h, int mother, int count, byte eth, short name, SplittableRandom r, int refDay) {
    int motherAgeDays = refDay - dob[mother];
    int maxChildAge = Math.max(0, Math.min(17 * 365, motherAgeDays - 18 * 365));
    for (int c = 0; c < count; c++) {
      addBirth(h, refDay - r.nextInt(maxChildAge + 1), eth, name, r);
    }
  }

  /** One to three children, mostly one or two. */
  private static int familySize(SplittableRandom r) {
    return 1 + r.nextInt(2) + (Rng.chance(r, 0.15) ? 1 : 0);
  }

  /** A child born on the day, and now and then a twin (1.6% of births). */
  private int addBirth(int h, int born, byte eth, short name, SplittableRandom r) {
    int child = addPerson(h, r.nextBoolean() ? 'M' : 'F', born, eth, name, r);
    if (Rng.chance(r, 0.016)) {
      int twin = addPerson(h, r.nextBoolean() ? 'M' : 'F', born, eth, name, r);
      twinOf[child] = twin;
      twinOf[twin] = child;
    }
    return child;
  }

  static int circumstances(byte t, double dep, SplittableRandom r) {
    boolean children = t == COUPLE_CHILDREN || t == LONE_PARENT;
    int f = 0;
    double claim = 0.08 + 0.35 * dep + (t == LONE_PARENT ? 0.25 : 0) + (t == OLDER ? 0.10 : 0);
    if (Rng.chance(r, claim)) {
      f |= CLAIMANT;
      if (Rng.chance(r, 0.3 + 0.4 * dep)) {
        f |= SOCIAL_HOUSING;
      }
      if (Rng.chance(r, 0.12 + 0.25 * dep)) {
        f |= ARREARS;
      }
    }
    if (t != OLDER && Rng.chance(r, 0.008 + 0.05 * dep)) {
      f |= TREATMENT;
    }
    if ((t == COUPLE || t == COUPLE_CHILDREN || t == LONE_PARENT)
        && Rng.chance(r, 0.015 + 0.07 * dep + ((f & TREATMENT) != 0 ? 0.12 : 0))) {
      f |= DOMESTIC_ABUSE;
      if (Rng.chance(r, 0.15)) {
        f |= DA_HOMELESS;
      }
    }
    if (children
        && Rng.chance(
            r,
            0.015
                + 0.05 * dep
                + ((f & DOMESTIC_ABUSE) != 0 ? 0.15 : 0)
                + ((f & TREATMENT) != 0 ? 0.12 : 0))) {
      f |= SOCIAL_CARE;
    }
    if (children && Rng.chance(r, 0.01 + 0.05 * dep + ((f & SOCIAL_CARE) != 0 ? 0.08 : 0))) {
      f |= YOUTH_OFFENDING;
    }
    if (Rng.chance(r, 0.01 + 0.06 * dep + ((f & TREATMENT) != 0 ? 0.1 : 0))) {
      f |= ANTISOCIAL;
    }
    if (children
        && Integer.bitCount(
                f
                    & (ARREARS
                        | DOMESTIC_ABUSE
                        | TREATMENT
                        | SOCIAL_CARE
                        | YOUTH_OFFENDING
                        | ANTISOCIAL))
            >= 2
        && Rng.chance(r, 0.5)) {
      f |= SUPPORTING_FAMILIES;
    }
    return f;
  }

  int addPerson(int h, char s, int dobDay, byte eth, short familyName, SplittableRandom r) {
    if (people == household.length) {
      grow();
    }
    int p = people++;
    household[p] = h;
    sex[p] = (byte) s;
    dob[p] = dobDay;
    ethnicity[p] = eth;
    forename[p] = (short) r.nextInt(s == 'M' ? male.size() : female.size());
    surname[p] = familyName;
    birthSurname[p] = familyName;
    twinOf[p] = -1;
    upnCode[p] = -1;
    LocalDate born = LocalDate.ofEpochDay(dobDay);
    if (born.isAfter(LocalDate.of(1995, 1, 1))) {
      // a pupil number for everyone who is or will be of school age, unique per school and year
      int ward = geo.dwellingWard[dwelling[h]];
      int entryYear = (born.getYear() + 5) % 100;
      int serial = upnCounters[ward * 100 + entryYear]++;
      if (serial < 1000) {
        upnCode[p] = ((2000 + ward % 8000) * 100 + entryYear) * 1000 + serial;
      }
    }
    return p;
  }

  private void grow() {
    int c = household.length * 3 / 2;
    household = Arrays.copyOf(household, c);
    sex = Arrays.copyOf(sex, c);
    dob = Arrays.copyOf(dob, c);
    ethnicity = Arrays.copyOf(ethnicity, c);
    forename = Arrays.copyOf(forename, c);
    surname = Arrays.copyOf(surname, c);
    birthSurname = Arrays.copyOf(birthSurname, c);
    twinOf = Arrays.copyOf(twinOf, c);
    upnCode = Arrays.copyOf(upnCode, c);
  }

  private static int age(SplittableRandom r, int minYears, int maxYears, int refDay) {
    return refDay - (minYears * 365 + r.nextInt((maxYears - minYears) * 365 + 1));
  }

  private static byte ethnicity(SplittableRandom r) {
    double x = r.nextDouble();
    for (int i = 0; i < ETHNICITY_SHARE.length; i++) {
      x -= ETHNICITY_SHARE[i];
      if (x < 0) {
        return (byte) i;
      }
    }
    return 0;
  }

  /**
   * A quarter passes: about 2.5% of households move to a vacant dwelling in their district, and
   * babies are born (1.6% of them twins).
   */
  void advance(int quarter, LocalDate quarterStart) {
    int ref = (int) quarterStart.toEpochDay();
    int[] vacant = vacantDwellings();
    int nextVacant = 0;
    int[] firstOf = new int[households];
    for (int p = people - 1; p >= 0; p--) {
      firstOf[household[p]] = p;
    }
    for (int h = 0; h < households; h++) {
      SplittableRandom r = Rng.of(seed, Rng.purpose("quarter-change"), h, quarter);
      if (dwelling[h] >= 0 && nextVacant < vacant.length && Rng.chance(r, 0.025)) {
        int to = vacant[nextVacant++];
        occupied[dwelling[h]] = false;
        occupied[to] = true;
        previousDwelling[h] = dwelling[h];
        dwelling[h] = to;
        movedInQuarter[h] = quarter;
      }
      byte t = type[h];
      if ((t == COUPLE || t == COUPLE_CHILDREN || t == LONE_PARENT) && Rng.chance(r, 0.012)) {
        short name = surname[firstOf[h]];
        addBirth(h, ref + r.nextInt(90), ethnicity[firstOf[h]], name, r);
        if (t == COUPLE) {
          type[h] = COUPLE_CHILDREN;
        }
      }
    }
  }

  private int[] vacantDwellings() {
    int count = 0;
    for (boolean o : occupied) {
      count += o ? 0 : 1;
    }
    int[] v = new int[count];
    int i = 0;
    for (int d = 0; d < occupied.length; d++) {
      if (!occupied[d]) {
        v[i++] = d;
      }
    }
    return v;
  }

  private int[] memberOffsets;
  private int[] memberIds;
  private int indexedPeople = -1;

  /** Members of a household in id order, from an index rebuilt whenever people were added. */
  int[] members(int h) {
    if (indexedPeople != people) {
      memberOffsets = new int[households + 1];
      for (int p = 0; p < people; p++) {
        memberOffsets[household[p] + 1]++;
      }
      for (int i = 0; i < households; i++) {
        memberOffsets[i + 1] += memberOffsets[i];
      }
      memberIds = new int[people];
      int[] fill = Arrays.copyOf(memberOffsets, households);
      for (int p = 0; p < people; p++) {
        memberIds[fill[household[p]]++] = p;
      }
      indexedPeople = people;
    }
    return Arrays.copyOfRange(memberIds, memberOffsets[h], memberOffsets[h + 1]);
  }

  int firstMember(int h) {
    return members(h)[0];
  }

  String forenameOf(int p) {
    return sex[p] == 'M' ? male.get(forename[p]) : female.get(forename[p]);
  }

  String surnameOf(int p) {
    return surnames.get(surname[p]);
  }

  /** The surname a record shows: a partner that has not caught up still holds the previous one. */
  String surnameAsRecorded(int p, Noise n) {
    if (birthSurname[p] != surname[p] && n.r.nextBoolean()) {
      return surnames.get(birthSurname[p]);
    }
    return surnames.get(surname[p]);
  }

  LocalDate dobOf(int p) {
    return LocalDate.ofEpochDay(dob[p]);
  }

  int ageOn(int p, LocalDate day) {
    return java.time.Period.between(dobOf(p), day).getYears();
  }

  /** A test-range NHS number (999 block, valid check digit), or null past the range's supply. */
  String nhsNumber(int p) {
    if (p >= nhsSerials.length) {
      return null;
    }
    String nine = "999" + String.format("%06d", nhsSerials[p]);
    return nine + NhsNumber.checkDigit(nine);
  }

  /** A valid UPN (LA, school, year of entry, serial; check letter), or null for adults. */
  String upn(int p) {
    if (upnCode[p] < 0) {
      return null;
    }
    String rest = "990" + String.format("%09d", upnCode[p]);
    return Upn.checkLetter("X" + rest) + rest;
  }

  /**
   * The reserved 999 block holds about 909,000 valid numbers: serials whose check digit is not 10.
   */
  private static int[] validNhsSerials() {
    int[] out = new int[1_000_000];
    int n = 0;
    int prefix = 9 * 10 + 9 * 9 + 9 * 8; // weights 10, 9, 8 for the digits 9, 9, 9
    for (int s = 0; s < 1_000_000; s++) {
      int sum = prefix;
      int v = s;
      for (int w = 2; w <= 7; w++) {
        sum += (v % 10) * w;
        v /= 10;
      }
      if (11 - sum % 11 != 10) {
        out[n++] = s;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
