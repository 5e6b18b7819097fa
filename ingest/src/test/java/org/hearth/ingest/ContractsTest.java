package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.hearth.events.DatasetSchemas;
import org.hearth.ingest.contract.ContractSchemas;
import org.hearth.ingest.contract.Contracts;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.synthetic.SyntheticCounty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsTest {

  @Test
  void everyBuiltInContractLoadsAndCoversTheSyntheticExtract() {
    var dictionary = SyntheticCounty.dictionary();
    assertThat(Contracts.BUILT_IN).containsExactlyInAnyOrderElementsOf(dictionary.keySet());
    for (String name : Contracts.BUILT_IN) {
      DatasetContract c = Contracts.load(name);
      assertThat(c.problems()).isEmpty();
      for (String[] column : dictionary.get(name)) {
        assertThat(c.field(column[0])).as("%s covers column %s", name, column[0]).isPresent();
      }
    }
  }

  @Test
  void identifiersNeverPublishAsAttributes() {
    for (String name : Contracts.BUILT_IN) {
      for (DatasetContract.Field f : Contracts.load(name).fields()) {
        if (f.role() == DatasetContract.Role.ATTRIBUTE) {
          assertThat(f.type())
              .as("%s.%s", name, f.column())
              .isNotIn(
                  DatasetContract.Type.NHS_NUMBER,
                  DatasetContract.Type.UPN,
                  DatasetContract.Type.NAME,
                  DatasetContract.Type.FULL_NAME,
                  DatasetContract.Type.ADDRESS_LINE,
                  DatasetContract.Type.POSTCODE,
                  DatasetContract.Type.UPRN);
        }
      }
    }
  }

  @Test
  void aPartnersOwnContractLoadsFromAFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rough-sleeping.json");
    Files.writeString(
        f,
        """
        {"dataset": "rough-sleeping", "recordKey": ["Ref"],
         "fields": [
           {"column": "Ref", "role": "record-key", "required": true},
           {"column": "Seen At", "role": "identifier", "type": "address-line"},
           {"column": "Postcode", "role": "identifier", "type": "postcode", "generalise": "postcode-geography"},
           {"column": "Notes", "role": "free-text"}],
         "matchKeys": {"address": {"lines": ["Seen At"], "postcode": "Postcode"}}}
        """);
    DatasetContract c = Contracts.load(f.toString());
    assertThat(c.dataset()).isEqualTo("rough-sleeping");
    assertThat(c.onInvalidIdentifier()).isEqualTo(DatasetContract.InvalidIdentifierPolicy.DROP_KEY);
  }

  /** The checked-in typed records are what the contracts derive: a contract change shows here. */
  @Test
  void everyBuiltInContractDerivesItsCheckedInTypedRecord() {
    assertThat(DatasetSchemas.datasets()).containsExactlyInAnyOrderElementsOf(Contracts.BUILT_IN);
    for (String name : Contracts.BUILT_IN) {
      Schema derived = ContractSchemas.attributes(Contracts.load(name));
      assertThat(derived)
          .as(
              "%s: the contract no longer derives events/src/main/avro/datasets/%s.avsc; write the"
                  + " derived schema there (and keep it readable by its released copy)",
              name, derived.getName())
          .isEqualTo(DatasetSchemas.attributes(name).get());
    }
  }

  @Test
  void aPartnersContractForABuiltInDatasetMustFitThePlatformsRecord(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("school-readiness.json");
    String builtIn = Contracts.source("school-readiness");
    // the partner adds a column of their own, and publishes free school meals as text
    String changed =
        builtIn
            .replaceFirst(
                "\"fields\"\\s*:\\s*\\[",
                "\"fields\": [{\"column\": \"Shoe Size\", \"role\": \"attribute\","
                    + " \"type\": \"integer\"},")
            .replace(
                "\"type\": \"yes-no\",\n      \"as\": \"free_school_meals\"",
                "\"type\": \"text\",\n      \"as\": \"free_school_meals\"");
    assertThat(changed).contains("Shoe Size").doesNotContain("\"yes-no\",\n      \"as\": \"free");
    Files.writeString(f, changed);
    assertThatThrownBy(() -> Contracts.load(f.toString()))
        .isInstanceOf(Contracts.ContractException.class)
        .hasMessageContaining("platform's school-readiness record")
        .hasMessageContaining("'shoe_size' is not in it")
        .hasMessageContaining("'free_school_meals' has another type there");
  }

  @Test
  void brokenContractsSayWhatIsWrong(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(
        f,
        """
        {"dataset": "bad", "recordKey": ["Missing"],
         "fields": [{"column": "NHS", "role": "attribute", "type": "nhs-number"},
                    {"column": "Band", "role": "attribute", "type": "code"}]}
        """);
    assertThatThrownBy(() -> Contracts.load(f.toString()))
        .isInstanceOf(Contracts.ContractException.class)
        .hasMessageContaining("identifier type")
        .hasMessageContaining("allowed values")
        .hasMessageContaining("record key column 'Missing'")
        .hasMessageContaining("nothing can link");
    assertThatThrownBy(() -> Contracts.load("no-such-contract")).hasMessageContaining("built-in:");
    Files.writeString(f, "{not json");
    assertThatThrownBy(() -> Contracts.load(f.toString())).hasMessageContaining("not valid JSON");
  }

  /** The schema is checked by a real JSON-Schema validator, not only by the loader. */
  @Test
  void everyBuiltInContractIsValidAgainstTheJsonSchema() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var schema =
        com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
            .getSchema(mapper.readTree(Contracts.jsonSchema()));
    for (String name : Contracts.BUILT_IN) {
      assertThat(schema.validate(mapper.readTree(Contracts.source(name))))
          .as("%s against contract.schema.json", name)
          .isEmpty();
      assertThat(Contracts.validate(name)).as(name).isEmpty();
    }
    // the schema knows the same value domains the loader does
    var json = mapper.readTree(Contracts.jsonSchema());
    assertThat(enumOf(json.at("/$defs/field/properties/type/enum")))
        .containsExactlyInAnyOrderElementsOf(names(DatasetContract.Type.values()));
    assertThat(enumOf(json.at("/$defs/field/properties/role/enum")))
        .containsExactlyInAnyOrderElementsOf(names(DatasetContract.Role.values()));
    assertThat(enumOf(json.at("/$defs/field/properties/generalise/enum")))
        .containsExactlyInAnyOrderElementsOf(names(DatasetContract.Generalisation.values()));
    assertThat(enumOf(json.at("/properties/onInvalidIdentifier/enum")))
        .containsExactlyInAnyOrderElementsOf(
            names(DatasetContract.InvalidIdentifierPolicy.values()));
    assertThat(enumOf(json.at("/$defs/declaredIdentifier/properties/kind/enum")))
        .containsExactlyInAnyOrderElementsOf(
            names(org.hearth.pseudonymise.normalise.OtherIdentifiers.Kind.values()));
  }

  @Test
  void aBrokenContractIsRefusedWithEveryProblemItsPathAndWhatIsWrong(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("broken.json");
    Files.writeString(
        f,
        """
        {"dataset": "Rough_Sleeping", "recordKey": ["Ref"], "colour": "blue",
         "onInvalidIdentifier": "drop",
         "fields": [
           {"column": "Ref", "role": "record-key", "requried": true},
           {"column": "Seen At", "role": "identifier", "type": "adress-line"},
           {"column": "Band", "role": "attribute", "type": "code"},
           {"column": "Age", "role": "attribute", "type": "integer", "required": "yes"},
           {"column": "NHS", "role": "attribute", "type": "nhs-number", "as": "2nhs"}],
         "matchKeys": {}}
        """);
    List<String> problems = Contracts.validate(f.toString());
    String p = f.toString();
    assertThat(problems)
        .contains(
            p
                + ": $.dataset: \"Rough_Sleeping\" is not a dataset id: lower-case letters, digits"
                + " and hyphens (e.g. rough-sleeping)",
            p + ": $.colour: is not a property a contract has here; remove it",
            p + ": $.onInvalidIdentifier: \"drop\" is not one of: drop-key, reject-row",
            p
                + ": $.fields[0].requried: is not a property a contract has here (did you mean"
                + " 'required'?); remove it",
            p + ": $.fields[2].values: code column 'Band' needs its allowed values",
            p + ": $.fields[3].required: must be true or false, not a string \"...\"",
            p
                + ": $.matchKeys: a contract needs address or person match keys, or nothing can"
                + " link")
        .anyMatch(l -> l.startsWith(p + ": $.fields[1].type: \"adress-line\" is not one of: text,"))
        .anyMatch(l -> l.startsWith(p + ": $.fields[4].as: \"2nhs\" is not an output name"))
        // every problem at once: the rules that need the whole contract despite the bad type
        .contains(
            p
                + ": $.fields[4].type: column 'NHS' is an identifier type (NHS_NUMBER) and cannot"
                + " be an attribute")
        .doesNotHaveDuplicates();
    // in document order
    assertThat(
            problems.indexOf(
                p + ": $.fields[3].required: must be true or false, not a string \"...\""))
        .isGreaterThan(
            problems.indexOf(
                p + ": $.fields[2].values: code column 'Band' needs its allowed values"));
    assertThatThrownBy(() -> Contracts.load(f.toString()))
        .isInstanceOf(Contracts.ContractException.class)
        .hasMessageContaining("$.fields[0].requried")
        .satisfies(
            e ->
                assertThat(((Contracts.ContractException) e).problems())
                    .containsExactlyElementsOf(problems));
  }

  @Test
  void theLoadersOwnRulesAreReportedAtTheirPaths(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rules.json");
    Files.writeString(
        f,
        """
        {"dataset": "rough-sleeping", "recordKey": ["Ref", "Case"],
         "fields": [
           {"column": "Ref", "role": "record-key"},
           {"column": "Ref", "role": "free-text"},
           {"column": "NHS", "role": "attribute", "type": "nhs-number"},
           {"column": "Area", "role": "quasi-identifier", "type": "postcode"}],
         "matchKeys": {"address": {"postcode": "Post Code"},
                       "persons": [{"nhsNumber": "NHS Number"}]}}
        """);
    String p = f.toString();
    assertThat(Contracts.validate(p))
        .contains(
            p + ": $.fields[1].column: column 'Ref' is listed twice",
            p
                + ": $.fields[2].type: column 'NHS' is an identifier type (NHS_NUMBER) and cannot be"
                + " an attribute",
            p + ": $.fields[3].generalise: quasi-identifier 'Area' needs a generalisation",
            p + ": $.recordKey[1]: record key column 'Case' is not a field",
            p + ": $.matchKeys.address.postcode: address key column 'Post Code' is not a field",
            p
                + ": $.matchKeys.persons[0].nhsNumber: person key column 'NHS Number' is not a"
                + " field")
        // the schema's finding at a path the loader explains better is not repeated
        .noneMatch(l -> l.startsWith(p + ": $.fields[2].type: \"nhs-number\""))
        .noneMatch(l -> l.startsWith(p + ": $.fields[3].generalise: is required"));
  }

  @Test
  void unreadableContractsSayWhereTheJsonBreaks(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, "{\n  \"dataset\": \"x\",\n  \"fields\": [,]\n}");
    assertThat(Contracts.validate(f.toString()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(f + " is not valid JSON (line 3, column");
    Files.writeString(f, "{\"dataset\": \"x\", \"dataset\": \"y\"}");
    assertThat(Contracts.validate(f.toString()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("not valid JSON")
        .contains("dataset");
    assertThat(Contracts.validate(dir.resolve("none.json").toString()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("no readable file");
  }

  private static List<String> enumOf(com.fasterxml.jackson.databind.JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> names(Enum<?>[] values) {
    return java.util.Arrays.stream(values)
        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .toList();
  }

  @Test
  void headersMatchWhateverTheirCaseAndPunctuation() {
    var field = Contracts.load("housing-benefits").field("Post Code").orElseThrow();
    for (String h : List.of("Post Code", "POST CODE", "post_code", " PostCode ")) {
      assertThat(field.matchesHeader(h)).as(h).isTrue();
    }
  }
}
