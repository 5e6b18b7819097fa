package org.hearth.pseudonymise.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Realistic free text without identifiers, as partners fill their text and code fields: hospitals,
 * wards (many named after people), schools (many named after saints and founders), towns and
 * electoral wards, council and voluntary services (charities named after people too), offence
 * descriptions, case-note phrases, reference numbers, amounts, periods and code values.
 *
 * <p>Assembled two ways: hand-written lists in test resources ({@code clean-*.txt}, each says how
 * it was written), and generators here that combine word lists (saint x denomination x phase for
 * schools, subject x action x period for case notes, reference and amount formats). Deterministic:
 * a fixed seed.
 */
final class CleanCorpus {
  record Clean(String source, String value) {}

  private CleanCorpus() {}

  static List<Clean> all() {
    List<Clean> out = new ArrayList<>();
    for (String file :
        List.of(
            "clean-places.txt",
            "clean-schools.txt",
            "clean-services.txt",
            "clean-offences.txt",
            "clean-notes.txt",
            "clean-holdout.txt")) {
      for (String v : resource(file)) {
        out.add(new Clean(file.substring(6, file.length() - 4), v));
      }
    }
    Random r = new Random(26);
    for (String v : schools()) {
      out.add(new Clean("schools (generated)", v));
    }
    for (String v : syntheticCountyWards()) {
      out.add(new Clean("synthetic county wards and schools", v));
    }
    for (String v : caseNotes(r)) {
      out.add(new Clean("notes (generated)", v));
    }
    for (String v : references(r)) {
      out.add(new Clean("references", v));
    }
    for (String v : amounts(r)) {
      out.add(new Clean("amounts", v));
    }
    for (String v : periods()) {
      out.add(new Clean("periods", v));
    }
    for (String v : codes()) {
      out.add(new Clean("codes", v));
    }
    return out;
  }

  private static List<String> resource(String name) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                CleanCorpus.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static Set<String> schools() {
    String[] saints = {
      "St Mary's",
      "St John's",
      "St Joseph's",
      "St Peter's",
      "St Paul's",
      "St Anne's",
      "St Helen's",
      "St Teresa's",
      "St Bernadette's",
      "St Margaret's",
      "St Michael's",
      "St George's",
      "St Andrew's",
      "St Luke's",
      "St Mark's",
      "St Thomas of Canterbury",
      "St Francis'",
      "St Clare's",
      "St Catherine's",
      "St Edward's",
      "St Patrick's",
      "St Nicholas'",
      "St Cedd's",
      "St Osyth's",
      "St Katherine's",
      "St Alban's",
      "St Gabriel's",
      "St Martin's",
      "St James'",
      "St Chad's",
      "St. Mary's",
      "Saint John's"
    };
    String[] kinds = {
      "Catholic Primary School",
      "C of E Primary School",
      "Church of England Infant School",
      "Catholic Junior School",
      "Catholic High School",
      "Catholic Academy"
    };
    Set<String> out = new LinkedHashSet<>();
    for (String s : saints) {
      for (String k : kinds) {
        out.add(s + " " + k);
      }
    }
    out.add("ST MARY'S CATHOLIC PRIMARY SCHOOL");
    out.add("st mary's catholic primary school");
    return out;
  }

  /** The synthetic county's electoral wards and the schools named after them (PartnerDatasets). */
  private static Set<String> syntheticCountyWards() {
    String[] towns = {
      "Basildon",
      "Pitsea",
      "Wickford",
      "Billericay",
      "Laindon",
      "Braintree",
      "Witham",
      "Halstead",
      "Coggeshall",
      "Brentwood",
      "Shenfield",
      "Ingatestone",
      "Canvey Island",
      "Benfleet",
      "Hadleigh",
      "Chelmsford",
      "South Woodham Ferrers",
      "Writtle",
      "Colchester",
      "Wivenhoe",
      "Tiptree",
      "Epping",
      "Loughton",
      "Waltham Abbey",
      "Chigwell",
      "Harlow",
      "Old Harlow",
      "Maldon",
      "Burnham-on-Crouch",
      "Heybridge",
      "Rochford",
      "Rayleigh",
      "Hockley",
      "Clacton-on-Sea",
      "Harwich",
      "Frinton-on-Sea",
      "Walton-on-the-Naze",
      "Saffron Walden",
      "Great Dunmow",
      "Stansted Mountfitchet"
    };
    String[] suffixes = {
      "North", "South", "East", "West", "Central", "Park", "Green", "Heath", "Village", "Fields",
      "Hill", "Vale", "Common", "Gate", "Meadows", "Lakes"
    };
    Set<String> out = new LinkedHashSet<>();
    for (int t = 0; t < towns.length; t++) {
      String ward = towns[t] + " " + suffixes[t % suffixes.length];
      out.add(ward);
      out.add(ward + " Primary School");
    }
    out.add("Marshside");
    return out;
  }

