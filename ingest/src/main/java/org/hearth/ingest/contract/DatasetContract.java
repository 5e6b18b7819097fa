package org.hearth.ingest.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a partner's extract of one dataset must look like and what may leave the partner: each
 * column's role, type and rules, how identifiers become match keys, and how quasi-identifiers are
 * generalised. A new partner or dataset needs a contract (JSON), not code.
 */
public record DatasetContract(
    String dataset,
    int version,
    String description,
    List<String> recordKey,
    InvalidIdentifierPolicy onInvalidIdentifier,
    int maxFieldLength,
    List<Field> fields,
    Optional<AddressKeys> address,
    List<PersonKeys> persons) {

  /** What happens to a row whose identifier fails its check. */
  public enum InvalidIdentifierPolicy {
    /** The row is rejected (in the reject report) and not published. */
    REJECT_ROW,
    /** The row is published without the match keys of the invalid identifier; a warning. */
    DROP_KEY
  }

  public enum Role {
    /** The partner's own case reference: becomes a keyed hash for replace/delete, then dropped. */
    RECORD_KEY,
    /** Becomes match keys, then dropped (generalised forms may be carried). */
    IDENTIFIER,
    /** Carried only generalised. */
    QUASI_IDENTIFIER,
    /** Carried as validated. */
    ATTRIBUTE,
    /** Never leaves: it can name people. */
    FREE_TEXT
  }

  public enum Type {
    TEXT,
    CODE,
    INTEGER,
    DECIMAL,
    YES_NO,
    DATE,
    NHS_NUMBER,
    UPN,
    UPRN,
    POSTCODE,
    NAME,
    FULL_NAME,
    SEX,
    ADDRESS_LINE
  }

  /** Generalisations a field may have. */
  public enum Generalisation {
    NONE,
    /** postcode -> ward and LSOA codes (lookup) and postcode sector. */
    POSTCODE_GEOGRAPHY,
    /** date of birth -> month and year of birth, and age at the end of the extract period. */
    DATE_OF_BIRTH
  }

  public record Field(
      String column,
      List<String> aliases,
      Role role,
      Type type,
      boolean required,
      List<String> values,
      Generalisation generalise,
      String as) {

    /** The name the carried value has in published records. */
    public String outputName() {
      return as != null && !as.isBlank()
          ? as
          : column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    public boolean matchesHeader(String header) {
      String h = normaliseHeader(header);
      if (normaliseHeader(column).equals(h)) {
        return true;
      }
      for (String a : aliases) {
        if (normaliseHeader(a).equals(h)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Which columns make the address keys. */
  public record AddressKeys(String uprn, List<String> lines, String postcode) {}

  /** Which columns make one person's keys (a row may describe more than one person). */
  public record PersonKeys(
      String nhsNumber,
      String upn,
      String forename,
      String surname,
      String fullName,
      String dob,
      String sex,
      List<DeclaredIdentifier> identifiers) {
    public PersonKeys {
      identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
  }

  /**
   * A further identifier the partner holds for the person: a national insurance number, an e-mail
   * address, a telephone number, or a shared reference (another organisation's number) in a
   * namespace that every partner holding it names the same way.
   */
  public record DeclaredIdentifier(
      String column,
      org.hearth.pseudonymise.normalise.OtherIdentifiers.Kind kind,
      String namespace) {}

  /** A header as columns are matched: case, spaces and punctuation ignored. */
  public static String normaliseHeader(String h) {
    return h == null ? "" : h.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
  }

  public Optional<Field> field(String column) {
    return fields.stream().filter(f -> f.column().equals(column)).findFirst();
  }

  /** Every problem with the contract itself, as lines a data officer can act on; empty if valid. */
  public List<String> problems() {
    return located().stream().map(Problem::message).toList();
  }

  /**
   * One problem with a contract: where it is, as a JSON path into the contract file ({@code
   * $.fields[3].type}), and what is wrong.
   */
  public record Problem(String path, String message) {
    @Override
    public String toString() {
      return path + ": " + message;
    }
  }

  /** Every problem with the contract itself, each with the JSON path it is at; empty if valid. */
  public List<Problem> located() {
    List<Problem> p = new ArrayList<>();
    if (dataset == null || !dataset.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      p.add(
          new Problem(
              "$.dataset",
              "\""
                  + dataset
                  + "\" is not a dataset id: lower-case letters, digits and hyphens (e.g."
                  + " rough-sleeping)"));
    }
    if (fields.isEmpty()) {
      p.add(new Problem("$.fields", "a contract needs at least one field"));
    }
    if (recordKey.isEmpty()) {
      p.add(
          new Problem(
              "$.recordKey",
              "a contract needs a record key: the column(s) naming a record in your own system"));
    }
    Set<String> columns = new HashSet<>();
    Set<String> outputs = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      String at = "$.fields[" + i + "]";
      if (!columns.add(f.column())) {
        p.add(new Problem(at + ".column", "column '" + f.column() + "' is listed twice"));
      }
      if ((f.role() == Role.ATTRIBUTE || f.role() == Role.QUASI_IDENTIFIER)
          && !outputs.add(f.outputName())) {
        p.add(new Problem(at, "two fields publish as '" + f.outputName() + "'"));
      }
      if (f.role() == Role.ATTRIBUTE && isIdentifierType(f.type())) {
        p.add(
            new Problem(
                at + ".type",
                "column '"
                    + f.column()
                    + "' is an identifier type ("
                    + f.type()
                    + ") and cannot be an attribute"));
      }
      if (f.role() == Role.QUASI_IDENTIFIER && f.generalise() == Generalisation.NONE) {
        p.add(
            new Problem(
                at + ".generalise",
                "quasi-identifier '" + f.column() + "' needs a generalisation"));
      }
      if (f.type() == Type.CODE && f.values().isEmpty()) {
        p.add(
            new Problem(
                at + ".values", "code column '" + f.column() + "' needs its allowed values"));
      }
    }
    for (int i = 0; i < persons.size(); i++) {
      List<DeclaredIdentifier> ids = persons.get(i).identifiers();
      for (int j = 0; j < ids.size(); j++) {
        DeclaredIdentifier d = ids.get(j);
        String at = "$.matchKeys.persons[" + i + "].identifiers[" + j + "]";
        if (field(d.column()).filter(f -> f.role() == Role.IDENTIFIER).isEmpty()) {
          p.add(
              new Problem(
                  at + ".column",
                  "declared identifier '" + d.column() + "' must be a field with role identifier"));
        }
        boolean shared =
            d.kind() == org.hearth.pseudonymise.normalise.OtherIdentifiers.Kind.SHARED_REFERENCE;
        if (shared
            && !org.hearth.pseudonymise.normalise.OtherIdentifiers.validNamespace(d.namespace())) {
          p.add(
              new Problem(
                  at + ".namespace",
                  "shared reference '"
                      + d.column()
                      + "' needs a namespace (lower-case letters, digits, dots, hyphens) that every"
                      + " partner holding it names the same way"));
        }
      }
    }
    for (int k = 0; k < recordKey.size(); k++) {
      if (field(recordKey.get(k)).isEmpty()) {
        p.add(
            new Problem(
                "$.recordKey[" + k + "]",
                "record key column '" + recordKey.get(k) + "' is not a field"));
      }
    }
    address.ifPresent(
        a -> {
          for (int j = 0; j < a.lines().size(); j++) {
            notAField(a.lines().get(j), "$.matchKeys.address.lines[" + j + "]", "address", p);
          }
          notAField(a.uprn(), "$.matchKeys.address.uprn", "address", p);
          notAField(a.postcode(), "$.matchKeys.address.postcode", "address", p);
        });
    for (int i = 0; i < persons.size(); i++) {
      PersonKeys k = persons.get(i);
      String at = "$.matchKeys.persons[" + i + "].";
      notAField(k.nhsNumber(), at + "nhsNumber", "person", p);
      notAField(k.upn(), at + "upn", "person", p);
      notAField(k.forename(), at + "forename", "person", p);
      notAField(k.surname(), at + "surname", "person", p);
      notAField(k.fullName(), at + "fullName", "person", p);
      notAField(k.dob(), at + "dob", "person", p);
      notAField(k.sex(), at + "sex", "person", p);
    }
    if (address.isEmpty() && persons.isEmpty()) {
      p.add(
          new Problem(
              "$.matchKeys", "a contract needs address or person match keys, or nothing can link"));
    }
    if (p.isEmpty()) {
      // what it publishes must be a typed record, and fit the platform's for a built-in dataset
      try {
        ContractSchemas.unpublishable(this).ifPresent(m -> p.add(new Problem("$.fields", m)));
      } catch (IllegalArgumentException | org.apache.avro.SchemaParseException e) {
        p.add(new Problem("$.fields", e.getMessage()));
      }
    }
    return p;
  }

  private void notAField(String column, String path, String what, List<Problem> p) {
    if (column != null && field(column).isEmpty()) {
      p.add(new Problem(path, what + " key column '" + column + "' is not a field"));
    }
  }

  static boolean isIdentifierType(Type t) {
    return switch (t) {
      case NHS_NUMBER, UPN, UPRN, POSTCODE, NAME, FULL_NAME, ADDRESS_LINE -> true;
      default -> false;
    };
  }
}
