package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.ingest.contract.Contracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth contracts show|validate|json-schema} as a partner's data officer uses them. */
class ContractsCliTest {

  @Test
  void everyBuiltInContractShowsAndValidates(@TempDir Path dir) throws Exception {
    for (String name : Contracts.BUILT_IN) {
      var shown = CliErrorsTest.run("contracts", "show", name);
      assertThat(shown.code()).as(shown.err()).isZero();
      Path copy = dir.resolve(name + ".json");
      Files.writeString(copy, shown.out());
      var checked = CliErrorsTest.run("contracts", "validate", copy.toString());
      assertThat(checked.code()).as(checked.err()).isZero();
      assertThat(checked.out()).contains("valid contract for dataset '" + name + "'");
    }
  }

  @Test
  void validateListsEveryProblemOnItsOwnLineAndExitsTwo(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rough-sleeping.json");
    Files.writeString(
        f,
        """
        {"dataset": "rough-sleeping", "recordKey": ["Ref"],
         "fields": [
           {"column": "Ref", "role": "record-key", "requried": true},
           {"column": "Seen At", "role": "identifier", "type": "address-line"},
           {"column": "Postcode", "role": "identifier", "type": "postcode",
            "generalise": "postcode-geography"},
           {"column": "Tenure", "role": "attribute", "type": "code"}],
         "matchKeys": {"address": {"lines": ["Seen At"], "postcode": "Postcode"}}}
        """);
    var r = CliErrorsTest.run("contracts", "validate", f.toString());
    assertThat(r.code()).isEqualTo(Hearth.USAGE);
    assertThat(r.err().lines())
        .contains(
            f
                + ": $.fields[0].requried: is not a property a contract has here (did you mean"
                + " 'required'?); remove it",
            f + ": $.fields[3].values: code column 'Tenure' needs its allowed values",
            f + ": not a valid contract (2 problems); see docs/contracts.md");
    // fixed as the messages say, it is valid
    Files.writeString(
        f,
        Files.readString(f)
            .replace("\"requried\"", "\"required\"")
            .replace(
                "\"type\": \"code\"}", "\"type\": \"code\", \"values\": [\"Owned\", \"Rented\"]}"));
    var fixed = CliErrorsTest.run("contracts", "validate", f.toString());
    assertThat(fixed.code()).as(fixed.err()).isZero();
    assertThat(fixed.out()).contains("valid contract for dataset 'rough-sleeping' (4 fields)");
  }

  @Test
  void jsonSchemaPrintsTheSchemaAContractIsCheckedAgainst() {
    var r = CliErrorsTest.run("contracts", "json-schema");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    assertThat(r.out()).isEqualTo(Contracts.jsonSchema());
  }
}
