package org.hearth.pseudonymise.detect;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Upn;

/**
 * Identifiers planted the way they leak: pasted into free-text and code fields, in the formats
 * people write, with the audit's misses (dotted and double-spaced NHS numbers, lower-case UPNs,
 * London, Northern Ireland, bracketed and 0044 phone numbers, names, dates of birth, address lines)
 * and a few a list-based detector cannot know (a name in no list, a street without a street word),
 * so that recall is measured, not assumed. Deterministic: a fixed seed, and the formats are written
 * out here rather than derived from the detector's patterns.
 *
 * <p>Numbers are the kind test data must use: NHS numbers from the 999 test range (and NHS
 * Digital's published 943 476 5919), Ofcom's drama ranges for UK phone numbers, reserved example
 * domains for e-mail.
 */
final class PlantedCorpus {
  record Planted(IdentifierRule kind, String field, String value) {}

  private static final String[] FREE_TEXT = {
    "case_notes", "comments", "reason_for_referral", "outcome_notes", "description"
  };
  private static final String[] CODE_FIELDS = {"crime_group", "referral_source", "outcome_code"};

  private final Random random = new Random(19);
  private final List<Planted> out = new ArrayList<>();

  static List<Planted> all() {
    PlantedCorpus c = new PlantedCorpus();
    c.nhsNumbers();
    c.upns();
    c.postcodes();
    c.emails();
    c.phones();
    c.datesOfBirth();
    c.addresses();
    c.names();
    c.holdout();
    return c.out;
  }

  private void add(IdentifierRule kind, String template, String value) {
    String field =
        template.equals("{}")
            ? CODE_FIELDS[out.size() % CODE_FIELDS.length]
            : FREE_TEXT[out.size() % FREE_TEXT.length];
    out.add(new Planted(kind, field, template.replace("{}", value)));
  }

  private void addField(IdentifierRule kind, String field, String value) {
    out.add(new Planted(kind, field, value));
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }

