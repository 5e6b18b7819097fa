package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.ingest.contract.Contracts;
import org.hearth.ingest.contract.DatasetContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/contracts.md is what a partner writes a contract from: its example contract is valid, and it
 * names every property, role, type, generalisation and identifier kind the schema has.
 */
class ContractsDocsTest {
  private static final Path DOC =
      Path.of(System.getProperty("user.dir")).getParent().resolve("docs/contracts.md");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyContractInTheDocsIsValid(@TempDir Path dir) throws Exception {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("(?s)```json\\n(.*?)```").matcher(Files.readString(DOC));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).isNotEmpty();
    int contracts = 0;
    for (String block : blocks) {
      JsonNode node = JSON.readTree(block);
      if (node.has("dataset")) {
        Path f = dir.resolve("doc-" + contracts++ + ".json");
        Files.writeString(f, block);
        assertThat(Contracts.validate(f.toString())).as(block).isEmpty();
        DatasetContract c = Contracts.load(f.toString());
        // the example shows every role and every attribute type
        assertThat(c.fields().stream().map(DatasetContract.Field::role).distinct())
            .contains(
                DatasetContract.Role.RECORD_KEY,
                DatasetContract.Role.IDENTIFIER,
                DatasetContract.Role.ATTRIBUTE,
                DatasetContract.Role.FREE_TEXT);
      }
    }
    assertThat(contracts).isPositive();
  }

  @Test
  void theDocsNameEverythingTheSchemaAllows() throws Exception {
    String doc = Files.readString(DOC);
    JsonNode schema = JSON.readTree(Contracts.jsonSchema());
    List<String> names = new ArrayList<>();
    schema.get("properties").fieldNames().forEachRemaining(names::add);
    for (String def : List.of("field", "address", "person", "declaredIdentifier")) {
      schema.at("/$defs/" + def + "/properties").fieldNames().forEachRemaining(names::add);
    }
    for (String pointer :
        List.of(
            "/$defs/field/properties/role/enum",
            "/$defs/field/properties/type/enum",
            "/$defs/field/properties/generalise/enum",
            "/properties/onInvalidIdentifier/enum",
            "/$defs/declaredIdentifier/properties/kind/enum")) {
      schema.at(pointer).forEach(v -> names.add(v.asText()));
    }
    assertThat(names).hasSizeGreaterThan(40);
    for (String name : names) {
      assertThat(doc).as("docs/contracts.md names `%s`", name).contains("`" + name + "`");
    }
  }
}
