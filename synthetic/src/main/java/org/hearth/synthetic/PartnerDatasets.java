package org.hearth.synthetic;

import static org.hearth.synthetic.Population.ANTISOCIAL;
import static org.hearth.synthetic.Population.ARREARS;
import static org.hearth.synthetic.Population.CLAIMANT;
import static org.hearth.synthetic.Population.DA_HOMELESS;
import static org.hearth.synthetic.Population.DOMESTIC_ABUSE;
import static org.hearth.synthetic.Population.LONE_PARENT;
import static org.hearth.synthetic.Population.SOCIAL_CARE;
import static org.hearth.synthetic.Population.SOCIAL_HOUSING;
import static org.hearth.synthetic.Population.SUPPORTING_FAMILIES;
import static org.hearth.synthetic.Population.TREATMENT;
import static org.hearth.synthetic.Population.YOUTH_OFFENDING;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** The datasets of shared/design/datasets.md, each in its partner's own conventions. */
final class PartnerDatasets {
  static final String COUNTY_COUNCIL = "essex-county-council";
  private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final DateTimeFormatter YOS =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.UK);

  private PartnerDatasets() {}

  static List<Dataset> all() {
    return List.of(
        new HousingBenefits(),
        new SocialCare(),
        new SchoolReadiness(),
        new YouthOffending(),
        new Treatment(),
        new Police(),
        new SupportingFamilies(),
        new SupportingFamiliesClaims(),
        new DomesticAbuseHomelessness());
  }

  private static List<Dataset.Column> cols(String... nameMeaning) {
    List<Dataset.Column> c = new ArrayList<>();
    for (int i = 0; i < nameMeaning.length; i += 2) {
      c.add(new Dataset.Column(nameMeaning[i], nameMeaning[i + 1]));
    }
    return List.copyOf(c);
  }

  private static String yn(boolean b) {
    return b ? "Y" : "N";
  }

  private static String money(SplittableRandom r, double mean) {
    return String.format(Locale.ROOT, "%.2f", Math.max(0, mean * (0.4 + 1.2 * r.nextDouble())));
  }

  private static boolean inDistrict(County c, int dwelling, Geography.District d) {
    return d == null || c.geo.wardOfDwelling(dwelling).district() == d;
  }

  /** Adults (18+) of a household on a date, oldest first as the file lists them. */
  private static List<Integer> adults(County c, int h, LocalDate on) {
    List<Integer> out = new ArrayList<>();
    for (int p : c.members(h)) {
      if (c.people.ageOn(p, on) >= 18) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<Integer> childrenAged(County c, int h, LocalDate on, int min, int max) {
    List<Integer> out = new ArrayList<>();
    for (int p : c.members(h)) {
      int a = c.people.ageOn(p, on);
      if (a >= min && a <= max && c.people.dob[p] <= on.toEpochDay()) {
        out.add(p);
      }
    }
    return out;
  }

  /** Emits the row, and now and then the same record again (a duplicate within the file). */
  private static void emit(Noise n, Dataset.Rows out, int person, int household, String... values) {
    out.row(person, household, values);
    if (n.missing(n.rates.duplicateInFile())) {
      out.row(person, household, values.clone());
    }
  }

  // 1. Housing and benefits: one row per claim, address only, each district council
  static final class HousingBenefits implements Dataset {
    public String id() {
      return "housing-benefits";
    }

    public String description() {
      return "Housing benefit and council tax reduction claims, one row per claiming household (district council).";
    }

    public List<Column> columns() {
      return cols(
          "Claim Ref",
          "the council's claim reference",
          "UPRN",
          "Unique Property Reference Number (often zero-padded to 12 digits; sometimes missing)",
          "Address Line 1",
          "first address line",
          "Address Line 2",
          "second address line",
          "Address Line 3",
          "third address line (town)",
          "Post Code",
          "postcode",
          "Council Tax Band",
          "A-H",
          "CTR Percent",
          "council tax reduction, % of the bill",
          "CTR Amount",
          "council tax reduction for the year, GBP",
          "HB Weekly",
          "housing benefit, GBP per week",
          "Tenure",
          "council, housing association, private rented, owner occupier",
          "Total Arrears",
          "total household arrears, GBP",
          "Social Housing",
          "Y/N",
          "Child Benefit",
          "Y/N",
          "CTC",
          "child tax credits, Y/N",
          "Lone Parent Premium",
          "Y/N",
          "Incapacity Benefit",
          "Y/N",
          "LT Family Premium",
          "long-term family premium, Y/N",
          "Emp Income Gross",
          "claimant employment income, gross GBP/week",
          "Emp Income Net",
          "claimant employment income, net GBP/week",
          "SE Income Gross",
          "self-employment income, gross GBP/week",
          "SE Income Net",
          "self-employment income, net GBP/week",
          "Earned Income Disregard",
          "weekly earned income disregard, GBP",
          "Childcare Disregard",
          "weekly childcare disregard, GBP");
    }

    public boolean perDistrict() {
      return true;
    }

    public String partner(Geography.District d) {
      return d.partner();
    }

    public Format format(Geography.District d) {
      return d.index() % 2 == 0 ? Format.CSV_WINDOWS_1252 : Format.XLSX;
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      for (int h = 0; h < p.households; h++) {
        int f = p.flags[h];
        if ((f & CLAIMANT) == 0
            || !inDistrict(c, p.dwelling[h], d)
            || !c.caseOpen(id(), h, q.index(), 12)) {
          continue;
        }
        Noise n = c.noise(id(), h, q.index());
        // a claim's amounts hold from quarter to quarter until a change of circumstances
        int epoch = Noise.epoch(c.seed(), Rng.purpose("hb-change"), h, q.index());
        SplittableRandom r = Rng.of(c.seed(), Rng.purpose("hb-values"), h, epoch);
        int dw = p.dwelling[h];
        String[] lines = n.addressLines(c.geo, dw, true);
        String uprn =
            n.missing(0.05)
                ? ""
                : (r.nextBoolean()
                    ? String.format("%012d", c.geo.uprn[dw])
                    : Long.toString(c.geo.uprn[dw]));
        boolean children = p.type[h] == Population.COUPLE_CHILDREN || p.type[h] == LONE_PARENT;
        boolean social = (f & SOCIAL_HOUSING) != 0;
        String tenure =
            social
                ? (r.nextBoolean() ? "Council" : "Housing Association")
                : (r.nextDouble() < 0.8 ? "Private Rented" : "Owner Occupier");
        boolean working = r.nextDouble() < 0.45;
        emit(
            n,
            out,
            p.firstMember(h),
            h,
            String.format("HB%07d", 1_000_000 + h),
            uprn,
            lines[0],
            lines.length > 2 ? lines[1] : "",
            lines[lines.length - 1],
            n.postcode(c.geo, dw),
            String.valueOf("AABBBCCDEFGH".charAt(r.nextInt(12))),
            Integer.toString(r.nextDouble() < 0.6 ? 100 : 25 + r.nextInt(75)),
            money(r, 1200),
            money(r, social ? 95 : 140),
            tenure,
            (f & ARREARS) != 0 ? money(r, 900) : "0.00",
            yn(social),
            yn(children),
            yn(children && r.nextDouble() < 0.7),
            yn(p.type[h] == LONE_PARENT),
            yn(r.nextDouble() < 0.12),
            yn(children && r.nextDouble() < 0.2),
            working ? money(r, 320) : "0.00",
            working ? money(r, 270) : "0.00",
            r.nextDouble() < 0.08 ? money(r, 250) : "0.00",
            r.nextDouble() < 0.08 ? money(r, 180) : "0.00",
            working ? (p.type[h] == LONE_PARENT ? "25.00" : "10.00") : "0.00",
            children && working && r.nextDouble() < 0.3 ? money(r, 120) : "0.00");
      }
    }
  }

  // 2. Children's social care: one row per child known to social care, county council
  static final class SocialCare implements Dataset {
    public String id() {
      return "childrens-social-care";
    }

    public String description() {
      return "Children known to children's social care: date of birth, main address, start and end dates (county council).";
    }

    public List<Column> columns() {
      return cols(
          "Person ID",
          "the county's case-management person id",
          "Forename",
          "forename",
          "Surname",
          "surname",
          "DOB",
          "date of birth, dd/mm/yyyy",
          "Gender",
          "Male/Female",
          "NHS Number",
          "NHS number, 3-3-4 with spaces, when recorded",
          "Main Address",
          "one-line address",
          "Postcode",
          "postcode",
          "Start Date",
          "date known to social care from, dd/mm/yyyy",
          "End Date",
          "date the involvement ended, blank when open");
    }

    public boolean perDistrict() {
      return false;
    }

    public String partner(Geography.District d) {
      return COUNTY_COUNCIL;
    }

    public Format format(Geography.District d) {
      return Format.CSV_UTF8_BOM;
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      for (int h = 0; h < p.households; h++) {
        if ((p.flags[h] & SOCIAL_CARE) == 0) {
          continue;
        }
        for (int child : childrenAged(c, h, q.end(), 0, 17)) {
          if (!c.caseOpen(id(), child, q.index(), 8)) {
            continue;
          }
          Noise n = c.noise(id(), child, q.index());
          int dw = n.dwellingKnown(p, h, q.index());
          String nhs = p.nhsNumber(child);
          LocalDate start = c.caseStart(id(), child, q);
          if (start.isBefore(p.dobOf(child))) {
            start = p.dobOf(child);
          }
          boolean closing = !c.caseOpen(id(), child, q.index() + 1, 8);
          emit(
              n,
              out,
              child,
              h,
              Integer.toString(5_000_000 + child),
              n.forename(p.forenameOf(child)),
              n.surname(p.surnameAsRecorded(child, n)),
              n.dob(p.dobOf(child)).format(UK),
              p.sex[child] == 'M' ? "Male" : "Female",
              nhs == null || n.missing(n.rates.missingNhsNumber() * 0.5)
                  ? ""
                  : nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6),
              n.addressLines(c.geo, dw, false)[0],
              n.postcode(c.geo, dw),
              start.format(UK),
              closing ? q.end().minusDays(Rng.of(c.seed(), 3, child).nextInt(80)).format(UK) : "");
        }
      }
    }
  }

  // 3. Early Years Foundation Stage Profile: every child at the end of reception, county council
  static final class SchoolReadiness implements Dataset {
    static final String[] GOALS = {
      "LAU", "SPK", "SR", "MS", "BR", "GM", "FM", "COM", "WR", "WRI", "NUM", "NP", "PP", "PCC",
      "NW", "CWM", "BIE"
    };
    private final Map<Integer, Double> offsetByYear = new HashMap<>();

    public String id() {
      return "school-readiness";
    }

    public String description() {
      return "Early Years Foundation Stage Profile results of the latest completed reception year (county council).";
    }

    public List<Column> columns() {
      List<Column> c =
          new ArrayList<>(
              cols(
                  "UPN",
                  "Unique Pupil Number",
                  "Forename",
                  "forename",
                  "Surname",
                  "surname",
                  "DOB",
                  "date of birth, yyyy-mm-dd",
                  "Gender",
                  "M/F",
                  "Ethnicity",
                  "DfE ethnicity code",
                  "FSM",
                  "eligible for free school meals, Y/N",
                  "School URN",
                  "school unique reference number",
                  "School Name",
                  "school name",
                  "School District",
                  "district of the school",
                  "Address",
                  "one-line home address",
                  "Postcode",
                  "postcode"));
      String[] names = {
        "listening, attention and understanding",
        "speaking",
        "self-regulation",
        "managing self",
        "building relationships",
        "gross motor skills",
        "fine motor skills",
        "comprehension",
        "word reading",
        "writing",
        "number",
        "numerical patterns",
        "past and present",
        "people, culture and communities",
        "the natural world",
        "creating with materials",
        "being imaginative and expressive"
      };
      for (int i = 0; i < GOALS.length; i++) {
        c.add(
            new Column(
                "ELG " + GOALS[i],
                "early learning goal: " + names[i] + "; 1 emerging, 2 expected, A not assessed"));
      }
      c.add(
          new Column(
              "GLD",
              "good level of development: expected in the 12 goals of communication and language, PSED, physical development, literacy and mathematics, Y/N"));
      return List.copyOf(c);
    }

    public boolean perDistrict() {
      return false;
    }

    public String partner(Geography.District d) {
      return COUNTY_COUNCIL;
    }

    public Format format(Geography.District d) {
      return Format.XLSX;
    }

    /** The reception cohort assessed in the summer before or in the quarter. */
    static int assessmentYear(Quarter q) {
      return q.end().getMonthValue() >= 7 ? q.end().getYear() : q.end().getYear() - 1;
    }

    static boolean inCohort(LocalDate dob, int assessmentYear) {
      return !dob.isBefore(LocalDate.of(assessmentYear - 6, 9, 1))
          && !dob.isAfter(LocalDate.of(assessmentYear - 5, 8, 31));
    }

    /** The child's latent development, before the calibration offset. */
    static double latent(County c, int child) {
      Population p = c.people;
      int h = p.household[child];
      return latent(
          Rng.normal(Rng.of(c.seed(), Rng.purpose("development"), child)),
          p.flags[h],
          p.type[h],
          p.sex[child] == 'M',
          p.dobOf(child).getMonthValue(),
          c.geo.wardOfDwelling(p.dwelling[h]).deprivation());
    }

    static double latent(
        double z, int f, byte type, boolean boy, int birthMonth, double deprivation) {
      z -= (f & ARREARS) != 0 ? 0.35 : 0;
      z -= (f & DOMESTIC_ABUSE) != 0 ? 0.5 : 0;
      z -= (f & TREATMENT) != 0 ? 0.45 : 0;
      z -= (f & SOCIAL_CARE) != 0 ? 0.6 : 0;
      z -= (f & CLAIMANT) != 0 ? 0.3 : 0;
      z -= type == LONE_PARENT ? 0.2 : 0;
      z -= boy ? 0.35 : 0;
      z -= birthMonth >= 5 && birthMonth <= 8 ? 0.3 : 0;
      return z - 0.4 * (deprivation - 0.4);
    }

    static boolean goalExpected(long seed, long child, int goal, double z) {
      double e = 0.6 * Rng.normal(Rng.of(seed, Rng.purpose("goal"), child, goal));
      return z + e > -1.05 - 0.04 * goal;
    }

    static boolean gld(long seed, long child, double z) {
      for (int g = 0; g < 12; g++) {
        if (!goalExpected(seed, child, g, z)) {
          return false;
        }
      }
      return true;
    }

    /**
     * The offset that gives the configured good-level-of-development rate across a reference
     * county: 20,000 virtual children from the same household model at the county's spread of
     * deprivation. Calibrating on the reference rather than on the children generated keeps a
     * deprived ward below the county rate at every scale.
     */
    double offset(County c) {
      return offsetByYear.computeIfAbsent(
          0,
          y -> {
            int n = 20_000;
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
              java.util.SplittableRandom r = Rng.of(c.seed(), Rng.purpose("reference-child"), i);
              double dep = 0.05 + 0.75 * r.nextDouble();
              byte type = r.nextDouble() < 0.28 ? LONE_PARENT : Population.COUPLE_CHILDREN;
              int flags = Population.circumstances(type, dep, r);
              z[i] = latent(Rng.normal(r), flags, type, r.nextBoolean(), 1 + r.nextInt(12), dep);
            }
            double lo = -4;
            double hi = 4;
            for (int it = 0; it < 30; it++) {
              double mid = (lo + hi) / 2;
              int met = 0;
              for (int i = 0; i < n; i++) {
                met += gld(c.seed(), -1L - i, z[i] + mid) ? 1 : 0;
              }
              if (met < c.config.gldTarget() * n) {
                lo = mid;
              } else {
                hi = mid;
              }
            }
            return hi;
          });
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      int year = assessmentYear(q);
      List<Integer> cohort = new ArrayList<>();
      for (int child = 0; child < p.people; child++) {
        if (inCohort(p.dobOf(child), year) && p.dob[child] <= q.end().toEpochDay()) {
          cohort.add(child);
        }
      }
      double offset = offset(c);
      for (int child : cohort) {
        int h = p.household[child];
        Noise n = c.noise(id(), child, q.index());
        int dw = n.dwellingKnown(p, h, q.index());
        Geography.Ward ward = c.geo.wardOfDwelling(p.dwelling[h]);
        double z = latent(c, child) + offset;
        String upn = p.upn(child);
        List<String> v =
            new ArrayList<>(
                List.of(
                    upn == null || n.missing(n.rates.missingUpn()) ? "" : upn,
                    n.forename(p.forenameOf(child)),
                    n.surname(p.surnameAsRecorded(child, n)),
                    n.dob(p.dobOf(child)).format(ISO),
                    p.sex[child] == 'M' ? "M" : "F",
                    Population.ETHNICITY[p.ethnicity[child]],
                    yn((p.flags[h] & CLAIMANT) != 0),
                    String.format("9%05d", ward.index()),
                    ward.name() + " Primary School",
                    ward.district().name(),
                    n.addressLines(c.geo, dw, false)[0],
                    n.postcode(c.geo, dw)));
        SplittableRandom r = Rng.of(c.seed(), Rng.purpose("not-assessed"), child);
        for (int g = 0; g < GOALS.length; g++) {
          v.add(r.nextDouble() < 0.003 ? "A" : goalExpected(c.seed(), child, g, z) ? "2" : "1");
        }
        boolean gld = true;
        for (int g = 0; g < 12; g++) {
          gld &= v.get(12 + g).equals("2");
        }
        v.add(yn(gld));
        emit(n, out, child, h, v.toArray(String[]::new));
      }
    }
  }

  // 4. Youth offending service: young people known to the YOS
  static final class YouthOffending implements Dataset {
    private static final String[] OFFENCES = {
      "Violence against the person",
      "Theft and handling",
      "Criminal damage",
      "Drugs",
      "Public order",
      "Motoring"
    };

    public String id() {
      return "youth-offending";
    }

    public String description() {
      return "Young people known to the youth offending service, with offence category and gravity.";
    }

    public List<Column> columns() {
      return cols(
          "YOS ID",
          "the service's reference",
          "Name",
          "SURNAME, Forename",
          "DOB",
          "date of birth, dd-MMM-yyyy",
          "Sex",
          "M/F",
          "Address1",
          "address line 1",
          "Address2",
          "address line 2",
          "Town",
          "town",
          "Postcode",
          "postcode",
          "Known to YOS",
          "Y",
          "Offence Category",
          "category of the most serious offence",
          "Gravity",
          "highest offence gravity score, 1-8");
    }

    public boolean perDistrict() {
      return false;
    }

    public String partner(Geography.District d) {
      return "essex-yos";
    }

    public Format format(Geography.District d) {
      return Format.CSV_UTF8;
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      for (int h = 0; h < p.households; h++) {
        if ((p.flags[h] & YOUTH_OFFENDING) == 0) {
          continue;
        }
        for (int yp : childrenAged(c, h, q.end(), 10, 17)) {
          if (!c.caseOpen(id(), yp, q.index(), 5)) {
            continue;
          }
          Noise n = c.noise(id(), yp, q.index());
          SplittableRandom r = Rng.of(c.seed(), Rng.purpose("yos"), yp);
          int dw = n.dwellingKnown(p, h, q.index());
          String[] lines = n.addressLines(c.geo, dw, true);
          emit(
              n,
              out,
              yp,
              h,
              "YOS" + (20_000 + yp),
              n.surname(p.surnameAsRecorded(yp, n)).toUpperCase(Locale.ROOT)
                  + ", "
                  + n.forename(p.forenameOf(yp)),
              n.dob(p.dobOf(yp)).format(YOS),
              p.sex[yp] == 'M' ? "M" : "F",
              lines[0],
              lines.length > 2 ? lines[1] : "",
              lines[lines.length - 1],
              n.postcode(c.geo, dw),
              "Y",
              OFFENCES[r.nextInt(OFFENCES.length)],
              Integer.toString(1 + r.nextInt(8)));
        }
      }
    }
  }

  // 5. Drug and alcohol treatment
  static final class Treatment implements Dataset {
    private static final String[] SUBSTANCE = {
      "Alcohol", "Opiate", "Non-opiate", "Alcohol and non-opiate"
    };
    private static final String[] REFERRAL = {
      "Self", "GP", "Criminal justice", "Social care", "Hospital"
    };
    private static final String[] INTERVENTION = {
      "Pharmacological", "Psychosocial", "Recovery support"
    };

    public String id() {
      return "drug-alcohol-treatment";
    }

    public String description() {
      return "Adults in drug and alcohol treatment, with substance, completion, referral source and intervention.";
    }

    public List<Column> columns() {
      return cols(
          "Client ID",
          "the service's client reference",
          "First Name",
          "forename",
          "Last Name",
          "surname",
          "Date of Birth",
          "yyyy-mm-dd",
          "Gender",
          "Male/Female",
          "NHS No",
          "NHS number without spaces, when known",
          "Address 1",
          "address line 1",
          "Address 2",
          "address line 2",
          "Town",
          "town",
          "Postcode",
          "postcode",
          "Substance",
          "alcohol, opiate, non-opiate, alcohol and non-opiate",
          "In Treatment",
          "Y/N",
          "In Treatment 12m",
          "in treatment within the last 12 months, Y/N",
          "Successful Completion 12m",
          "successful completion in the last 12 months, Y/N",
          "Referral Source",
          "who referred",
          "Intervention",
          "pharmacological, psychosocial, recovery support");
    }

    public boolean perDistrict() {
      return false;
    }

    public String partner(Geography.District d) {
      return "essex-treatment-service";
    }

    public Format format(Geography.District d) {
      return Format.CSV_UTF8;
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      for (int h = 0; h < p.households; h++) {
        if ((p.flags[h] & TREATMENT) == 0) {
          continue;
        }
        List<Integer> adults = adults(c, h, q.end());
        if (adults.isEmpty() || !c.caseOpen(id(), h, q.index(), 6)) {
          continue;
        }
        int client = adults.get(Rng.of(c.seed(), Rng.purpose("client"), h).nextInt(adults.size()));
        Noise n = c.noise(id(), client, q.index());
        SplittableRandom r = Rng.of(c.seed(), Rng.purpose("treatment"), client, q.index());
        int dw = n.dwellingKnown(p, h, q.index());
        String[] lines = n.addressLines(c.geo, dw, true);
        String nhs = p.nhsNumber(client);
        boolean inTreatment = r.nextDouble() < 0.8;
        emit(
            n,
            out,
            client,
            h,
            "TR" + (700_000 + client),
            n.forename(p.forenameOf(client)),
            n.surname(p.surnameAsRecorded(client, n)),
            n.dob(p.dobOf(client)).format(ISO),
            p.sex[client] == 'M' ? "Male" : "Female",
            nhs == null || n.missing(Math.min(1, n.rates.missingNhsNumber() * 2)) ? "" : nhs,
            lines[0],
            lines.length > 2 ? lines[1] : "",
            lines[lines.length - 1],
            n.postcode(c.geo, dw),
            SUBSTANCE[r.nextInt(SUBSTANCE.length)],
            yn(inTreatment),
            "Y",
            yn(!inTreatment && r.nextBoolean()),
            REFERRAL[r.nextInt(REFERRAL.length)],
            INTERVENTION[r.nextInt(INTERVENTION.length)]);
      }
    }
  }

  // 6. Police: incidents at addresses (ASB, domestic abuse, crime), address-centred
  static final class Police implements Dataset {
    private static final String[] CRIME = {
      "Burglary", "Criminal damage", "Violence", "Theft", "Drugs"
    };
    private static final String[] RISK = {"Standard", "Medium", "High"};

    public String id() {
      return "police-incidents";
    }

    public String description() {
      return "Police incidents at addresses: anti-social behaviour, domestic abuse and crime, with risk and repeat flags.";
    }

    public List<Column> columns() {
      return cols(
          "Incident Ref",
          "the force's incident reference",
          "Date",
          "dd/mm/yyyy HH:mm",
          "Location",
          "one-line address in capitals",
          "Postcode",
          "postcode, often missing",
          "Incident Type",
          "ASB, DOMESTIC or CRIME",
          "Crime Group",
          "crime group for CRIME incidents",
          "Offender Address",
          "Y when the offender lives at the location",
          "Present At Household",
          "Y/N",
          "Repeat Offender",
          "Y/N",
          "Drug Related",
          "Y/N",
          "Alcohol Related",
          "Y/N",
          "Child Present",
          "Y/N",
          "Risk Category",
          "Standard/Medium/High (DASH for domestic abuse)",
          "Repeat",
          "repeat location or victim, Y/N",
          "Victim Surname",
          "domestic abuse victim's surname",
          "Victim Forename",
          "domestic abuse victim's forename",
          "Victim DOB",
          "domestic abuse victim's date of birth, dd/mm/yyyy");
    }

    public boolean perDistrict() {
      return false;
    }

    public String partner(Geography.District d) {
      return "essex-police";
    }

    public Format format(Geography.District d) {
      return Format.CSV_UTF8;
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      int ref = 0;
      for (int h = 0; h < p.households; h++) {
        int f = p.flags[h];
        SplittableRandom r = Rng.of(c.seed(), Rng.purpose("incidents"), h, q.index());
        boolean crime = r.nextDouble() < 0.01;
        if ((f & (ANTISOCIAL | DOMESTIC_ABUSE)) == 0 && !crime) {
          continue;
        }
        int incidents = crime ? 1 : r.nextInt(3);
        for (int i = 0; i < incidents; i++) {
          ref++;
          Noise n = c.noise(id(), h * 8L + i, q.index());
          int dw = p.dwelling[h];
          String type =
              (f & DOMESTIC_ABUSE) != 0 && r.nextDouble() < 0.6
                  ? "DOMESTIC"
                  : (f & ANTISOCIAL) != 0 ? "ASB" : "CRIME";
          boolean children = !childrenAged(c, h, q.end(), 0, 17).isEmpty();
          String victimSurname = "";
          String victimForename = "";
          String victimDob = "";
          int victim = -1;
          if (type.equals("DOMESTIC")) {
            for (int a : adults(c, h, q.end())) {
              if (p.sex[a] == 'F') {
                victim = a;
                break;
              }
            }
            if (victim < 0 && !adults(c, h, q.end()).isEmpty()) {
              victim = adults(c, h, q.end()).get(0);
            }
            if (victim >= 0) {
              victimSurname = n.surname(p.surnameAsRecorded(victim, n));
              victimForename = n.forename(p.forenameOf(victim));
              victimDob = n.dob(p.dobOf(victim)).format(UK);
            }
          }
          LocalDate when = q.start().plusDays(r.nextInt(89));
          emit(
              n,
              out,
              victim,
              h,
              String.format("IR-%d-%07d", q.end().getYear(), ref + 1_000_000 * q.index()),
              when.format(UK) + String.format(" %02d:%02d", r.nextInt(24), r.nextInt(60)),
              n.addressLines(c.geo, dw, false)[0].toUpperCase(Locale.ROOT).replace(",", ""),
              r.nextDouble() < 0.35 ? "" : n.postcode(c.geo, dw),
              type,
              type.equals("CRIME") ? CRIME[r.nextInt(CRIME.length)] : "",
              yn(r.nextDouble() < 0.3),
              yn(r.nextDouble() < 0.7),
              yn(r.nextDouble() < 0.2),
              yn((f & TREATMENT) != 0 && r.nextDouble() < 0.6),
              yn(r.nextDouble() < 0.35),
              yn(children && r.nextDouble() < 0.5),
              RISK[Math.min(2, r.nextInt(3) + ((f & TREATMENT) != 0 ? 1 : 0))],
              yn(i > 0 || r.nextDouble() < 0.3),
              victimSurname,
              victimForename,
              victimDob);
        }
      }
    }
  }

  // 7. Supporting Families: every family member, quarterly from a care provider
  static final class SupportingFamilies implements Dataset {
    private static final String[] AREAS = {
      "Getting a good education",
      "Good early years development",
      "Improved mental and physical health",
      "Promoting recovery and reducing harm from substance use",
      "Improved family relationships",
      "Children safe from abuse and exploitation",
      "Crime prevention and tackling crime",
      "Safe from domestic abuse",
      "Secure housing",
      "Financially stable"
    };
    private static final String[] WORKERS = {
      "Dana Whitfield", "Tom Oyelaran", "Priya Nair", "Gareth Lloyd", "Ewa Zielinska"
    };

    public String id() {
      return "supporting-families";
    }

    public String description() {
      return "Supporting Families programme: every member of each supported family, with criteria, dates and outcomes (care provider to the county).";
    }

    public List<Column> columns() {
      return cols(
          "NHS Number",
          "when available",
          "UPN",
          "for children, when available",
          "Forename",
          "forename",
          "Surname",
          "surname",
          "DOB",
          "dd/mm/yyyy",
          "Person Type",
          "Adult/Child",
          "House Number",
          "house or flat number",
          "Road",
          "road",
          "Town",
          "town",
          "Postcode",
          "postcode",
          "Date Support Commenced",
          "dd/mm/yyyy",
          "Services",
          "services provided",
          "Criteria",
          "headline outcome areas identified, separated by ';'",
          "Lead Professional",
          "name of the family's lead professional",
          "Date Closed",
          "dd/mm/yyyy, blank when open",
          "Outcome",
          "free text: may name family members and must not leave the partner");
    }

    public boolean perDistrict() {
      return false;
    }

    public String partner(Geography.District d) {
      return "essex-family-support";
    }

    public Format format(Geography.District d) {
      return Format.CSV_UTF8;
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      for (int h = 0; h < p.households; h++) {
        int f = p.flags[h];
        if ((f & SUPPORTING_FAMILIES) == 0 || !c.caseOpen(id(), h, q.index(), 4)) {
          continue;
        }
        SplittableRandom r = Rng.of(c.seed(), Rng.purpose("sf"), h);
        List<String> criteria = new ArrayList<>();
        if ((f & ARREARS) != 0) {
          criteria.add(AREAS[9]);
        }
        if ((f & DOMESTIC_ABUSE) != 0) {
          criteria.add(AREAS[7]);
        }
        if ((f & TREATMENT) != 0) {
          criteria.add(AREAS[3]);
        }
        if ((f & SOCIAL_CARE) != 0) {
          criteria.add(AREAS[5]);
        }
        if ((f & YOUTH_OFFENDING) != 0) {
          criteria.add(AREAS[6]);
        }
        if ((f & ANTISOCIAL) != 0) {
          criteria.add(AREAS[4]);
        }
        LocalDate start = c.caseStart(id(), h, q);
        boolean closing = !c.caseOpen(id(), h, q.index() + 1, 4);
        int[] family = c.members(h);
        String named = p.forenameOf(family[0]);
        String outcome =
            closing
                ? (r.nextBoolean()
                    ? "Family engaged well; " + named + " now in work and arrears cleared."
                    : "Sustained progress against plan.")
                : "";
        for (int m : family) {
          if (p.dob[m] > q.end().toEpochDay()) {
            continue;
          }
          Noise n = c.noise(id(), m, q.index());
          int dw = n.dwellingKnown(p, h, q.index());
          boolean adult = p.ageOn(m, q.end()) >= 18;
          String nhs = p.nhsNumber(m);
          String upn = adult ? null : p.upn(m);
          String[] parts = n.addressParts(c.geo, dw);
          emit(
              n,
              out,
              m,
              h,
              nhs == null || n.missing(0.4) ? "" : nhs,
              upn == null || n.missing(0.3) ? "" : upn,
              n.forename(p.forenameOf(m)),
              n.surname(p.surnameAsRecorded(m, n)),
              n.dob(p.dobOf(m)).format(UK),
              adult ? "Adult" : "Child",
              parts[0],
              parts[1],
              parts[2],
              n.postcode(c.geo, dw),
              start.format(UK),
              "Family support worker; parenting programme",
              String.join("; ", criteria),
              WORKERS[r.nextInt(WORKERS.length)],
              closing ? q.end().minusDays(r.nextInt(60)).format(UK) : "",
              outcome);
        }
      }
    }
  }

  /**
   * The county's Supporting Families claims register: every family claimed for, period by period,
   * each member on a row. A family is claimed in the quarter its support closes; some were also
   * claimed in a period before the first quarter generated, which is what "have we claimed this
   * family before?" must catch. The register is cumulative, so each quarter's file is a full
   * extract that replaces the previous one.
   */
  static final class SupportingFamiliesClaims implements Dataset {
    /** Share of supported families with a claim before the generated quarters. */
    static final double CLAIMED_BEFORE = 0.25;

    public String id() {
      return "supporting-families-claims";
    }

    public String description() {
      return "Supporting Families claims register: every member of each family claimed for, with the period and the outcome areas claimed (county council).";
    }

    public List<Column> columns() {
      return cols(
          "Claim Reference",
          "the programme's reference for the claim",
          "Claim Period",
          "YYYY-Qn",
          "NHS Number",
          "when available",
          "UPN",
          "for children, when available",
          "Forename",
          "forename",
          "Surname",
          "surname",
          "DOB",
          "dd/mm/yyyy",
          "House Number",
          "house or flat number",
          "Road",
          "road",
          "Town",
          "town",
          "Postcode",
          "postcode",
          "Outcome Areas Claimed",
          "headline outcome areas, separated by ';'");
    }

    public boolean perDistrict() {
      return false;
    }

    public String partner(Geography.District d) {
      return COUNTY_COUNCIL;
    }

    public Format format(Geography.District d) {
      return Format.CSV_UTF8;
    }

    /** The quarter (index, may be negative) before the generated ones a family was claimed in. */
    static int earlierClaim(County c, int h) {
      SplittableRandom r = Rng.of(c.seed(), Rng.purpose("sf-claim-before"), h);
      return r.nextDouble() < CLAIMED_BEFORE ? -1 - r.nextInt(8) : Integer.MIN_VALUE;
    }

    /** Whether the family's support closes in the quarter, so it is claimed for then. */
    static boolean claimedIn(County c, int h, int quarter) {
      return c.caseOpen("supporting-families", h, quarter, 4)
          && !c.caseOpen("supporting-families", h, quarter + 1, 4);
    }

    static String label(Quarter first, int offset) {
      LocalDate start = first.start().minusMonths(3L * first.index()).plusMonths(3L * offset);
      return start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      int claims = 0;
      for (int h = 0; h < p.households; h++) {
        if ((p.flags[h] & SUPPORTING_FAMILIES) == 0) {
          continue;
        }
        int before = earlierClaim(c, h);
        if (before != Integer.MIN_VALUE) {
          claim(c, q, h, before, ++claims, "Improved family relationships", out);
        }
        for (int k = 0; k <= q.index(); k++) {
          if (claimedIn(c, h, k)) {
            claim(c, q, h, k, ++claims, areas(p.flags[h]), out);
          }
        }
      }
    }

    private static String areas(int f) {
      List<String> a = new ArrayList<>();
      if ((f & DOMESTIC_ABUSE) != 0) {
        a.add("Safe from domestic abuse");
      }
      if ((f & TREATMENT) != 0) {
        a.add("Promoting recovery and reducing harm from substance use");
      }
      if ((f & SOCIAL_CARE) != 0) {
        a.add("Children safe from abuse and exploitation");
      }
      if ((f & ARREARS) != 0) {
        a.add("Financially stable");
      }
      if (a.isEmpty()) {
        a.add("Improved family relationships");
      }
      return String.join("; ", a);
    }

    private static void claim(
        County c, Quarter q, int h, int period, int n, String areas, Rows out) {
      Population p = c.people;
      String label = label(q, period);
      String reference = String.format(Locale.ROOT, "CL-%s-%05d", label.replace("-", ""), n);
      for (int m : c.members(h)) {
        if (p.dob[m] > q.end().toEpochDay()) {
          continue;
        }
        Noise noise = c.noise("supporting-families-claims", m, period);
        int dw = noise.dwellingKnown(p, h, q.index());
        boolean adult = p.ageOn(m, q.end()) >= 18;
        String nhs = p.nhsNumber(m);
        String upn = adult ? null : p.upn(m);
        String[] parts = noise.addressParts(c.geo, dw);
        out.row(
            m,
            h,
            reference,
            label,
            nhs == null || noise.missing(0.3) ? "" : nhs,
            upn == null || noise.missing(0.3) ? "" : upn,
            noise.forename(p.forenameOf(m)),
            noise.surname(p.surnameAsRecorded(m, noise)),
            noise.dob(p.dobOf(m)).format(UK),
            parts[0],
            parts[1],
            parts[2],
            noise.postcode(c.geo, dw),
            areas);
      }
    }
  }

  // 8. Domestic-abuse homelessness (H-CLIC style), each district council, Excel
  static final class DomesticAbuseHomelessness implements Dataset {
    public String id() {
      return "da-homelessness";
    }

    public String description() {
      return "Homelessness applications (H-CLIC style) whose reason for loss of settled home is domestic abuse (district council).";
    }

    public List<Column> columns() {
      return cols(
          "Case ID",
          "H-CLIC case id",
          "Applicant Forename",
          "forename",
          "Applicant Surname",
          "surname",
          "Applicant DOB",
          "dd/mm/yyyy",
          "Applicant Sex",
          "Female/Male",
          "Household Type",
          "e.g. single parent with children",
          "Number of Children",
          "dependent children in the household",
          "Reason for Loss of Settled Home",
          "Domestic abuse",
          "Duty",
          "Prevention or Relief",
          "Date of Application",
          "dd/mm/yyyy",
          "Last Settled Address",
          "one-line address, or 'No fixed abode'",
          "Postcode",
          "postcode, or a pseudo-postcode such as ZZ99 3VZ");
    }

    public boolean perDistrict() {
      return true;
    }

    public String partner(Geography.District d) {
      return d.partner();
    }

    public Format format(Geography.District d) {
      return Format.XLSX;
    }

    public void rows(County c, Quarter q, Geography.District d, Rows out) {
      Population p = c.people;
      for (int h = 0; h < p.households; h++) {
        if ((p.flags[h] & DA_HOMELESS) == 0
            || !inDistrict(c, p.dwelling[h], d)
            || !c.caseOpen(id(), h, q.index(), 3)) {
          continue;
        }
        List<Integer> adults = adults(c, h, q.end());
        if (adults.isEmpty()) {
          continue;
        }
        int applicant = adults.get(0);
        for (int a : adults) {
          if (p.sex[a] == 'F') {
            applicant = a;
            break;
          }
        }
        Noise n = c.noise(id(), applicant, q.index());
        SplittableRandom r = Rng.of(c.seed(), Rng.purpose("hclic"), h, q.index());
        int kids = childrenAged(c, h, q.end(), 0, 17).size();
        boolean nfa = n.missing(n.rates.noFixedAbode());
        int dw = n.dwellingKnown(p, h, q.index());
        emit(
            n,
            out,
            applicant,
            h,
            String.format("%s-%06d", d.slug().toUpperCase(Locale.ROOT), h),
            n.forename(p.forenameOf(applicant)),
            n.surname(p.surnameAsRecorded(applicant, n)),
            n.dob(p.dobOf(applicant)).format(UK),
            p.sex[applicant] == 'F' ? "Female" : "Male",
            kids > 0
                ? (adults.size() > 1 ? "Couple with children" : "Single parent with children")
                : (adults.size() > 1 ? "Couple" : "Single adult"),
            Integer.toString(kids),
            "Domestic abuse",
            r.nextBoolean() ? "Prevention" : "Relief",
            q.start().plusDays(r.nextInt(89)).format(UK),
            nfa ? "No fixed abode" : n.addressLines(c.geo, dw, false)[0],
            nfa ? "ZZ99 3VZ" : n.postcode(c.geo, dw));
      }
    }
  }
}
