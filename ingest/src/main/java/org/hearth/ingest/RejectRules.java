package org.hearth.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.pseudonymise.detect.IdentifierRule;

/**
 * Every rule the edge can name in {@code rejects.csv}, with what it means and what the data officer
 * does about it, in plain words. The reject report carries both; {@code docs/contracts.md} ("Reject
 * rules") lists the same entries, and {@code RejectRulesTest} holds the code, this catalogue and
 * the docs to each other, so a new rule cannot go undocumented.
 */
public final class RejectRules {
  /** One rule: its name, when it is an ERROR or a WARNING, what it means, what to do. */
  public record Rule(String name, String severity, String meaning, String whatToDo) {}

  private static final String IDENTIFIER = "WARNING (ERROR with reject-row)";
  private static final String KEY_DROPPED =
      " With the contract's default onInvalidIdentifier drop-key the record was sent without the"
          + " keys this value makes; with reject-row the row was not sent.";
  private static final String FIX_IN_SOURCE =
      "Correct the value in your own system and publish the next extract as usual.";

  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    // the row as a whole
    add(
        "missing-columns",
        "ERROR",
        "The row has fewer cells than the header: usually a line break inside a cell that is not"
            + " quoted, or cells lost in the export. The row was not sent.",
        "Export the file again so that every row has as many cells as the header (Excel's"
            + " \"CSV UTF-8\" quotes cells that hold commas or line breaks).");
    add(
        "extra-columns",
        "ERROR",
        "The row has more cells than the header: usually a comma or other delimiter inside a cell"
            + " that is not quoted. The row was not sent.",
        "Export the file again with cells quoted, or remove the stray delimiter from that row.");
    add(
        "control-character",
        "ERROR",
        "A cell holds an invisible control character (NUL or another C0 or C1 control; tab, line"
            + " feed and carriage return are allowed), which breaks whatever reads it next. The"
            + " row was not sent.",
        "Remove the character from that cell in your own system (it often comes from text"
            + " pasted out of another program) and publish again.");
    add(
        "invalid-character",
        "ERROR",
        "A cell holds a code that is no character (half of a surrogate pair, U+FFFE, U+FFFF): the"
            + " file was damaged or saved in a broken encoding. The row was not sent.",
        "Export the file again as CSV UTF-8 or XLSX.");
    add(
        "field-too-long",
        "ERROR for record keys and identifiers, WARNING for attributes and free text",
        "The cell is longer than the contract's maxFieldLength (1,000 characters unless the"
            + " contract says otherwise). An identifier or record key rejects its row; an"
            + " attribute or free text is sent without it.",
        "Check the cell (often notes pasted into the wrong column); shorten it, or raise"
            + " maxFieldLength in your contract if such values are real.");
    add(
        "required-missing",
        "ERROR",
        "A column the contract marks required is empty in this row. The row was not sent.",
        "Fill the value in your own system, or, if the column is not really needed for every"
            + " record, remove \"required\": true from your contract.");
    add(
        "record-key-missing",
        "ERROR",
        "The row has no record key (the case reference the contract's recordKey names), so it"
            + " could never be replaced or deleted later. The row was not sent.",
        "Give every record its case reference; check that the export includes the column.");
    add(
        "duplicate-record-key",
        "ERROR",
        "The row has the same record key as an earlier row of this extract; only the earlier row"
            + " was sent.",
        "Find the rows with this case reference and keep one; if both are real records, the"
            + " record key needs another column (recordKey can list several).");
    add(
        "no-match-key",
        "ERROR",
        "Nothing in the row made a match key (no usable address, NHS number, UPN, name with date"
            + " of birth or declared identifier), so the record could never link. The row was not"
            + " sent.",
        "Look at the row's identifier columns; the other rules reported for the same row say"
            + " which values were missing or invalid.");
    // identifiers (the contract's onInvalidIdentifier decides)
    add(
        "nhs-format",
        IDENTIFIER,
        "The NHS number has characters other than digits, spaces and hyphens." + KEY_DROPPED,
        FIX_IN_SOURCE);
    add(
        "nhs-length",
        IDENTIFIER,
        "The NHS number does not have exactly 10 digits." + KEY_DROPPED,
        FIX_IN_SOURCE);
    add(
        "nhs-check-digit",
        IDENTIFIER,
        "The NHS number's last digit is not its check digit (modulus 11): a typing error, or a"
            + " number that is never issued."
            + KEY_DROPPED,
        "Check the number against the patient's record (the NHS Spine) and correct it.");
    add(
        "nhs-missing",
        IDENTIFIER,
        "The NHS number is empty.",
        "Give the NHS number or leave it out.");
    add(
        "upn-length",
        IDENTIFIER,
        "The UPN does not have exactly 13 characters (spaces and hyphens aside)." + KEY_DROPPED,
        FIX_IN_SOURCE);
    add(
        "upn-format",
        IDENTIFIER,
        "The UPN is not a check letter, 11 digits and a final digit or letter." + KEY_DROPPED,
        FIX_IN_SOURCE);
    add(
        "upn-check-letter",
        IDENTIFIER,
        "The UPN's first letter is not the check letter its other characters give: a typing"
            + " error."
            + KEY_DROPPED,
        "Check the UPN against the school's records (the Common Transfer File) and correct it.");
    add("upn-missing", IDENTIFIER, "The UPN is empty.", "Give the UPN or leave it out.");
    add(
        "uprn-format",
        IDENTIFIER,
        "The UPRN is not a whole number of 1 to 12 digits (a spreadsheet may have turned it into"
            + " 1.00012E+11)."
            + KEY_DROPPED,
        "Correct the UPRN; format the column as text or as a number without decimals before"
            + " exporting.");
    add(
        "uprn-zero",
        IDENTIFIER,
        "The UPRN is 0, which is no property." + KEY_DROPPED,
        "Leave the UPRN empty where the property has none; the address still makes keys.");
    add("uprn-missing", IDENTIFIER, "The UPRN is empty.", "Give the UPRN or leave it out.");
    add(
        "postcode-length",
        IDENTIFIER,
        "The postcode does not have 5 to 7 letters and digits (spaces aside)." + KEY_DROPPED,
        FIX_IN_SOURCE);
    add(
        "postcode-format",
        IDENTIFIER,
        "The postcode is not in a UK postcode's form (e.g. SS14 1AB)." + KEY_DROPPED,
        "Correct the postcode; use ZZ99 3VZ for no fixed abode.");
    add("postcode-missing", IDENTIFIER, "The postcode is empty.", "Give the postcode.");
    add(
        "dob-format",
        IDENTIFIER,
        "The date is in no recognised format (recognised: 2015-03-12, 12/03/2015, 12-03-15,"
            + " 12 Mar 2015, March 12 2015, 20150312, a spreadsheet date number, 2015-03,"
            + " 03/2015, Mar 2015, 2015)."
            + KEY_DROPPED,
        "Correct the date, or export the column in one of the recognised formats.");
    add(
        "dob-impossible",
        IDENTIFIER,
        "The date does not exist (31 February, month 13)." + KEY_DROPPED,
        FIX_IN_SOURCE);
    add(
        "dob-future",
        IDENTIFIER,
        "The date of birth is after the end of the extract period." + KEY_DROPPED,
        "Check the date (day and month swapped? the wrong century?) and correct it.");
    add(
        "dob-too-old",
        IDENTIFIER,
        "The date of birth is before 1850: taken as a typing error (1875 for 1975)." + KEY_DROPPED,
        FIX_IN_SOURCE);
    add(
        "dob-partial",
        "WARNING",
        "The date of birth gives only a year, or a year and month (1975, 06/1975, 00/06/1975)."
            + " The record was sent with the keys a partial date can make.",
        "Nothing needs doing; give the full date where you hold it, for better linking.");
    add(
        "dob-missing",
        "WARNING",
        "A person's date of birth is empty. The record was sent with the keys it could make"
            + " without it.",
        "Fill the date of birth where you hold it, for better linking.");
    add(
        "forename-missing",
        "WARNING",
        "A person's forename is empty. The record was sent with the keys it could make without"
            + " it.",
        "Fill the forename where you hold it, for better linking.");
    add(
        "forename-format",
        "WARNING",
        "A person's forename has no name left once titles and punctuation are taken off (\"Miss\","
            + " \"Sir\", \"-\"). The record was sent without the keys that need it.",
        "Put the person's forename in the column, and titles elsewhere.");
    add(
        "surname-missing",
        "WARNING",
        "A person's surname is empty. The record was sent with the keys it could make without"
            + " it.",
        "Fill the surname where you hold it, for better linking.");
    add(
        "surname-format",
        "WARNING",
        "A person's surname has no name left once titles and punctuation are taken off (\"Mr\","
            + " \"?\"). The record was sent without the keys that need it.",
        "Put the person's surname in the column, and titles elsewhere.");
    // declared identifiers
    add(
        "ni-number-format",
        "WARNING",
        "The national insurance number is not in HMRC's form (two letters, six digits, A to D)."
            + " The record was sent without this key.",
        FIX_IN_SOURCE);
    add(
        "email-format",
        "WARNING",
        "The e-mail address is not one (name@domain.tld). The record was sent without this key.",
        FIX_IN_SOURCE);
    add(
        "phone-format",
        "WARNING",
        "The telephone number is not a possible number (national numbers are read as UK ones)."
            + " The record was sent without this key.",
        FIX_IN_SOURCE);
    add(
        "shared-reference-format",
        "WARNING",
        "The shared reference has no letters or digits. The record was sent without this key.",
        FIX_IN_SOURCE);
    // attributes: the record is sent without the value
    add(
        "not-an-integer",
        "WARNING",
        "The value of an integer column is not a whole number of up to 12 digits (thousands"
            + " separators are fine). The record was sent without it.",
        "Correct the value, or make the column decimal or text in your contract if it is not a"
            + " whole number.");
    add(
        "not-a-number",
        "WARNING",
        "The value of a decimal column is not a number of up to 12 digits and 6 decimals (commas"
            + " and £ are fine). The record was sent without it.",
        "Correct the value; export numbers without other currency signs, units or text.");
    add(
        "not-yes-or-no",
        "WARNING",
        "The value of a yes-no column is none of Y, Yes, True, 1, N, No, False, 0 (any case)."
            + " The record was sent without it.",
        "Correct the value, or export the column as Y/N.");
    add(
        "not-an-allowed-value",
        "WARNING",
        "The value of a code column is not in the contract's list of values (case is ignored)."
            + " The record was sent without it.",
        "Correct the value, or, if it is a real new code, add it to the field's values in your"
            + " contract (for a built-in dataset, ask the platform's operator).");
    add(
        "not-a-date",
        "WARNING",
        "The value of a date column is not a whole date in a recognised format (2026-03-31,"
            + " 31/03/2026, 31 Mar 2026, 20260331, a spreadsheet date number) or is more than five"
            + " years after the extract period. The record was sent without it.",
        "Correct the value, or export the column in one of the recognised formats.");
    add(
        "not-a-valid-value",
        "WARNING",
        "The value of a sex column is none of M, Male, 1, Boy, F, Female, 2, Girl, U, Unknown,"
            + " Not known, 9, 0 (any case). The record was sent without it.",
        "Correct the value, or map your system's codes to these when exporting.");
    add(
        "formula-neutralised",
        "WARNING",
        "A text value starts with =, +, -, @, a tab or a carriage return, which a spreadsheet"
            + " would run as a formula; it was sent with a ' in front.",
        "Nothing, if the text is right; if the export wrote formulas instead of their values,"
            + " export values.");
    for (IdentifierRule kind : IdentifierRule.values()) {
      add(
          "identifier-shaped:" + kind.id(),
          "WARNING",
          "An attribute's value looks like "
              + identifierShape(kind)
              + ", which must never leave as an attribute; the record was sent without that"
              + " value.",
          "If the column holds identifiers, give it role identifier (or free-text) in your"
              + " contract; otherwise take the identifier out of the value in your own system.");
    }
  }

  private RejectRules() {}

  private static void add(String name, String severity, String meaning, String whatToDo) {
    if (RULES.put(name, new Rule(name, severity, meaning, whatToDo)) != null) {
      throw new IllegalStateException("reject rule " + name + " is listed twice");
    }
  }

  private static String identifierShape(IdentifierRule kind) {
    return switch (kind) {
      case NHS_NUMBER -> "an NHS number";
      case UPN -> "a unique pupil number (UPN)";
      case EMAIL_ADDRESS -> "an e-mail address";
      case PHONE_NUMBER -> "a telephone number";
      case FULL_POSTCODE -> "a full postcode";
      case DATE_OF_BIRTH -> "a date of birth";
      case ADDRESS_LINE -> "an address line";
      case NAME_IN_TEXT -> "a person's name";
    };
  }

  /** Every rule, in the order the docs list them. */
  public static List<Rule> all() {
    return List.copyOf(RULES.values());
  }

  /** The rule of this name, if it is one the edge names. */
  public static Optional<Rule> find(String name) {
    return Optional.ofNullable(RULES.get(name));
  }

  /**
   * The rule's entry for the reject report. A rule missing here is a bug that RejectRulesTest
   * catches (and, with assertions on, every test that meets it); in production the report still
   * gets a line that points to the docs.
   */
  static Rule describe(String name) {
    Rule r = RULES.get(name);
    assert r != null : "reject rule '" + name + "' has no entry in RejectRules";
    return r != null
        ? r
        : new Rule(name, "", "See docs/contracts.md, \"Reject rules\".", "See docs/contracts.md.");
  }
}
