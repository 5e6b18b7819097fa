package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.junit.jupiter.api.Test;

/**
 * The report as a reader sees it: rendered by headless Chromium, the screenshot kept in
 * target/report-screenshots/. Skips, saying so, where Chromium is not installed (Debian: apt-get
 * install chromium).
 */
class SchoolReadinessReportChromiumIT {
  private static final List<Path> BROWSERS =
      List.of(
          Path.of("/usr/bin/chromium"),
          Path.of("/usr/bin/chromium-browser"),
          Path.of("/usr/bin/google-chrome"));

  @Test
  void rendersInHeadlessChromium() throws Exception {
    Optional<Path> chromium = BROWSERS.stream().filter(Files::isExecutable).findFirst();
    assumeThat(chromium)
        .as(
            "headless Chromium is not installed (apt-get install chromium); screenshot test skipped")
        .isPresent();

    Path dir = Path.of("target", "report-screenshots").toAbsolutePath();
    Files.createDirectories(dir);
    Path html = dir.resolve("school-readiness.html");
    Path png = dir.resolve("school-readiness.png");
    Files.deleteIfExists(png);
    Files.writeString(html, SchoolReadinessReport.html(sample(DisclosureRules.DEFAULT)));

    Path profile = Files.createTempDirectory("hearth-chromium");
    Process p =
        new ProcessBuilder(
                chromium.get().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=1100,1900",
                "--screenshot=" + png,
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();

    assertThat(png).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1100);
    // a page with text, bars and a forest plot has many colours; a blank or error page has few
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
    // the bar colour of the wards is on the page
    assertThat(colours).contains(0xFF7FA7C4);
  }

  /** Three wards of children, one of them small, and households with and without factors. */
  static SchoolReadiness.Figures sample(DisclosureRules rules) {
    return SchoolReadiness.figures(
        sampleChildren(), Optional.empty(), rules, Instant.parse("2026-11-21T09:00:00Z"));
  }

  static List<SchoolReadiness.Child> sampleChildren() {
    Random r = new Random(1);
    List<SchoolReadiness.Child> children = new ArrayList<>();
    String[] wards = {"E05000001", "E05000002", "E05000003"};
    int[] sizes = {140, 95, 4};
    for (int w = 0; w < wards.length; w++) {
      for (int i = 0; i < sizes[w]; i++) {
        boolean[] f = new boolean[Factor.values().length];
        double risk = 0.25;
        for (int k = 0; k < f.length; k++) {
          f[k] = r.nextDouble() < 0.2;
          risk += f[k] ? 0.08 * (k % 4) : 0;
        }
        children.add(
            new SchoolReadiness.Child(wards[w], r.nextDouble() > risk, f, r.nextLong() >>> 11));
      }
    }
    return children;
  }
}
