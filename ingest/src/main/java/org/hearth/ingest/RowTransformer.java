package org.hearth.ingest;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hearth.events.MatchKeyPseudonym;
import org.hearth.events.MatchKeyType;
import org.hearth.events.Operation;
import org.hearth.events.PartnerRecord;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.ingest.contract.DatasetContract.Field;
import org.hearth.ingest.contract.DatasetContract.Generalisation;
import org.hearth.ingest.contract.DatasetContract.InvalidIdentifierPolicy;
import org.hearth.ingest.contract.DatasetContract.PersonKeys;
import org.hearth.ingest.contract.DatasetContract.Role;
import org.hearth.pseudonymise.detect.IdentifierDetector;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.normalise.BirthDate;
import org.hearth.pseudonymise.normalise.DatesOfBirth;
import org.hearth.pseudonymise.normalise.FieldStatistics;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeys;
import org.hearth.pseudonymise.normalise.Names;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Normalised;
import org.hearth.pseudonymise.normalise.OtherIdentifiers;
import org.hearth.pseudonymise.normalise.Postcode;
import org.hearth.pseudonymise.normalise.Upn;
import org.hearth.pseudonymise.normalise.Uprn;

/**
 * Turns one row into a partner record, or says why not. Identifiers become pseudonymised match keys
 * and are dropped; quasi-identifiers leave only generalised; attributes leave validated; free text
 * never leaves. Anything not in the contract is never read.
 */
final class RowTransformer {
  /**
   * The platform guard's own detector: what it would refuse after publication is stopped here,
   * before anything leaves the partner. Immutable once built, and building it reads the name lists.
   */
  private static final IdentifierDetector DETECTOR = new IdentifierDetector();

  private final DatasetContract contract;
  private final String file;
  private final int[] columnOf; // contract field index -> file column, or -1
  private final PartnerKey key;
  private final PostcodeLookup lookup;
  private final LocalDate periodEnd;
  private final String extractId;
  private final Map<MatchKey, byte[]> cache;
  private FieldStatistics statistics = new FieldStatistics();

  /** The outcome of one row. */
  record Outcome(PartnerRecord record, List<Rejection> problems, List<MatchKey> matchKeys) {
    Outcome(PartnerRecord record, List<Rejection> problems) {
      this(record, problems, List.of());
    }

    boolean published() {
      return record != null;
    }
  }

