package org.hearth.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The documented data dictionary is the one the generator writes by. */
class DataDictionaryTest {
  @Test
  void docsMatchTheGenerator() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "synthetic-data.md"));
    assertThat(doc).contains(SyntheticCounty.dictionaryMarkdown());
    for (Dataset d : PartnerDatasets.all()) {
      assertThat(doc).contains("### " + d.id());
    }
  }
}
