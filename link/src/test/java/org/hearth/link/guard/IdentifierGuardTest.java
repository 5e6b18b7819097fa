package org.hearth.link.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierGuardTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "943 476 5919|nhs-number",
        "NHS 9434765919 recorded|nhs-number",
        "943-476-5919|nhs-number",
        "943 476 5918|none",
        "E990200026006|upn",
        "F990200026006|none",
        "see jane.doe@example.org|email-address",
        "call 07700 900123|phone-number",
        "+44 7700 900123|phone-number",
        "01268 533333|phone-number",
        "SS14 1AB|full-postcode",
        "lives at ss141ab|full-postcode",
        "SS14 1|none",
        "ZZ99 3VZ|none",
        "Family engaged well; Sarah now in work|name-in-text",
        "Sustained progress against plan.|none",
        "561.96|none",
        "Private Rented|none",
        "2026-03-31|none",
        "E05900001|none",
        "E01900001|none",
        "ZX1 1|none",
        "Violence against the person|none",
        "Alcohol and non-opiate|none",
        "Marshside Primary School|none",
        "IR-2026-0001234|none",
        "HB1000033|none",
        "99,0000,0000|none",
        // what the independent audit found the guard let through (issue 19)
        "943.476.5919|nhs-number",
        "943  476  5919|nhs-number",
        "e990200026006|upn",
        "020 7946 0018|phone-number",
        "(028) 9649 6000|phone-number",
        "(01268) 533333|phone-number",
        "0044 20 7946 0018|phone-number",
        "DOB 12/03/2015|date-of-birth",
        "born 12th March 2015|date-of-birth",
        "12 Acacia Avenue|address-line",
        "Flat 3, Mill Road|address-line",
        "Spoke to Sarah Jones|name-in-text",
        "Mrs Begum attended|name-in-text",
        // and what it refused that it should not have
        "St Mary's Catholic Primary School|none",
        "Florence Nightingale Ward|none",
        "Kingsley Hall|none",
        "Princess Alexandra Hospital|none"
      })
  void findsIdentifierShapedContentAndNothingElse(String value, String rule) {
    var finding = new IdentifierGuard().inspect(Map.of("some_field", value));
    if (rule == null) {
      assertThat(finding).isEmpty();
    } else {
      assertThat(finding).contains(new IdentifierGuard.Finding("some_field", rule));
      assertThat(finding.get().toString()).doesNotContain(value);
    }
  }

  @org.junit.jupiter.api.Test
  void aControlCharacterIsRefusedBeforeAnyDatabaseSeesIt() {
    IdentifierGuard g = new IdentifierGuard();
    assertThat(g.inspect(Map.of("note", "ok\u0000then")))
        .contains(new IdentifierGuard.Finding("note", IdentifierGuard.CONTROL_CHARACTER));
    assertThat(g.inspect(Map.of("note", "bell\u0007"))).isPresent();
    assertThat(g.inspect(Map.of("note", "c1\u0085"))).isPresent();
    assertThat(g.inspect(Map.of("na\u0000me", "x")))
        .contains(
            new IdentifierGuard.Finding("(attribute name)", IdentifierGuard.CONTROL_CHARACTER));
    assertThat(g.inspect(Map.of("note", "two\r\nlines\tand a tab"))).isEmpty();
  }
}