  RowTransformer(
      DatasetContract contract,
      String file,
      int[] columnOf,
      PartnerKey key,
      PostcodeLookup lookup,
      LocalDate periodEnd,
      String extractId,
      int cacheEntries) {
    this.contract = contract;
    this.file = file;
    this.columnOf = columnOf;
    this.key = key;
    this.lookup = lookup;
    this.periodEnd = periodEnd;
    this.extractId = extractId;
    this.cache =
        new LinkedHashMap<>(4096, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<MatchKey, byte[]> e) {
            return size() > cacheEntries;
          }
        };
  }

  /** Measures field collisions into {@code shared}, which the extract's other workers share. */
  void shareStatistics(FieldStatistics shared) {
    this.statistics = shared;
  }

  /** The field collisions measured over the rows this transformer (and its sharers) saw. */
  FieldStatistics statistics() {
    return statistics;
  }

  Outcome transform(long rowNumber, List<String> fields, int headerSize, long sequence) {
    List<Rejection> problems = new ArrayList<>();
    if (fields.size() < headerSize) {
      problems.add(reject(rowNumber, "(row)", "missing-columns", Rejection.Severity.ERROR));
      return new Outcome(null, problems);
    }
    if (fields.size() > headerSize) {
      problems.add(reject(rowNumber, "(row)", "extra-columns", Rejection.Severity.ERROR));
      return new Outcome(null, problems);
    }
    List<Field> fs = contract.fields();
    String[] raw = new String[fs.size()];
    boolean rowRejected = false;
    java.util.Set<String> unreadable = new java.util.HashSet<>();
    for (int i = 0; i < fs.size(); i++) {
      Field f = fs.get(i);
      String cell = columnOf[i] < 0 ? "" : fields.get(columnOf[i]);
      String v = cell.strip();
      if (v.length() <= contract.maxFieldLength()) {
        // before strip(), which would quietly drop U+001C..U+001F at either end
        String rule = characterProblem(cell);
        if (rule != null) {
          problems.add(reject(rowNumber, f.column(), rule, Rejection.Severity.ERROR));
          rowRejected = true;
          unreadable.add(f.column());
          raw[i] = "";
          continue;
        }
      }
      if (v.length() > contract.maxFieldLength()) {
        problems.add(
            reject(
                rowNumber,
                f.column(),
                "field-too-long",
                f.role() == Role.ATTRIBUTE || f.role() == Role.FREE_TEXT
                    ? Rejection.Severity.WARNING
                    : Rejection.Severity.ERROR));
        rowRejected |= f.role() != Role.ATTRIBUTE && f.role() != Role.FREE_TEXT;
        v = "";
      }
      if (f.required() && v.isEmpty()) {
        problems.add(reject(rowNumber, f.column(), "required-missing", Rejection.Severity.ERROR));
        rowRejected = true;
      }
      raw[i] = v;
    }
    // identifiers: validate, then derive match keys
    Map<String, String> valid = new LinkedHashMap<>();
    for (int i = 0; i < fs.size(); i++) {
      Field f = fs.get(i);
      if (f.role() != Role.IDENTIFIER || raw[i].isEmpty()) {
        continue;
      }
      Optional<String> rule = identifierProblem(f, raw[i]);
      if (rule.isPresent()) {
        boolean reject = contract.onInvalidIdentifier() == InvalidIdentifierPolicy.REJECT_ROW;
        problems.add(
            reject(
                rowNumber,
                f.column(),
                rule.get(),
                reject ? Rejection.Severity.ERROR : Rejection.Severity.WARNING));
        rowRejected |= reject;
      } else {
        valid.put(f.column(), raw[i]);
        if (f.type() == DatasetContract.Type.DATE
            && !DatesOfBirth.parseBirth(raw[i], periodEnd).value().get().complete()) {
          // published with the keys a year, or a year and month, can make
          problems.add(reject(rowNumber, f.column(), "dob-partial", Rejection.Severity.WARNING));
        }
      }
    }
    String caseId =
        String.join("\u0000", contract.recordKey().stream().map(c -> value(raw, c)).toList());
    if (caseId.replace("\u0000", "").isBlank()
        && contract.recordKey().stream().noneMatch(unreadable::contains)) {
      problems.add(
          reject(
              rowNumber,
              String.join("+", contract.recordKey()),
              "record-key-missing",
              Rejection.Severity.ERROR));
      rowRejected = true;
    }
    if (rowRejected) {
      return new Outcome(null, problems);
    }
    List<MatchKey> keys = matchKeys(valid, raw, rowNumber, problems);
    if (keys.isEmpty()) {
      problems.add(reject(rowNumber, "(row)", "no-match-key", Rejection.Severity.ERROR));
      return new Outcome(null, problems);
    }
    Map<String, String> attributes = new TreeMap<>();
    for (int i = 0; i < fs.size(); i++) {
      Field f = fs.get(i);
      if (raw[i].isEmpty()) {
        continue;
      }
      switch (f.role()) {
        case ATTRIBUTE ->
            attribute(f, raw[i], rowNumber, problems)
                .ifPresent(v -> attributes.put(f.outputName(), v));
        case IDENTIFIER, QUASI_IDENTIFIER -> {
          if (valid.containsKey(f.column()) || f.role() == Role.QUASI_IDENTIFIER) {
            generalise(f, raw[i], attributes);
          }
        }
        default -> {} // record keys and free text never leave
      }
    }
    List<MatchKeyPseudonym> pseudonyms = new ArrayList<>(keys.size());
    for (MatchKey k : keys) {
      byte[] p = cache.computeIfAbsent(k, x -> key.pseudonymise(x).point());
      pseudonyms.add(
          new MatchKeyPseudonym(MatchKeyType.valueOf(k.type().name()), ByteBuffer.wrap(p)));
    }
    PartnerRecord r =
        PartnerRecord.newBuilder()
            .setPartner(key.partner())
            .setDataset(contract.dataset())
            .setExtractId(extractId)
            .setSequence(sequence)
            .setOperation(Operation.UPSERT)
            .setRecordKey(ByteBuffer.wrap(key.recordKey(contract.dataset(), caseId).key()))
            .setKeyVersion(key.version())
            .setMatchKeys(pseudonyms)
            .setAttributes(new LinkedHashMap<>(attributes))
            .build();
    return new Outcome(r, problems, keys);
  }

  /**
   * The keys the row can make. A name or date of birth a person's keys need that is missing, or is
   * no name once titles are stripped, is a warning: the record is published with fewer keys.
   */
  private List<MatchKey> matchKeys(
      Map<String, String> valid, String[] raw, long rowNumber, List<Rejection> problems) {
    List<MatchKey> keys = new ArrayList<>();
    List<MatchKey> addressKeys = new ArrayList<>();
    contract
        .address()
        .ifPresent(
            a -> {
              List<String> lines = new ArrayList<>();
              for (String l : a.lines()) {
                lines.add(value(raw, l));
              }
              addressKeys.addAll(
                  MatchKeys.address(
                      a.uprn() == null ? null : valid.get(a.uprn()),
                      lines,
                      a.postcode() == null ? null : valid.get(a.postcode())));
            });
    keys.addAll(addressKeys);
    int personIndex = 0;
    for (PersonKeys p : contract.persons()) {
      String forename = p.forename() == null ? null : valid.get(p.forename());
      String surname = p.surname() == null ? null : valid.get(p.surname());
      if (p.fullName() != null && valid.containsKey(p.fullName())) {
        String full = valid.get(p.fullName());
        int comma = full.indexOf(',');
        if (comma > 0) {
          surname = full.substring(0, comma);
          forename = full.substring(comma + 1);
        } else {
          int space = full.lastIndexOf(' ');
          forename = space > 0 ? full.substring(0, space) : null;
          surname = space > 0 ? full.substring(space + 1) : full;
        }
      }
      BirthDate dob =
          p.dob() == null || !valid.containsKey(p.dob())
              ? null
              : DatesOfBirth.parseBirth(valid.get(p.dob()), periodEnd).value().orElse(null);
      char sex = p.sex() == null ? 'U' : sex(value(raw, p.sex())).charAt(0);
      String forenameColumn = p.fullName() != null ? p.fullName() : p.forename();
      String surnameColumn = p.fullName() != null ? p.fullName() : p.surname();
      warnUnusable(Names.forename(forename, sex), rowNumber, forenameColumn, problems);
      warnUnusable(Names.surname(surname), rowNumber, surnameColumn, problems);
      if (p.dob() != null && value(raw, p.dob()).isEmpty()) {
        problems.add(reject(rowNumber, p.dob(), "dob-missing", Rejection.Severity.WARNING));
      }
      keys.addAll(
          MatchKeys.personFrom(
              p.nhsNumber() == null ? null : valid.get(p.nhsNumber()),
              p.upn() == null ? null : valid.get(p.upn()),
              forename,
              surname,
              dob,
              sex,
              postcode(valid)));
      List<MatchKey> declared = new ArrayList<>();
      for (DatasetContract.DeclaredIdentifier d : p.identifiers()) {
        String v = value(raw, d.column());
        if (v.isEmpty()) {
          continue;
        }
        Normalised<MatchKey> k = OtherIdentifiers.key(d.kind(), d.namespace(), v);
        k.value().ifPresent(declared::add);
        k.invalid()
            .ifPresent(
                i ->
                    problems.add(
                        reject(rowNumber, d.column(), i.rule(), Rejection.Severity.WARNING)));
      }
      keys.addAll(declared);
      statistics.add(
          rowNumber * 8 + personIndex++,
          Names.forename(forename, sex).value().orElse(null),
          Names.surname(surname).value().orElse(null),
          dob,
          postcode(valid),
          addressKeys,
          declared);
    }
    return keys;
  }

  /**
   * The record's real postcode, compact, for the person tokens that pair it with a name or date.
   */
  private String postcode(Map<String, String> valid) {
    return contract
        .address()
        .map(a -> a.postcode() == null ? null : valid.get(a.postcode()))
        .flatMap(v -> Postcode.normalise(v).value())
        .filter(pc -> !pc.pseudo())
        .map(Postcode::compact)
        .orElse(null);
  }

  /** A warning when a name the contract maps (column not null) cannot make keys. */
  private void warnUnusable(
      Normalised<String> name, long rowNumber, String column, List<Rejection> problems) {
    if (column != null) {
      name.invalid()
          .ifPresent(
              i -> problems.add(reject(rowNumber, column, i.rule(), Rejection.Severity.WARNING)));
    }
  }

  private Optional<String> identifierProblem(Field f, String v) {
    Normalised<?> n =
        switch (f.type()) {
          case NHS_NUMBER -> NhsNumber.normalise(v);
          case UPN -> Upn.normalise(v);
          case UPRN -> Uprn.normalise(v);
          case POSTCODE -> Postcode.normalise(v);
          case DATE -> DatesOfBirth.parseBirth(v, periodEnd);
          default -> Normalised.ok(v);
        };
    return n.invalid().map(i -> i.rule());
  }

  private void generalise(Field f, String v, Map<String, String> out) {
    if (f.generalise() == Generalisation.POSTCODE_GEOGRAPHY) {
      Postcode.normalise(v)
          .value()
          .filter(p -> !p.pseudo())
          .ifPresent(
              p -> {
                out.put(f.outputName() + "_sector", p.sector());
                lookup
                    .areas(p.compact())
                    .ifPresent(
                        a -> {
                          out.put(f.outputName() + "_ward", a.ward());
                          out.put(f.outputName() + "_lsoa", a.lsoa());
                        });
              });
      Postcode.normalise(v)
          .value()
          .filter(Postcode::pseudo)
          .ifPresent(p -> out.put(f.outputName() + "_no_fixed_abode", "Y"));
    } else if (f.generalise() == Generalisation.DATE_OF_BIRTH) {
      DatesOfBirth.parse(v, periodEnd)
          .value()
          .ifPresent(
              d -> {
                out.put(f.outputName() + "_month", d.toString().substring(0, 7));
                out.put(
                    f.outputName() == null || f.outputName().equals("birth")
                        ? "age"
                        : f.outputName() + "_age",
                    Integer.toString(Period.between(d, periodEnd).getYears()));
              });
    }
  }

  private Optional<String> attribute(Field f, String v, long row, List<Rejection> problems) {
    Optional<String> out =
        switch (f.type()) {
          case INTEGER -> Optional.of(v.replace(",", "")).filter(x -> x.matches("-?\\d{1,12}"));
          case DECIMAL ->
              Optional.of(v.replace(",", "").replace("£", ""))
                  .filter(x -> x.matches("-?\\d{1,12}(\\.\\d{1,6})?"));
          case YES_NO -> yesNo(v);
          case CODE -> f.values().stream().filter(a -> a.equalsIgnoreCase(v)).findFirst();
          case DATE ->
              DatesOfBirth.parse(v, periodEnd.plusYears(5)).value().map(LocalDate::toString);
          case SEX -> Optional.of(sex(v)).filter(s -> !s.equals("?"));
          default -> Optional.of(v);
        };
    if (out.isEmpty()) {
      String rule =
          switch (f.type()) {
            case INTEGER -> "not-an-integer";
            case DECIMAL -> "not-a-number";
            case YES_NO -> "not-yes-or-no";
            case CODE -> "not-an-allowed-value";
            case DATE -> "not-a-date";
            default -> "not-a-valid-value";
          };
      problems.add(reject(row, f.column(), rule, Rejection.Severity.WARNING));
      return Optional.empty();
    }
    String s = out.get();
    if (f.type() != DatasetContract.Type.CODE
        && f.type() != DatasetContract.Type.YES_NO
        && f.type() != DatasetContract.Type.SEX) {
      // a closed list cannot carry an identifier; anything else might, whatever the contract says
      var found = DETECTOR.inspect(f.outputName(), s);
      if (found.isPresent()) {
        problems.add(
            reject(
                row,
                f.column(),
                "identifier-shaped:" + found.get().id(),
                Rejection.Severity.WARNING));
        return Optional.empty();
      }
    }
    if ((f.type() == DatasetContract.Type.TEXT)
        && !s.isEmpty()
        && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      // a spreadsheet would run it as a formula wherever the data is opened next
      problems.add(reject(row, f.column(), "formula-neutralised", Rejection.Severity.WARNING));
      s = "'" + s;
    }
    return Optional.of(s);
  }

  private static Optional<String> yesNo(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "y", "yes", "true", "1" -> Optional.of("Y");
      case "n", "no", "false", "0" -> Optional.of("N");
      default -> Optional.empty();
    };
  }

  static String sex(String v) {
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "m", "male", "1", "boy" -> "M";
      case "f", "female", "2", "girl" -> "F";
      case "", "u", "unknown", "not known", "9", "0" -> "U";
      default -> "?";
    };
  }

  private String value(String[] raw, String column) {
    List<Field> fs = contract.fields();
    for (int i = 0; i < fs.size(); i++) {
      if (fs.get(i).column().equals(column)) {
        return raw[i];
      }
    }
    return "";
  }

  /**
   * Why a cell's characters cannot be sent, or null: a control character (C0 but tab, line feed and
   * carriage return, which CSV quotes and spreadsheet cells legitimately hold; DEL; C1), or a code
   * unit that is no character (an unpaired surrogate, U+FFFE, U+FFFF). PostgreSQL refuses NUL
   * outright and the rest break whatever reads the value next; a row error names the cell, never
   * its value.
   */
  static String characterProblem(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7F && c <= 0x9F) {
        return "control-character";
      }
      if (c == '\uFFFE' || c == '\uFFFF') {
        return "invalid-character";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
          i++;
        } else {
          return "invalid-character";
        }
      } else if (Character.isLowSurrogate(c)) {
        return "invalid-character";
      }
    }
    return null;
  }

  /**
   * A contract field that two header columns both match (the same name, or two of its aliases, once
   * case and punctuation are ignored): which of them the partner meant cannot be known. Names the
   * field and both positions (1-based), never the header text, which in a file without a header row
   * is data.
   */
  static Optional<String> ambiguousColumn(DatasetContract c, List<String> header) {
    for (Field f : c.fields()) {
      int first = -1;
      for (int h = 0; h < header.size(); h++) {
        if (f.matchesHeader(header.get(h))) {
          if (first >= 0) {
            return Optional.of(
                "has two columns for '"
                    + f.column()
                    + "' (columns "
                    + (first + 1)
                    + " and "
                    + (h + 1)
                    + " of the header): remove or rename one");
          }
          first = h;
        }
      }
    }
    return Optional.empty();
  }

  private Rejection reject(long row, String column, String rule, Rejection.Severity s) {
    return new Rejection(file, row, column, rule, s);
  }

  static int[] mapColumns(DatasetContract c, List<String> header) {
    int[] map = new int[c.fields().size()];
    Arrays.fill(map, -1);
    for (int i = 0; i < c.fields().size(); i++) {
      for (int h = 0; h < header.size(); h++) {
        if (c.fields().get(i).matchesHeader(header.get(h))) {
          map[i] = h;
          break;
        }
      }
    }
    return map;
  }
}
