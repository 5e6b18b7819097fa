package org.hearth.pseudonymise.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierDetectorTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  private static final IdentifierDetector DETECTOR =
      new IdentifierDetector(
          Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        // NHS numbers: any separator, check digit decides; the audit missed dots and double spaces
        "943 476 5919|nhs-number",
        "943.476.5919|nhs-number",
        "943  476  5919|nhs-number",
        "943/476/5919|nhs-number",
        "(943) 476 5919|nhs-number",
        "9 4 3 4 7 6 5 9 1 9|nhs-number",
        "NHS9434765919|nhs-number",
        "943 476 5918|none",
        "12943 476 5919|none",
        "2026-943476|none",
        "CR/2026/593809|none",
        // UPNs in any case; the check letter decides
        "E990200026006|upn",
        "e990200026006|upn",
        "E990 2000 26006|upn",
        "F990200026006|none",
        // postcodes in odd spacing and case; sectors and pseudo-postcodes are not full postcodes
        "ss14 1ab|full-postcode",
        "SS14  1AB|full-postcode",
        "Ss141Ab|full-postcode",
        "SS14-1AB|full-postcode",
        "EC1A 0BB|full-postcode",
        "SS14 1|none",
        "ZZ99 3VZ|none",
        "Y6 1EP review|none",
        "KS2 SATs|none",
        // e-mail, plain and spelled out
        "JANE.DOE@EXAMPLE.ORG|email-address",
        "a@b.io|email-address",
        "jane.doe [at] example [dot] org|email-address",
        "jane dot doe at example dot co dot uk|email-address",
        "seen at home. Mum well|none",
        // phone numbers: London, Northern Ireland, bracketed, 0044, +44 (0), abroad
        "020 7946 0018|phone-number",
        "(028) 9649 6000|phone-number",
        "(01632) 960123|phone-number",
        "0044 20 7946 0018|phone-number",
        "+44 (0)7700 900123|phone-number",
        "+33 1 42 68 53 00|phone-number",
        "7700 900123|none",
        // dates of birth: any full date in the 120 years up to today
        "DOB 12/03/2015|date-of-birth",
        "12-03-2015|date-of-birth",
        "12.03.15|date-of-birth",
        "2015-03-12 in the notes|date-of-birth",
        "12 March 2015|date-of-birth",
        "12th Mar 2015|date-of-birth",
        "March 12, 2015|date-of-birth",
        "03/25/2015|date-of-birth",
        "dob 12032015|date-of-birth",
        "review due 15/01/2027|none",
        "born 12/03/1890|none",
        "March 2026|none",
        "2026-Q1|none",
        "31/02/2015|none",
        "12032015|none",
        // address lines: premises number and a street word, or a flat
        "12 Acacia Avenue|address-line",
        "12a high street|address-line",
        "Flat 3|address-line",
        "Apt 4|address-line",
        "no. 7 The Crescent|address-line",
        "3 The Spinney|address-line",
        "2 Family Court hearings|none",
        "3 times on Church Road|none",
        "Year 2 Nature Walk|none",
        "flat 20% rise|none",
        // names: pairs, titles, context
        "Spoke to Sarah Jones|name-in-text",
        "mrs smith rang|name-in-text",
        "PC Hughes attended|name-in-text",
        "JONES, Sarah|name-in-text",
        "Family engaged well; Sarah now in work|name-in-text",
        "Grace's mum called|name-in-text",
        "the Nowak family|name-in-text",
        "St Mary's Catholic Primary School|none",
        "Florence Nightingale Ward|none",
        "Kingsley Hall|none",
        "Princess Alexandra Hospital|none",
        "William Harvey Hospital|none",
        "Grace period extended|none",
        "Will attend if transport arranged|none",
        "Operation Henry|none",
        "Mary's Meals|none",
        "Clare's Law disclosure|none",
        "Victoria line delays|none"
      })
  void findsEachKindInTheFormsPeopleWriteAndNothingElse(String value, String rule) {
    assertThat(DETECTOR.find(value).map(IdentifierRule::id).orElse(null)).isEqualTo(rule);
  }

  @Test
  void aTypedDateAttributeIsNotADateOfBirthUnlessItsFieldSaysSo() {
    // the edge writes every typed date attribute as ISO: a referral date is not free text
    assertThat(DETECTOR.inspect("referral_date", "2015-03-12")).isEmpty();
    assertThat(DETECTOR.inspect("date_of_birth", "2015-03-12"))
        .contains(IdentifierRule.DATE_OF_BIRTH);
    assertThat(DETECTOR.inspect("DOB", "2015-03-12")).contains(IdentifierRule.DATE_OF_BIRTH);
    assertThat(DETECTOR.inspect("birth_month", "2015-03")).isEmpty();
    // in free text the same date is refused
    assertThat(DETECTOR.find("2015-03-12")).contains(IdentifierRule.DATE_OF_BIRTH);
    assertThat(DETECTOR.inspectFreeText(Map.of("notes", "2015-03-12")))
        .containsExactly(new IdentifierDetector.Finding("notes", IdentifierRule.DATE_OF_BIRTH));
    assertThat(DETECTOR.inspect("notes", "seen 2015-03-12")).contains(IdentifierRule.DATE_OF_BIRTH);
  }

  @Test
  void aFieldNamedForAPersonsNameIsReadAsOne() {
    assertThat(DETECTOR.inspect("surname", "Wrobel")).contains(IdentifierRule.NAME_IN_TEXT);
    assertThat(DETECTOR.inspect("Parent Name", "kelly smith"))
        .contains(IdentifierRule.NAME_IN_TEXT);
    assertThat(DETECTOR.inspect("child_name", "Wrobel")).contains(IdentifierRule.NAME_IN_TEXT);
    assertThat(DETECTOR.inspect("surname", "Not known")).isEmpty();
    assertThat(DETECTOR.inspect("school_name", "Marshside Primary School")).isEmpty();
    assertThat(DETECTOR.inspect("notes", "Wrobel")).isEmpty();
  }

  @Test
  void findingsNameFieldAndRuleNeverTheValue() {
    Map<String, String> record = new LinkedHashMap<>();
    record.put("tenure", "Private Rented");
    record.put("notes", "tenant NHS 943 476 5919");
    record.put("contact", "call 07700 900123");
    List<IdentifierDetector.Finding> all = DETECTOR.inspectAll(record);
    assertThat(all)
        .containsExactly(
            new IdentifierDetector.Finding("notes", IdentifierRule.NHS_NUMBER),
            new IdentifierDetector.Finding("contact", IdentifierRule.PHONE_NUMBER));
    assertThat(DETECTOR.inspect(record)).contains(all.get(0));
    assertThat(all.toString()).doesNotContain("943", "5919", "07700");
  }

  @Test
  void survivesSerialisationAsTheGuardIsShippedToFlinkTasks() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(DETECTOR);
    }
    IdentifierDetector copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (IdentifierDetector) in.readObject();
    }
    assertThat(copy.find("DOB 01/12/2026")).contains(IdentifierRule.DATE_OF_BIRTH);
    assertThat(copy.find("DOB 25/12/2026")).isEmpty();
  }
}