  private static Set<String> caseNotes(Random r) {
    String[] subjects = {
      "Mum",
      "Dad",
      "The young person",
      "The child",
      "Parent",
      "Carer",
      "Grandmother",
      "Older sibling",
      "The family",
      "The household",
      "YP",
      "Client"
    };
    String[] actions = {
      "engaged with the family support worker",
      "attended the review meeting",
      "missed the appointment",
      "completed the parenting course",
      "reported improved sleep",
      "was seen at home",
      "attended school every day",
      "started a new job",
      "moved to a new tenancy",
      "was referred to Open Road",
      "received a food bank voucher",
      "agreed the safety plan"
    };
    String[] periods = {
      "this week",
      "last month",
      "in March 2026",
      "during 2026-Q1",
      "since the last review",
      "over the spring term",
      "in Q3 2025/26",
      "on Tuesday",
      "twice this month",
      "in the summer holidays"
    };
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < 300) {
      out.add(
          subjects[r.nextInt(subjects.length)]
              + " "
              + actions[r.nextInt(actions.length)]
              + " "
              + periods[r.nextInt(periods.length)]
              + ".");
    }
    return out;
  }

  private static Set<String> references(Random r) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < 12; i++) {
      out.add(String.format("REF-2026-%05d", r.nextInt(100_000)));
      out.add(String.format("CR/2026/%06d", r.nextInt(1_000_000)));
      out.add(String.format("IR-2026-%07d", r.nextInt(10_000_000)));
      out.add(String.format("HB%07d", r.nextInt(10_000_000)));
      out.add(String.format("CASE-%06d", r.nextInt(1_000_000)));
      out.add(String.format("EH-25-%04d", r.nextInt(10_000)));
      out.add(String.format("MASH/2026/%04d", r.nextInt(10_000)));
      out.add(String.format("Crime ref 42/%06d/26", r.nextInt(1_000_000)));
      out.add(String.format("Ticket #%05d", r.nextInt(100_000)));
      out.add(String.format("Claim SF-%04d-%03d", r.nextInt(10_000), r.nextInt(1000)));
    }
    out.add("E05900001");
    out.add("E01900001");
    out.add("E06000012");
    out.add("ZX1 1");
    out.add("SS14 1");
    out.add("CM12 9");
    out.add("ZZ99 3VZ");
    return out;
  }

  private static Set<String> amounts(Random r) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < 15; i++) {
      out.add(String.format("£%,.2f", r.nextInt(500_000) / 100.0));
      out.add(String.format("%.2f", r.nextInt(100_000) / 100.0));
      out.add(String.format("£%d per week", 10 + r.nextInt(400)));
      out.add(String.format("£%d.00 arrears", 50 + r.nextInt(3000)));
      out.add(String.format("%d%%", r.nextInt(101)));
      out.add(String.format("%d hours", 1 + r.nextInt(40)));
    }
    out.add("99,0000,0000");
    out.add("1,234,567,890");
    return out;
  }

  private static Set<String> periods() {
    String[] months = {
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December"
    };
    Set<String> out = new LinkedHashSet<>();
    for (int y = 2024; y <= 2027; y++) {
      out.add(y + "-Q1");
      out.add(y + "-Q3");
      out.add("Q2 " + y + "/" + (y + 1 - 2000));
      out.add("FY" + y + "/" + (y + 1 - 2000));
      out.add(y + "-" + (y + 1 - 2000));
      out.add("Spring term " + y);
      out.add("April " + y + " to March " + (y + 1));
    }
    for (String m : months) {
      out.add(m + " 2026");
      out.add(m.substring(0, 3) + "-26");
    }
    out.add("w/c Monday");
    out.add("2026-03");
    out.add("03/2026");
    out.add("Summer holidays 2026");
    return out;
  }

  private static List<String> codes() {
    return List.of(
        "White British",
        "White Irish",
        "Gypsy/Roma",
        "Irish Traveller",
        "Any other White background",
        "Mixed White and Black Caribbean",
        "Mixed White and Asian",
        "Asian or Asian British - Indian",
        "Asian or Asian British - Pakistani",
        "Asian or Asian British - Bangladeshi",
        "Black or Black British - Caribbean",
        "Black or Black British - African",
        "Chinese",
        "Any other ethnic group",
        "Christian",
        "Muslim",
        "Hindu",
        "Sikh",
        "Jewish",
        "Buddhist",
        "No religion",
        "Private Rented",
        "Social Rented",
        "Owner Occupier",
        "Temporary Accommodation",
        "Sofa surfing",
        "No fixed abode",
        "Red",
        "Amber",
        "Green",
        "Alcohol and non-opiate",
        "Opiate and crack",
        "Non-opiate only",
        "Police",
        "School",
        "Health visitor",
        "Self-referral",
        "Neighbour",
        "Anonymous",
        "Y",
        "N",
        "Male",
        "Female",
        "Not known",
        "Closed - outcomes met",
        "Closed - disengaged",
        "Stepped down",
        "Open",
        "Jordan",
        "India",
        "Poland",
        "Romania");
  }
}
