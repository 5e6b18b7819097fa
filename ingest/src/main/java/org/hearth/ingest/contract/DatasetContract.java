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
    List<String> p = new ArrayList<>();
    if (dataset == null || !dataset.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      p.add("dataset id must be lower-case letters, digits and hyphens");
    }
    if (fields.isEmpty()) {
      p.add("a contract needs at least one field");
    }
    Set<String> columns = new HashSet<>();
    Set<String> outputs = new HashSet<>();
    for (Field f : fields) {
      if (!columns.add(f.column())) {
        p.add("column '" + f.column() + "' is listed twice");
      }
      if ((f.role() == Role.ATTRIBUTE || f.role() == Role.QUASI_IDENTIFIER)
          && !outputs.add(f.outputName())) {
        p.add("two fields publish as '" + f.outputName() + "'");
      }
      if (f.role() == Role.ATTRIBUTE && isIdentifierType(f.type())) {
        p.add(
            "column '"
                + f.column()
                + "' is an identifier type ("
                + f.type()
                + ") and cannot be an attribute");
      }
      if (f.role() == Role.QUASI_IDENTIFIER && f.generalise() == Generalisation.NONE) {
        p.add("quasi-identifier '" + f.column() + "' needs a generalisation");
      }
      if (f.type() == Type.CODE && f.values().isEmpty()) {
        p.add("code column '" + f.column() + "' needs its allowed values");
      }
    }
    for (PersonKeys person : persons) {
      for (DeclaredIdentifier d : person.identifiers()) {
        if (field(d.column()).filter(f -> f.role() == Role.IDENTIFIER).isEmpty()) {
          p.add("declared identifier '" + d.column() + "' must be a field with role identifier");
        }
        boolean shared =
            d.kind() == org.hearth.pseudonymise.normalise.OtherIdentifiers.Kind.SHARED_REFERENCE;
        if (shared
            && !org.hearth.pseudonymise.normalise.OtherIdentifiers.validNamespace(d.namespace())) {
          p.add(
              "shared reference '"
                  + d.column()
                  + "' needs a namespace (lower-case letters, digits, dots, hyphens) that every"
                  + " partner holding it names the same way");
        }
      }
    }
    for (String k : recordKey) {
      if (field(k).isEmpty()) {
        p.add("record key column '" + k + "' is not a field");
      }
    }
    address.ifPresent(
        a -> {
          List<String> cols = new ArrayList<>(a.lines());
          cols.add(a.uprn());
          cols.add(a.postcode());
          cols.stream()
              .filter(c -> c != null && field(c).isEmpty())
              .forEach(c -> p.add("address key column '" + c + "' is not a field"));
        });
    for (PersonKeys k : persons) {
      for (String c :
          new String[] {
            k.nhsNumber(), k.upn(), k.forename(), k.surname(), k.fullName(), k.dob(), k.sex()
          }) {
        if (c != null && field(c).isEmpty()) {
          p.add("person key column '" + c + "' is not a field");
        }
      }
    }
    if (address.isEmpty() && persons.isEmpty()) {
      p.add("a contract needs address or person match keys, or nothing can link");
    }
    if (p.isEmpty()) {
      // what it publishes must be a typed record, and fit the platform's for a built-in dataset
      try {
        ContractSchemas.unpublishable(this).ifPresent(p::add);
      } catch (IllegalArgumentException | org.apache.avro.SchemaParseException e) {
        p.add(e.getMessage());
      }
    }
    return p;
  }

  static boolean isIdentifierType(Type t) {
    return switch (t) {
      case NHS_NUMBER, UPN, UPRN, POSTCODE, NAME, FULL_NAME, ADDRESS_LINE -> true;
      default -> false;
    };
  }
}
