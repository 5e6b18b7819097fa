package org.hearth.ingest.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hearth.ingest.contract.DatasetContract.AddressKeys;
import org.hearth.ingest.contract.DatasetContract.Field;
import org.hearth.ingest.contract.DatasetContract.Generalisation;
import org.hearth.ingest.contract.DatasetContract.InvalidIdentifierPolicy;
import org.hearth.ingest.contract.DatasetContract.PersonKeys;
import org.hearth.ingest.contract.DatasetContract.Problem;
import org.hearth.ingest.contract.DatasetContract.Role;
import org.hearth.ingest.contract.DatasetContract.Type;

/**
 * Built-in contracts (one per dataset in datasets.md) and contracts loaded from JSON files. Every
 * contract is checked twice before use: against the JSON Schema {@code contract.schema.json} (its
 * shape: properties, types, value domains; docs/contracts.md describes it) and against the rules
 * that need the whole contract ({@link DatasetContract#located()}: columns named that are no field,
 * outputs that collide, records the platform cannot carry).
 */
public final class Contracts {
  public static final List<String> BUILT_IN =
      List.of(
          "housing-benefits",
          "childrens-social-care",
          "school-readiness",
          "youth-offending",
          "drug-alcohol-treatment",
          "police-incidents",
          "supporting-families",
          "supporting-families-claims",
          "da-homelessness");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  private static final String SCHEMA_RESOURCE = "/org/hearth/ingest/contract.schema.json";
  private static final Schema SCHEMA = loadSchema();
  private static final Set<String> SCHEMA_PROPERTIES = new TreeSet<>();

  private Contracts() {}

  /** A built-in contract by dataset id, or a contract file by path. */
  public static DatasetContract load(String nameOrFile) {
    String where = nameOrFile;
    JsonNode root = read(nameOrFile);
    List<Problem> problems = check(root);
    if (!problems.isEmpty()) {
      List<String> lines = problems.stream().map(p -> where + ": " + p).toList();
      throw new ContractException(String.join("; ", lines), lines);
    }
    return build(root, where);
  }

  /**
   * Every problem with a built-in contract or a contract file, one line each ({@code FILE: JSON
   * path: what is wrong}); empty when it is a valid contract. A file that cannot be read or is no
   * JSON is one line.
   */
  public static List<String> validate(String nameOrFile) {
    try {
      return check(read(nameOrFile)).stream().map(p -> nameOrFile + ": " + p).toList();
    } catch (ContractException e) {
      return e.problems();
    }
  }

