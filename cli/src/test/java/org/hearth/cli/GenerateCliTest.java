package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCliTest {

  @Test
  void generatesAWardWithTruthApart(@TempDir Path out) {
    var r =
        CliErrorsTest.run(
            "generate", "--scale", "ward", "--quarters", "1", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("people in").contains("truth/");
    assertThat(out.resolve("extracts/2026-Q1/essex-county-council/school-readiness.xlsx")).exists();
    assertThat(out.resolve("truth/2026-Q1/essex-county-council/school-readiness.csv")).exists();
    assertThat(out.resolve("lookup/onspd-synthetic.csv")).exists();
    assertThat(Files.exists(out.resolve("extracts/2026-Q1/essex-police/police-incidents.csv")))
        .isTrue();
  }

  @Test
  void badOptionsAreUsageErrors(@TempDir Path out) {
    var scale = CliErrorsTest.run("generate", "--scale", "planet", "--out", out.toString());
    assertThat(scale.code()).isEqualTo(Hearth.USAGE);
    assertThat(scale.err()).startsWith("hearth: --scale must be ward, district or county");
    var quarter =
        CliErrorsTest.run("generate", "--first-quarter", "2026-Q5", "--out", out.toString());
    assertThat(quarter.code()).isEqualTo(Hearth.USAGE);
  }
}
