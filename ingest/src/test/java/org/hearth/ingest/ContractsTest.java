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

  @Test
  void headersMatchWhateverTheirCaseAndPunctuation() {
    var field = Contracts.load("housing-benefits").field("Post Code").orElseThrow();
    for (String h : List.of("Post Code", "POST CODE", "post_code", " PostCode ")) {
      assertThat(field.matchesHeader(h)).as(h).isTrue();
    }
  }
}
