package org.hearth.ingest.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hearth.ingest.contract.DatasetContract.AddressKeys;
import org.hearth.ingest.contract.DatasetContract.Field;
import org.hearth.ingest.contract.DatasetContract.Generalisation;
import org.hearth.ingest.contract.DatasetContract.InvalidIdentifierPolicy;
import org.hearth.ingest.contract.DatasetContract.PersonKeys;
import org.hearth.ingest.contract.DatasetContract.Role;
import org.hearth.ingest.contract.DatasetContract.Type;

/** Built-in contracts (one per dataset in datasets.md) and contracts loaded from JSON files. */
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
  private static final ObjectMapper JSON = new ObjectMapper();

  private Contracts() {}

  /** A built-in contract by dataset id, or a contract file by path. */
  public static DatasetContract load(String nameOrFile) {
    if (BUILT_IN.contains(nameOrFile)) {
      try (InputStream in =
          Contracts.class.getResourceAsStream(
              "/org/hearth/ingest/contracts/" + nameOrFile + ".json")) {
        return parse(JSON.readTree(in), nameOrFile);
      } catch (IOException e) {
        throw new ContractException(
            "built-in contract " + nameOrFile + " is unreadable: " + e.getMessage());
      }
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isReadable(file)) {
      throw new ContractException(
          "no built-in contract '"
              + nameOrFile
              + "' and no readable file of that name; built-in: "
              + String.join(", ", BUILT_IN));
    }
    try {
      return parse(JSON.readTree(file.toFile()), file.toString());
    } catch (IOException e) {
      throw new ContractException(
          file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
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
    try {
      List<Field> fields = new ArrayList<>();
      for (JsonNode f : root.path("fields")) {
        List<String> aliases = new ArrayList<>();
        f.path("aliases").forEach(a -> aliases.add(a.asText()));
        List<String> values = new ArrayList<>();
        f.path("values").forEach(v -> values.add(v.asText()));
        fields.add(
            new Field(
                required(f, "column", where),
                List.copyOf(aliases),
                Role.valueOf(enumName(required(f, "role", where))),
                Type.valueOf(enumName(f.path("type").asText("text"))),
                f.path("required").asBoolean(false),
                List.copyOf(values),
                Generalisation.valueOf(enumName(f.path("generalise").asText("none"))),
                f.path("as").asText(null)));
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
      for (JsonNode p : root.path("matchKeys").path("persons")) {
        List<DatasetContract.DeclaredIdentifier> declared = new ArrayList<>();
        for (JsonNode d : p.path("identifiers")) {
          declared.add(
              new DatasetContract.DeclaredIdentifier(
                  required(d, "column", where),
                  org.hearth.pseudonymise.normalise.OtherIdentifiers.Kind.valueOf(
                      enumName(required(d, "kind", where))),
                  text(d, "namespace")));
        }
        persons.add(
            new PersonKeys(
                text(p, "nhsNumber"),
                text(p, "upn"),
                text(p, "forename"),
                text(p, "surname"),
                text(p, "fullName"),
                text(p, "dob"),
                text(p, "sex"),
                declared));
      }
      DatasetContract c =
          new DatasetContract(
              required(root, "dataset", where),
              root.path("version").asInt(1),
              root.path("description").asText(""),
              List.copyOf(recordKey),
              InvalidIdentifierPolicy.valueOf(
                  enumName(root.path("onInvalidIdentifier").asText("drop-key"))),
              root.path("maxFieldLength").asInt(1000),
              List.copyOf(fields),
              address,
              List.copyOf(persons));
      List<String> problems = c.problems();
      if (!problems.isEmpty()) {
        throw new ContractException(where + ": " + String.join("; ", problems));
      }
      return c;
    } catch (IllegalArgumentException e) {
      throw new ContractException(
          where + ": unknown value (" + e.getMessage().replaceAll(".*\\.", "") + ")");
    }
  }

  private static String enumName(String s) {
    return s.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String required(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (v == null || v.asText().isBlank()) {
      throw new ContractException(where + ": '" + key + "' is required");
    }
    return v.asText();
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A contract that cannot be used, with the reason. */
  public static final class ContractException extends RuntimeException {
    public ContractException(String message) {
      super(message);
    }
  }
}
