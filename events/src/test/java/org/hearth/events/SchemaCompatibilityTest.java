package org.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Schema evolution is deliberate: today's readers must read what the last release wrote. */
class SchemaCompatibilityTest {
  private static final List<Schema> CURRENT =
      Stream.concat(
              Stream.of(
                  MatchKeyType.getClassSchema(),
                  Operation.getClassSchema(),
                  MatchKeyPseudonym.getClassSchema(),
                  PartnerRecord.getClassSchema(),
                  ExtractManifest.getClassSchema()),
              DatasetSchemas.datasets().stream().map(d -> DatasetSchemas.attributes(d).get()))
          .toList();

  @TestFactory
  Stream<DynamicTest> currentSchemasReadReleasedData() {
    return CURRENT.stream()
        .map(
            current ->
                DynamicTest.dynamicTest(
                    current.getName(),
                    () -> {
                      Schema released = released(current.getName());
                      var result =
                          SchemaCompatibility.checkReaderWriterCompatibility(current, released);
                      assertThat(result.getType())
                          .as(
                              "%s is not backward compatible with its released copy: %s",
                              current.getName(), result.getDescription())
                          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
                    }));
  }

  @Test
  void theCheckCatchesAnIncompatibleChange() throws IOException {
    // a new required field without a default cannot read old data
    Schema broken =
        new Schema.Parser()
            .parse(
                PartnerRecord.getClassSchema()
                    .toString()
                    .replace(
                        "{\"name\":\"keyVersion\",\"type\":\"int\"",
                        "{\"name\":\"newRequired\",\"type\":\"int\"},{\"name\":\"keyVersion\",\"type\":\"int\""));
    assertThat(broken.getField("newRequired")).isNotNull();
    assertThat(
            SchemaCompatibility.checkReaderWriterCompatibility(broken, released("PartnerRecord"))
                .getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static Schema released(String name) throws IOException {
    try (InputStream in =
        SchemaCompatibilityTest.class.getResourceAsStream("/released/" + name + ".avsc")) {
      assertThat(in).as("a released copy of %s", name).isNotNull();
      Schema.Parser parser = new Schema.Parser();
      // named types a schema refers to must be known to the parser first, in dependency order
      for (String dep : List.of("MatchKeyType", "Operation", "MatchKeyPseudonym")) {
        if (dep.equals(name)) {
          break;
        }
        {
          try (InputStream d =
              SchemaCompatibilityTest.class.getResourceAsStream("/released/" + dep + ".avsc")) {
            parser.parse(d);
          }
        }
      }
      return parser.parse(in);
    }
  }
}
