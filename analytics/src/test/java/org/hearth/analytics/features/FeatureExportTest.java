package org.hearth.analytics.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hearth.analytics.features.FeatureExport.Format;
import org.hearth.analytics.features.FeatureSet.Column;
import org.hearth.analytics.features.FeatureSet.Role;
import org.hearth.analytics.features.FeatureSet.Type;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeatureExportTest {
  @TempDir Path dir;

  static FeatureSet sample() {
    List<Column> columns =
        List.of(
            new Column("child_id", Type.STRING, Role.ID, "Child, \"quoted\", with a comma."),
            new Column("ward", Type.STRING, Role.QUASI_IDENTIFIER, "Ward."),
            new Column("boy", Type.BOOLEAN, Role.FEATURE, "Boy."),
            new Column("good_level_of_development", Type.BOOLEAN, Role.LABEL, "Label."));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(
          new Object[] {"c" + i, i % 7 == 0 ? null : "E0500000" + (i % 3), i % 2 == 0, i % 3 != 0});
    }
    return new FeatureSet("school-readiness", columns, rows);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aFeatureFileAndItsDictionaryRoundTrip(Format format) throws Exception {
    FeatureSet set = sample();
    Path file = dir.resolve("out").resolve("features." + format.extension());
    Path dictionary = FeatureExport.write(set, file, format);

    assertThat(dictionary).isEqualTo(dir.resolve("out").resolve("features.dictionary.csv"));
    assertThat(Files.readString(dictionary))
        .startsWith("project,column,type,role,description\r\n")
        .contains("school-readiness,ward,string,quasi-identifier,Ward.")
        .contains("\"Child, \"\"quoted\"\", with a comma.\"");
    FeatureSet back = FeatureExport.read(file);
    assertThat(back.project()).isEqualTo("school-readiness");
    assertThat(back.columns()).isEqualTo(set.columns());
    assertThat(back.rows()).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(back.rows().get(i)).as("row %d", i).containsExactly(set.rows().get(i));
    }
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aFileWithoutItsDictionaryIsRefused(Format format) throws Exception {
    Path file = dir.resolve("features." + format.extension());
    FeatureExport.write(sample(), file, format);
    Files.delete(FeatureExport.dictionaryOf(file));
    assertThatThrownBy(() -> FeatureExport.read(file)).hasMessageContaining("no data dictionary");
  }

  @org.junit.jupiter.api.Test
  void theFormatComesFromTheExtension() {
    assertThat(Format.of(Path.of("a/b.PARQUET"))).isEqualTo(Format.PARQUET);
    assertThatThrownBy(() -> Format.of(Path.of("b.xlsx"))).hasMessageContaining(".csv or .parquet");
  }
}