  private void nhsNumbers() {
    List<Function<String, String>> formats =
        List.of(
            d -> d,
            d -> d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6),
            d -> d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6),
            d -> d.substring(0, 3) + "." + d.substring(3, 6) + "." + d.substring(6),
            d -> d.substring(0, 3) + "  " + d.substring(3, 6) + "  " + d.substring(6),
            d -> d.substring(0, 3) + " - " + d.substring(3, 6) + " - " + d.substring(6),
            d -> d.substring(0, 3) + "/" + d.substring(3, 6) + "/" + d.substring(6),
            d -> d.substring(0, 3) + " " + d.substring(3),
            d -> d.substring(0, 6) + " " + d.substring(6),
            d -> d.substring(0, 3) + "\u00a0" + d.substring(3, 6) + "\u00a0" + d.substring(6),
            d -> d.substring(0, 3) + "\t" + d.substring(3, 6) + "\t" + d.substring(6),
            d -> String.join(" ", d.split("")),
            d -> "(" + d.substring(0, 3) + ") " + d.substring(3, 6) + " " + d.substring(6),
            d -> d.substring(0, 4) + " " + d.substring(4, 7) + " " + d.substring(7),
            d -> d.substring(0, 3) + ". " + d.substring(3, 6) + ". " + d.substring(6));
    String[] contexts = {
      "NHS no {}",
      "NHS number: {}",
      "nhs {} confirmed with GP",
      "{}",
      "Patient NHS# {}.",
      "Mum's NHS number is {} per health visitor",
      "ref {}",
      "NHSNo={}",
      "Previous NHS number {}; new one pending.",
      "Child (NHS {}) seen at clinic"
    };
    add(IdentifierRule.NHS_NUMBER, "NHS {}", "943 476 5919");
    for (int i = 0; i < 44; i++) {
      String d = nhsNumber();
      add(
          IdentifierRule.NHS_NUMBER,
          contexts[i % contexts.length],
          formats.get(i % formats.size()).apply(d));
    }
    addField(IdentifierRule.NHS_NUMBER, "nhs_no", nhsNumber());
  }

  private String nhsNumber() {
    while (true) {
      String nine = "999" + String.format("%06d", random.nextInt(1_000_000));
      int check = NhsNumber.checkDigit(nine);
      if (check != 10) {
        return nine + check;
      }
    }
  }

  private void upns() {
    String[] contexts = {
      "UPN {}", "upn: {}", "{}", "Pupil {} moved school", "UPN={} (temporary)", "school ref {}"
    };
    for (int i = 0; i < 30; i++) {
      String u = upn(i % 5 == 4);
      String written =
          switch (i % 6) {
            case 0 -> u;
            case 1 -> u.toLowerCase(Locale.ROOT);
            case 2 -> u.charAt(0) + " " + u.substring(1);
            case 3 -> u.substring(0, 4) + " " + u.substring(4, 8) + " " + u.substring(8);
            case 4 -> u.charAt(0) + u.substring(1).toLowerCase(Locale.ROOT);
            default -> u.substring(0, 4) + "-" + u.substring(4, 8) + "-" + u.substring(8);
          };
      add(IdentifierRule.UPN, contexts[i % contexts.length], written);
    }
  }

  private String upn(boolean temporary) {
    String la = pick(new String[] {"881", "882", "883", "316", "204", "330"});
    String body =
        la
            + String.format("%04d", 2000 + random.nextInt(8000))
            + String.format("%02d", 10 + random.nextInt(16))
            + (temporary
                ? String.format("%02d", random.nextInt(100))
                    + "ABCDEFGHJK".charAt(random.nextInt(10))
                : String.format("%03d", random.nextInt(1000)));
    String withPlaceholder = "A" + body;
    return Upn.checkLetter(withPlaceholder) + body;
  }

  private void postcodes() {
    String[] outward = {
      "SS14", "SS16", "CM11", "CM12", "SS0", "SS9", "RM17", "CO1", "CO15", "CM1", "CM20", "IG10",
      "E1", "E17", "N1", "SW1A", "W1A", "EC1A", "M1", "B33", "BT9", "CF10", "LS1", "G2", "EH1",
      "L1", "NE1", "DN55", "CR2", "BS1"
    };
    String letters = "ABDEFGHJLNPQRSTUWXYZ";
    String[] contexts = {
      "{}",
      "lives at {}",
      "moved to the {} area",
      "Basildon, {}",
      "Temporary address postcode {}.",
      "new postcode ({}) given by mum",
      "pc {}",
      "Family relocated to {} last month"
    };
    for (int i = 0; i < 45; i++) {
      String o = outward[i % outward.length];
      int digit = random.nextInt(10);
      String in =
          ""
              + digit
              + letters.charAt(random.nextInt(letters.length()))
              + letters.charAt(random.nextInt(letters.length()));
      String written =
          switch (i % 9) {
            case 0 -> o + " " + in;
            case 1 -> (o + " " + in).toLowerCase(Locale.ROOT);
            case 2 -> o + in;
            case 3 -> o + "  " + in;
            case 4 -> mixedCase(o + " " + in);
            case 5 -> o + "-" + in;
            case 6 -> o + "\u00a0" + in;
            case 7 -> (o + in).toLowerCase(Locale.ROOT);
            default -> o + " " + (digit == 0 ? "O" + in.substring(1) : in);
          };
      add(IdentifierRule.FULL_POSTCODE, contexts[i % contexts.length], written);
    }
  }

  private static String mixedCase(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return b.toString();
  }

  private void emails() {
    String[] values = {
      "jane.doe@example.com",
      "J.SMITH1987@EXAMPLE.ORG",
      "kelly_b@example.net",
      "mum.of.3@example.co.uk",
      "siobhan.o'neill@nhs.example.net",
      "Sarah.Jones@essex.example.gov.uk",
      "tom+school@example.com",
      "head@school.example.sch.uk",
      "mailto:dad.jones@example.org",
      "<p.kowalski@example.pl>",
      "jane.doe @ example.com",
      "jane.doe@ example.com",
      "jane.doe(at)example.com",
      "jane.doe [at] example [dot] com",
      "jane dot doe at example dot com",
      "JANE.DOE AT EXAMPLE DOT CO DOT UK",
      "j.doe{at}example.org",
      "email: aaliyah.k@example.com.",
      "(kwame.m@example.org)",
      "zoë.brown@example.com",
      "123456@example.com",
      "first-last@sub.domain.example.org",
      "a@example.io",
      "x_y.z@example.ie",
      "contact via mum's email kellyb1990@example.com only",
      "ref sent to fostering.team@council.example.gov.uk and the IRO",
      "user%tag@example.com",
      "mo.ali@example.com;sara.ali@example.com",
      "Email = LIAM.OCONNOR@EXAMPLE.COM"
    };
    String[] contexts = {"{}", "email {}", "Contact: {}", "sent to {} today"};
    for (int i = 0; i < values.length; i++) {
      add(IdentifierRule.EMAIL_ADDRESS, contexts[i % contexts.length], values[i]);
    }
  }

  private void phones() {
    String[] values = {
      "07700 900123",
      "07700900456",
      "07700-900-789",
      "07700 900 321",
      "+44 7700 900654",
      "+447700900987",
      "+44 (0)7700 900111",
      "0044 7700 900222",
      "(07700) 900333",
      "07700.900.444",
      "020 7946 0123",
      "0207 946 0456",
      "(020) 7946 0789",
      "+44 20 7946 0321",
      "+44 (0) 20 7946 0654",
      "0044 20 7946 0987",
      "02079460111",
      "028 9649 6123",
      "(028) 9649 6456",
      "+44 28 9649 6789",
      "02896496321",
      "0044 (0)28 9649 6654",
      "0161 496 0123",
      "(0161) 496 0456",
      "0161-496-0789",
      "0113 496 0321",
      "0117 496 0654",
      "0121 496 0987",
      "0131 496 0111",
      "0141 496 0222",
      "0191 498 0333",
      "01632 960444",
      "(01632) 960555",
      "0808 157 0666",
      "0306 999 0777",
      "01268 533333",
      "+1 202 555 0143",
      "+33 1 99 00 12 34",
      "+61 491 570 156",
      "+48 512 345 678",
      "+91 98765 43210",
      "+234 803 123 4567",
      "00353 1 234 5678",
      "+49 30 123456",
      "+44 1632 960888"
    };
    String[] contexts = {
      "{}",
      "call {}",
      "tel: {}",
      "Mob {}",
      "contact mum on {} after 6pm",
      "ph {} (evenings)",
      "Dad's number {}",
      "Tel:{}"
    };
    for (int i = 0; i < values.length; i++) {
      add(IdentifierRule.PHONE_NUMBER, contexts[i % contexts.length], values[i]);
    }
  }

  private void datesOfBirth() {
    String[] patterns = {
      "dd/MM/yyyy",
      "d/M/yyyy",
      "dd-MM-yyyy",
      "dd.MM.yy",
      "dd.MM.yyyy",
      "yyyy-MM-dd",
      "yyyy/MM/dd",
      "d MMMM yyyy",
      "d MMM yyyy",
      "d'th' MMM yyyy",
      "d'th of' MMMM yyyy",
      "MMMM d, yyyy",
      "MMM d yyyy",
      "dd-MMM-yyyy",
      "dd MMM yy",
      "ddMMyyyy",
      "MM/dd/yyyy",
      "d/M/yy",
      "dd / MM / yyyy",
      "EEEE d MMMM yyyy"
    };
    String[] contexts = {
      "DOB {}",
      "D.O.B: {}",
      "born {}",
      "date of birth {}",
      "{}",
      "child's dob is {}",
      "b. {}",
      "Sibling ({}) also known to CSC"
    };
    for (int i = 0; i < 40; i++) {
      LocalDate d = LocalDate.of(1935, 1, 1).plusDays(random.nextInt(365 * 88));
      String pattern = patterns[i % patterns.length];
      if (pattern.equals("MM/dd/yyyy") && d.getDayOfMonth() <= 12) {
        d = d.withDayOfMonth(13 + random.nextInt(15));
      }
      String written = d.format(DateTimeFormatter.ofPattern(pattern, Locale.UK));
      if (i % patterns.length == 13) {
        written = written.toUpperCase(Locale.ROOT);
      }
      String context = pattern.equals("ddMMyyyy") ? "DOB {}" : contexts[i % contexts.length];
      add(IdentifierRule.DATE_OF_BIRTH, context, written);
    }
    // a date-of-birth column declared as an ordinary date attribute: the edge writes it as ISO
    addField(IdentifierRule.DATE_OF_BIRTH, "date_of_birth", "2015-03-12");
    addField(IdentifierRule.DATE_OF_BIRTH, "dob", "2011-07-30");
    addField(IdentifierRule.DATE_OF_BIRTH, "child_dob", "2019-11-02");
  }

  private void addresses() {
    String[] values = {
      "12 Acacia Avenue",
      "12a High Street",
      "Flat 3, 14 Mill Road",
      "flat 3b",
      "2-4 Church Lane",
      "No. 7 The Crescent",
      "14 station rd",
      "33 Kings Rd",
      "7 St Mary's Close",
      "Apartment 12",
      "Apt 4, Riverside Court",
      "221B Baker Street",
      "9 Oak Dr",
      "15 Elm Gr",
      "1 Nightingale Mews",
      "45 Victoria Park Road",
      "100 Clayhill Road",
      "16 Rectory Gardens",
      "27 Chestnut Walk",
      "4 Orchard Way",
      "19 Meadow Rise",
      "6 Hawthorn Grove",
      "52 Sycamore Terrace",
      "31 Pound Lane",
      "12 Queens Park Court",
      "5 Windsor Place",
      "88 Fenton Way",
      "2 Cedar Hill",
      "lives at 12 acacia avenue with nan",
      "12, Acacia Avenue",
      "Maisonette 2",
      "14 UPPER MAYNE ROAD",
      "3 The Spinney",
      "8 Felmores End",
      "moved from 41 Nevendon Rd to temporary accommodation",
      "Flat 12, Cranes Court"
    };
    String[] contexts = {"{}", "address: {}", "Family now at {}.", "prev addr {}"};
    for (int i = 0; i < values.length; i++) {
      add(IdentifierRule.ADDRESS_LINE, contexts[i % contexts.length], values[i]);
    }
  }

  /**
   * A holdout written after the detector was tuned on the lists above, measured as it came: its one
   * miss is an address with no street word ("9B Cherrydown East"), out of the rule's reach.
   */
  private void holdout() {
    String[][] values = {
      {"nhs-number", "NHS Number 999 000 0018 (per GP letter)"},
      {"nhs-number", "nhs no.9990000026"},
      {"nhs-number", "Health no: 999-000-0034"},
      {"nhs-number", "pt's NHS # 999 . 000 . 0042"},
      {"nhs-number", "NHS:999 000 0050; CHI unknown"},
      {"full-postcode", "postcode cm12 9ab"},
      {"full-postcode", "Address postcode: RM17 6QP."},
      {"full-postcode", "lives in SS1 2AB with grandparents"},
      {"full-postcode", "co15  4rt"},
      {"phone-number", "Mum's mob is 07700 900 418"},
      {"phone-number", "ring dad 07700900419 after 5"},
      {"phone-number", "Landline unknown - 0161 496 0999"},
      {"phone-number", "Grandma: (0117) 496 0555"},
      {"phone-number", "Work no. +44 (0)113 496 0222 ext 12"},
      {"phone-number", "Irish number 00 353 87 123 4567"},
      {"phone-number", "NI home 028 9649 6999"},
      {"email-address", "Email kellyb@example.com / Tel to follow"},
      {"email-address", "emailed sarah.jones at example.org"},
      {"date-of-birth", "born on 3rd June 2012"},
      {"date-of-birth", "D.O.B. 03/06/12"},
      {"date-of-birth", "DoB: 2012-06-03"},
      {"date-of-birth", "Date of Birth 3 Jun 2012"},
      {"date-of-birth", "dob 3.6.2012"},
      {"date-of-birth", "birthday 3rd of June 2012"},
      {"date-of-birth", "Child born 14/02/2019 at Basildon Hospital"},
      {"date-of-birth", "date of birth: June 3rd, 2012"},
      {"date-of-birth", "age 8 (dob 12/11/2017)"},
      {"address-line", "lives at 45 Laindon Road, Billericay"},
      {"address-line", "moved into 9B Cherrydown East"},
      {"address-line", "address 2 Kingswood Ave"},
      {"address-line", "c/o 18 Vange Hill Drive"},
      {"address-line", "Flat 2, Block C, Pitsea"},
      {"address-line", "flat 14 Bruce Grove"},
      {"address-line", "staying at 7 Elm Close with friend"},
      {"name-in-text", "Sarah's boyfriend Dean is not to have contact"},
      {"name-in-text", "Keeley Smith-Jones (mum)"},
      {"name-in-text", "Mr and Mrs Patel attended"},
      {"name-in-text", "Spoke with Ms O'Connor at school"},
      {"name-in-text", "social worker Anna Kowalska"},
      {"name-in-text", "Referral made by PC Hughes"},
      {"name-in-text", "Named worker: Rachel Green"},
      {"name-in-text", "Dad - Wayne - in prison"},
      {"name-in-text", "child Ayaan Hussain seen"},
      {"name-in-text", "Dr Smith at the surgery"},
      {"name-in-text", "Miss L Brown, class teacher"},
      {"name-in-text", "the Begum children"},
      {"name-in-text", "Child: Oliver"},
      {"name-in-text", "Kayden's behaviour at school"},
      {"name-in-text", "DAD MARK JONES NOT TO HAVE CONTACT"},
      {"name-in-text", "victim: Shannon O'Brien"},
      {"name-in-text", "Zainab and her brother"},
      {"name-in-text", "her partner Callum"},
      {"name-in-text", "Nowak, Kacper"}
    };
    for (String[] v : values) {
      IdentifierRule kind = IdentifierRule.valueOf(v[0].toUpperCase(Locale.ROOT).replace('-', '_'));
      addField(kind, FREE_TEXT[out.size() % FREE_TEXT.length], v[1]);
    }
    String u = upn(false);
    add(
        IdentifierRule.UPN,
        "upn {}",
        (u.substring(0, 12) + " " + u.substring(12)).toLowerCase(Locale.ROOT));
    u = upn(false);
    add(
        IdentifierRule.UPN,
        "UPN - {}",
        u.substring(0, 4)
            + " "
            + u.substring(4, 8)
            + " "
            + u.substring(8, 12)
            + " "
            + u.substring(12));
  }

  private void names() {
    String[] values = {
      "Spoke to Sarah Jones about the plan.",
      "Mrs Begum attended with her son.",
      "Mr. Okafor did not attend.",
      "mum kelly reports the children are settled",
      "JONES, Sarah",
      "Smith, John",
      "Kacper Nowak seen at school",
      "Referral from Ms Patel (SENCo).",
      "Dr Hussain, GP, agrees with the plan.",
      "Dad (Paul) attended.",
      "Aaliyah's attendance has improved.",
      "Grace's mum called the office.",
      "Mark Brown attended the meeting.",
      "J. Smith to follow up.",
      "Liam and Chloe seen together.",
      "Oliwia attends nursery three mornings.",
      "Mohammed Ali referred by police",
      "Jayden was excluded for 2 days",
      "the Nowak family moved out of area",
      "Sarah Hall called to rearrange.",
      "SARAH JONES",
      "Siobhán O'Neill",
      "Callum McDonald - YOS caseworker notified",
      "Miss Evans (class teacher) raised concerns",
      "Baby Smith born prematurely",
      "Nan (Margaret) helps with school runs",
      "Jade Smith",
      "Will Taylor to attend panel",
      "Tyler's dad attended",
      "mother Fatima Begum",
      "Tomasz Kowalski",
      "Adebayo Ogunleye",
      "Priya Sharma (aunt)",
      "Harpreet Kaur",
      "Ioana Popescu",
      "Aoife Murphy",
      "Rhys Davies",
      "Eilidh Campbell",
      "Lacey-Mae Smith",
      "Ms Kowalczyk",
      "Mx Taylor",
      "spoke to zygmunt wrobel on the phone",
      "mrs smith rang"
    };
    for (int i = 0; i < values.length; i++) {
      String[] fields = i % 4 == 3 ? CODE_FIELDS : FREE_TEXT;
      addField(IdentifierRule.NAME_IN_TEXT, fields[i % fields.length], values[i]);
    }
    // name columns declared as ordinary text attributes
    addField(IdentifierRule.NAME_IN_TEXT, "surname", "Nowak");
    addField(IdentifierRule.NAME_IN_TEXT, "forename", "Oliwia");
    addField(IdentifierRule.NAME_IN_TEXT, "parent_name", "Kelly Smith");
    addField(IdentifierRule.NAME_IN_TEXT, "Child Name", "Jayden");
  }
}
