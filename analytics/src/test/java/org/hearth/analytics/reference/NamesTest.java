package org.hearth.analytics.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesTest {
  @TempDir Path dir;

  @Test
  void readsTheOnsWardNamesLayoutOfAnyYear() throws Exception {
    Path f = dir.resolve("wards.csv");
    Files.writeString(
        f,
        "\uFEFFFID,WD23CD,WD23NM,WD23NMW,LAD23CD,LAD23NM\r\n"
            + "1,E05900001,Marshside,,E07900001,Basildon\r\n"
            + "2,E05900002,\"Pitsea, North\",,E07900001,Basildon\r\n"
            + "3,,,,,\r\n",
        StandardCharsets.UTF_8);
    assertThat(Names.readWards(f))
        .containsExactly(
            new Names.Ward("E05900001", "Marshside", "E07900001", "Basildon"),
            new Names.Ward("E05900002", "Pitsea, North", "E07900001", "Basildon"));
    Path codesOnly = Files.writeString(dir.resolve("w2.csv"), "WD24CD,WD24NM\nE05900003,Vange\n");
    assertThat(Names.readWards(codesOnly))
        .containsExactly(new Names.Ward("E05900003", "Vange", null, null));
  }

  @Test
  void aFileWithoutTheColumnsSaysWhatItNeeds() throws Exception {
    Path f = Files.writeString(dir.resolve("x.csv"), "code,name\nE05900001,Marshside\n");
    assertThatThrownBy(() -> Names.readWards(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WDnnCD and WDnnNM");
    assertThatThrownBy(() -> Names.readPartners(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partner, name");
  }

  @Test
  void partnersAreNamedWhereKnownAndByIdOtherwise() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("p.csv"), "partner,name\nbasildon-council,Basildon Council\n");
    Map<String, String> p = Names.readPartners(f);
    Names.All all = new Names.All(Map.of(), p);
    assertThat(all.partnerName("basildon-council")).isEqualTo("Basildon Council");
    assertThat(all.partnerName("rochford-council")).isEqualTo("rochford-council");
    assertThat(all.wardName("E05900001")).isEqualTo("E05900001");
  }
}