  /** The JSON Schema every contract is checked against (draft 2020-12). */
  public static String jsonSchema() {
    try (InputStream in = Contracts.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String nameOrFile) {
    if (BUILT_IN.contains(nameOrFile)) {
      try {
        return JSON.readTree(source(nameOrFile));
      } catch (IOException e) {
        throw new ContractException(
            "built-in contract " + nameOrFile + " is unreadable: " + e.getMessage());
      }
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new ContractException(
          "no built-in contract '"
              + nameOrFile
              + "' and no readable file of that name; built-in: "
              + String.join(", ", BUILT_IN));
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || root.isMissingNode()) {
        throw new ContractException(file + " is empty: a contract is one JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new ContractException(
          file
              + " is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ContractException(file + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * The problems of a parsed contract: what the schema finds, and what the contract's own rules
   * find once it can be built; where both find something at one path, the contract's own (more
   * specific) message is kept.
   */
  static List<Problem> check(JsonNode root) {
    List<Problem> schema = new ArrayList<>();
    for (Error e : SCHEMA.validate(root)) {
      schema.add(describe(e));
    }
    if (!root.isObject()) {
      return List.copyOf(new LinkedHashSet<>(schema));
    }
    Set<String> fallbacks = new java.util.HashSet<>();
    List<Problem> own =
        build(root, fallbacks).located().stream()
            .filter(p -> !fallbacks.contains(p.path()))
            .toList();
    Set<String> ownPaths = new java.util.HashSet<>();
    own.forEach(p -> ownPaths.add(p.path()));
    LinkedHashSet<Problem> all = new LinkedHashSet<>();
    schema.stream().filter(p -> !ownPaths.contains(p.path())).forEach(all::add);
    all.addAll(own);
    List<Problem> sorted = new ArrayList<>(all);
    sorted.sort((x, y) -> comparePaths(x.path(), y.path()));
    return List.copyOf(sorted);
  }

  /** JSON paths in document order: $.fields[2] before $.fields[10]; a stable sort keeps ties. */
  private static int comparePaths(String a, String b) {
    String[] x = a.split("(?=[.\\[])");
    String[] y = b.split("(?=[.\\[])");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c;
      if (x[i].matches("\\[\\d{1,9}]") && y[i].matches("\\[\\d{1,9}]")) {
        c =
            Integer.compare(
                Integer.parseInt(x[i].substring(1, x[i].length() - 1)),
                Integer.parseInt(y[i].substring(1, y[i].length() - 1)));
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** A schema finding in plain words, at the JSON path of the value it is about. */
  private static Problem describe(Error e) {
    String path = jsonPath(e.getInstanceLocation());
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    JsonNode value = e.getInstanceNode();
    String last = lastName(e.getInstanceLocation());
    return switch (e.getKeyword() == null ? "" : e.getKeyword()) {
      case "required" ->
          new Problem(
              append(path, e.getProperty()),
              "is required" + requiredWhy(e.getProperty(), e.getEvaluationPath().toString()));
      case "additionalProperties" -> {
        String name = e.getProperty();
        String hint = closest(name).map(n -> " (did you mean '" + n + "'?)").orElse("");
        yield new Problem(
            append(path, name), "is not a property a contract has here" + hint + "; remove it");
      }
      case "enum" ->
          new Problem(
              path,
              (value == null ? "the value" : value.toString())
                  + " is not one of: "
                  + (args.length > 0 ? enumList(args[0]) : "the allowed values")
                  + ("type".equals(last) && e.getEvaluationPath().toString().contains("allOf")
                      ? " (an attribute cannot have an identifier type)"
                      : ""));
      case "type" ->
          new Problem(
              path,
              "must be "
                  + article(args.length > 1 ? String.valueOf(args[1]) : "another type")
                  + ", not "
                  + article(args.length > 0 ? String.valueOf(args[0]) : "this"));
      case "pattern" -> new Problem(path, patternWhy(last, value));
      case "minItems" ->
          new Problem(
              path,
              "needs at least "
                  + (args.length > 0 ? args[0] : "1")
                  + " entr"
                  + ("1".equals(String.valueOf(args.length > 0 ? args[0] : "1")) ? "y" : "ies"));
      case "minProperties" ->
          new Problem(
              path,
              "matchKeys".equals(last)
                  ? "needs address or persons keys, or nothing can link"
                  : "is empty: give at least one column");
      case "minLength" -> new Problem(path, "must not be empty");
      case "minimum" -> new Problem(path, "must be at least " + (args.length > 0 ? args[0] : "1"));
      case "uniqueItems" -> new Problem(path, "lists the same value twice");
      case "const" -> new Problem(path, "must be " + (args.length > 0 ? args[0] : "another value"));
      default -> new Problem(path, e.getMessage());
    };
  }

  private static String requiredWhy(String property, String evaluationPath) {
    if (property == null) {
      return "";
    }
    return switch (property) {
      case "values" -> ": a code field lists its allowed values";
      case "generalise" ->
          ": a quasi-identifier leaves only generalised (postcode-geography or date-of-birth)";
      case "namespace" -> ": a shared reference needs the namespace every partner holding it uses";
      case "matchKeys" -> ": address or person keys, or nothing can link";
      case "recordKey" -> ": the column(s) naming a record in your own system";
      case "fields" -> ": every column the edge reads";
      case "dataset" -> ": the dataset id, e.g. rough-sleeping";
      case "column" -> ": the column's name in your file";
      case "role" -> ": record-key, identifier, quasi-identifier, attribute or free-text";
      case "kind" -> ": ni-number, email, phone or shared-reference";
      default -> "";
    };
  }

  private static String patternWhy(String name, JsonNode value) {
    String v = value == null ? "" : value.toString() + " ";
    return switch (name == null ? "" : name) {
      case "dataset" ->
          v + "is not a dataset id: lower-case letters, digits and hyphens (e.g. rough-sleeping)";
      case "as" ->
          v
              + "is not an output name: a letter or underscore, then letters, digits and"
              + " underscores (e.g. tenure_type)";
      case "namespace" -> v + "is not a namespace: lower-case letters, digits, dots and hyphens";
      case "column" -> "must not be blank";
      default -> v + "is not in the form this property needs";
    };
  }

  private static String article(String type) {
    return switch (type) {
      case "array" -> "a list [...]";
      case "object" -> "an object {...}";
      case "integer" -> "a whole number";
      case "boolean" -> "true or false";
      case "string" -> "a string \"...\"";
      case "number" -> "a number";
      case "null" -> "null";
      default -> type;
    };
  }

  private static String enumList(Object arg) {
    return String.valueOf(arg).replaceAll("^\\[|\\]$", "").replace("\"", "");
  }

  /** The nearest property name the schema knows, for a misspelt one. */
  private static Optional<String> closest(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = 3;
    for (String known : SCHEMA_PROPERTIES) {
      int d = distance(name.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String jsonPath(NodePath at) {
    StringBuilder b = new StringBuilder("$");
    if (at != null) {
      for (int i = 0; i < at.getNameCount(); i++) {
        Object el = at.getElement(i);
        b.append(el instanceof Integer n ? "[" + n + "]" : "." + el);
      }
    }
    return b.toString();
  }

  private static String lastName(NodePath at) {
    if (at == null) {
      return null;
    }
    for (int i = at.getNameCount() - 1; i >= 0; i--) {
      if (at.getElement(i) instanceof String s) {
        return s;
      }
    }
    return null;
  }

  private static String append(String path, String property) {
    return property == null ? path : path + "." + property;
  }

  private static Schema loadSchema() {
    try (InputStream in = Contracts.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      JsonNode schema = JSON.readTree(in);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static {
    try {
      collectProperties(JSON.readTree(jsonSchema()), SCHEMA_PROPERTIES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectProperties(JsonNode n, Set<String> into) {
    if (n.isObject()) {
      JsonNode props = n.get("properties");
      if (props != null && props.isObject()) {
        for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
          into.add(it.next());
        }
      }
      n.elements().forEachRemaining(c -> collectProperties(c, into));
    } else if (n.isArray()) {
      n.elements().forEachRemaining(c -> collectProperties(c, into));
    }
  }

  public static String source(String builtIn) {
    try (InputStream in =
        Contracts.class.getResourceAsStream("/org/hearth/ingest/contracts/" + builtIn + ".json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new ContractException("no built-in contract '" + builtIn + "'");
    }
  }

  static DatasetContract parse(JsonNode root, String where) {
    List<Problem> problems = check(root);
    if (!problems.isEmpty()) {
      List<String> lines = problems.stream().map(p -> where + ": " + p).toList();
      throw new ContractException(String.join("; ", lines), lines);
    }
    return build(root, where);
  }

  /** The contract a parsed file describes, unchecked; refuses only what cannot be built. */
  private static DatasetContract build(JsonNode root, String where) {
    return build(root, new java.util.HashSet<>());
  }

  /**
   * The contract a parsed file describes. A value the schema refuses (an unknown role or type, a
   * missing column name) is replaced by a neutral one and its path added to {@code fallbacks}, so
   * that the rules needing the whole contract can still be checked and every problem listed at
   * once; a contract with fallbacks is never used, only checked.
   */
  private static DatasetContract build(JsonNode root, Set<String> fallbacks) {
    List<Field> fields = new ArrayList<>();
    int i = 0;
    for (JsonNode f : root.path("fields")) {
      String at = "$.fields[" + i + "]";
      List<String> aliases = new ArrayList<>();
      f.path("aliases").forEach(a -> aliases.add(a.asText()));
      List<String> values = new ArrayList<>();
      f.path("values").forEach(v -> values.add(v.asText()));
      fields.add(
          new Field(
              required(f, "column", "(field " + (i + 1) + ")", at, fallbacks),
              List.copyOf(aliases),
              choice(Role.class, f.get("role"), Role.FREE_TEXT, at + ".role", fallbacks),
              choice(Type.class, f.get("type"), Type.TEXT, at + ".type", fallbacks),
              f.path("required").asBoolean(false),
              List.copyOf(values),
              choice(
                  Generalisation.class,
                  f.get("generalise"),
                  Generalisation.NONE,
                  at + ".generalise",
                  fallbacks),
              f.path("as").asText(null)));
      i++;
    }
    List<String> recordKey = new ArrayList<>();
    root.path("recordKey").forEach(k -> recordKey.add(k.asText()));
    Optional<AddressKeys> address = Optional.empty();
    JsonNode a = root.path("matchKeys").path("address");
    if (!a.isMissingNode() && !a.isNull()) {
      List<String> lines = new ArrayList<>();
      a.path("lines").forEach(l -> lines.add(l.asText()));
      address =
          Optional.of(new AddressKeys(text(a, "uprn"), List.copyOf(lines), text(a, "postcode")));
    }
    List<PersonKeys> persons = new ArrayList<>();
    int p = 0;
    for (JsonNode person : root.path("matchKeys").path("persons")) {
      List<DatasetContract.DeclaredIdentifier> declared = new ArrayList<>();
      int d = 0;
      for (JsonNode id : person.path("identifiers")) {
        String at = "$.matchKeys.persons[" + p + "].identifiers[" + d + "]";
        declared.add(
            new DatasetContract.DeclaredIdentifier(
                required(id, "column", "", at, fallbacks),
                choice(
                    org.hearth.pseudonymise.normalise.OtherIdentifiers.Kind.class,
                    id.get("kind"),
                    org.hearth.pseudonymise.normalise.OtherIdentifiers.Kind.EMAIL,
                    at + ".kind",
                    fallbacks),
                text(id, "namespace")));
        d++;
      }
      persons.add(
          new PersonKeys(
              text(person, "nhsNumber"),
              text(person, "upn"),
              text(person, "forename"),
              text(person, "surname"),
              text(person, "fullName"),
              text(person, "dob"),
              text(person, "sex"),
              declared));
      p++;
    }
    return new DatasetContract(
        required(root, "dataset", "", "$", fallbacks),
        root.path("version").asInt(1),
        root.path("description").asText(""),
        List.copyOf(recordKey),
        choice(
            InvalidIdentifierPolicy.class,
            root.get("onInvalidIdentifier"),
            InvalidIdentifierPolicy.DROP_KEY,
            "$.onInvalidIdentifier",
            fallbacks),
        root.path("maxFieldLength").asInt(1000),
        List.copyOf(fields),
        address,
        List.copyOf(persons));
  }

  /** The enum constant a lower-case, hyphenated value names (absent: the default). */
  private static <E extends Enum<E>> E choice(
      Class<E> type, JsonNode value, E otherwise, String path, Set<String> fallbacks) {
    if (value == null || value.isNull()) {
      return otherwise;
    }
    String name = value.asText();
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(name)) {
        return e;
      }
    }
    fallbacks.add(path);
    return otherwise;
  }

  private static String required(
      JsonNode n, String key, String otherwise, String at, Set<String> fallbacks) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      fallbacks.add(at + "." + key);
      return otherwise;
    }
    return v.asText();
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A contract that cannot be used, with the reason. */
  public static final class ContractException extends RuntimeException {
    private final List<String> problems;

    public ContractException(String message) {
      this(message, List.of(message));
    }

    public ContractException(String message, List<String> problems) {
      super(message);
      this.problems = List.copyOf(problems);
    }

    /** Each problem on its own line: where (file, JSON path) and what is wrong. */
    public List<String> problems() {
      return problems;
    }
  }
}
