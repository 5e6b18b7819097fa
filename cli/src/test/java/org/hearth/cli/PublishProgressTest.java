package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `hearth publish` shows while the edge works, when its stderr is not a terminal. */
class PublishProgressTest {
  @TempDir Path dir;

  @Test
  void aRedirectedLogGetsPlainLinesWithTotalAndPercentAndNoCarriageReturn() {
    StringWriter log = new StringWriter();
    PublishCommand.Progress p = new PublishCommand.Progress(new PrintWriter(log), 2_000, false);
    for (int rows = 0; rows <= 2_000; rows += 100) {
      p.accept(rows);
    }
    p.done();
    String text = log.toString();
    assertThat(text).doesNotContain("\r").contains("2000/2000").contains("100%");
    assertThat(text.lines()).allSatisfy(l -> assertThat(l).startsWith("  rows"));
  }

  @Test
  void aFileLargerThanItsEstimateRaisesTheTotalInsteadOfPassingAHundredPercent() {
    StringWriter log = new StringWriter();
    PublishCommand.Progress p = new PublishCommand.Progress(new PrintWriter(log), 10, false);
    p.accept(25);
    p.done();
    assertThat(log.toString()).contains("25/25").doesNotContain("250%");
  }

  @Test
  void theTotalIsTheFilesLinesAfterTheHeaderAndUnknownForAWorkbook() throws Exception {
    Path csv = dir.resolve("extract.csv");
    Files.writeString(csv, "a,b\n1,2\n3,4\n5,6");
    assertThat(PublishCommand.Progress.estimateRows(csv)).isEqualTo(3);
    Files.writeString(csv, "a,b\n1,2\n");
    assertThat(PublishCommand.Progress.estimateRows(csv)).isEqualTo(1);
    assertThat(PublishCommand.Progress.estimateRows(dir.resolve("extract.xlsx"))).isEqualTo(-1);
  }
}
