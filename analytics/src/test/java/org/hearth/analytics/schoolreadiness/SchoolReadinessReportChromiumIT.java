package org.hearth.analytics.schoolreadiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.hearth.analytics.disclosure.DisclosureRules;
import org.hearth.analytics.domesticabuse.DomesticAbuseNeeds;
import org.hearth.analytics.domesticabuse.DomesticAbuseReport;
import org.hearth.analytics.reference.Names;
import org.hearth.analytics.supportingfamilies.ClaimsCheck;
import org.hearth.analytics.supportingfamilies.ClaimsReport;
import org.hearth.analytics.supportingfamilies.ClaimsSummary;
import org.junit.jupiter.api.Test;

/**
 * The report as a reader sees it: rendered by headless Chromium, the screenshot kept in
 * target/report-screenshots/; at a phone's width and a desktop's, measured in the browser for
 * sideways overflow, cut-off chart labels and text contrast; printed to PDF. Skips, saying so,
 * where Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it).
 */
class SchoolReadinessReportChromiumIT {
  private static final List<Path> BROWSERS =
      List.of(
          Path.of("/usr/bin/chromium"),
          Path.of("/usr/bin/chromium-browser"),
          Path.of("/usr/bin/google-chrome"));

  /**
   * The probe the narrow-screen test adds to a copy of the page: measures in the browser, then
   * posts JSON to the page framing it (headless Chromium's window is at least 500 px wide, so a
   * phone's width is an iframe's).
   */
  private static final String PROBE =
      "<script>(function(){"
          + "function parse(c){var m=/rgba?\\(([^)]+)\\)/.exec(c||'');if(!m)return null;"
          + "var p=m[1].split(',').map(parseFloat);return {r:p[0],g:p[1],b:p[2],a:p.length>3?p[3]:1};}"
          + "function ch(v){v/=255;return v<=0.04045?v/12.92:Math.pow((v+0.055)/1.055,2.4);}"
          + "function lum(c){return 0.2126*ch(c.r)+0.7152*ch(c.g)+0.0722*ch(c.b);}"
          + "function bg(el){for(var e=el;e;e=e.parentElement){"
          + "var c=parse(getComputedStyle(e).backgroundColor);if(c&&c.a>0)return c;}"
          + "return {r:255,g:255,b:255,a:1};}"
          + "var low=[],min=99,texts=0;"
          + "var w=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT);"
          + "while(w.nextNode()){var t=w.currentNode;if(!t.textContent.trim())continue;"
          + "var el=t.parentElement;if(el.closest('script'))continue;var cs=getComputedStyle(el);"
          + "var fg=parse(el instanceof SVGElement?cs.fill:cs.color);if(!fg)continue;"
          + "var a=lum(fg),b=lum(bg(el));var r=(Math.max(a,b)+0.05)/(Math.min(a,b)+0.05);"
          + "texts++;if(r<min)min=r;if(r<4.5)low.push(t.textContent.trim().slice(0,30)+' '+r.toFixed(2));}"
          + "var clipped=[];document.querySelectorAll('svg').forEach(function(svg){"
          + "var s=svg.getBoundingClientRect();svg.querySelectorAll('text').forEach(function(x){"
          + "var r=x.getBoundingClientRect();if(r.left<s.left-0.5||r.right>s.right+0.5"
          + "||r.top<s.top-0.5||r.bottom>s.bottom+0.5)clipped.push(x.textContent);});});"
          + "var d=document.documentElement;"
          + "var out={innerWidth:window.innerWidth,scrollWidth:d.scrollWidth,texts:texts,"
          + "minContrast:min,lowContrast:low,clipped:clipped,text:document.body.innerText};"
          + "parent.postMessage(JSON.stringify(out),'*');})();</script>";

  /** A page framing the probed report at a given width, writing what the probe posts. */
  private static String frame(String report, int width) {
    return "<!DOCTYPE html><html><body style=\"margin:0\"><script>"
        + "window.addEventListener('message',function(e){var p=document.createElement('pre');"
        + "p.textContent='HEARTH-RESULT'+e.data+'HEARTH-RESULT';document.body.appendChild(p);});"
        + "</script><iframe src=\""
        + report
        + "\" style=\"width:"
        + width
        + "px;height:900px;border:0\"></iframe></body></html>";
  }

  private static Optional<Path> chromium() {
    Optional<Path> chromium = BROWSERS.stream().filter(Files::isExecutable).findFirst();
    assumeThat(chromium)
        .as(
            "headless Chromium is not installed (apt-get install chromium); screenshot test skipped")
        .isPresent();
    return chromium;
  }

  private static Path screenshotDir() throws Exception {
    Path dir = Path.of("target", "report-screenshots").toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  private static void run(Path dir, String log, List<String> args) throws Exception {
    Path profile = Files.createTempDirectory("hearth-chromium");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium().get().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile));
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile())
            .start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
  }

  @Test
  void rendersInHeadlessChromium() throws Exception {
    chromium();
    Path dir = screenshotDir();
    Path html = dir.resolve("school-readiness.html");
    Path png = dir.resolve("school-readiness.png");
    Files.deleteIfExists(png);
    Files.writeString(
        html,
        SchoolReadinessReport.html(
            sample(DisclosureRules.DEFAULT), SchoolReadinessReportTest.context()));
    run(
        dir,
        "chromium.log",
        List.of("--window-size=1100,2200", "--screenshot=" + png, html.toUri().toString()));

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

  /**
   * At a phone's width (360 px) and at a desktop's: the page never scrolls sideways (tables scroll
   * inside themselves, charts shrink), no chart label is cut off, every text is at least 4.5:1
   * against what is behind it, and wards are named.
   */
  @Test
  void fitsANarrowScreenWithAaContrastAndWardNames() throws Exception {
    chromium();
    for (DisclosureRules rules : List.of(DisclosureRules.DEFAULT, DisclosureRules.SUPPRESSION)) {
      String json =
          probe(
              "school-readiness-" + rules.method(),
              SchoolReadinessReport.html(sample(rules), SchoolReadinessReportTest.context()));
      assertThat(json).contains("Marshside", "South Woodham Ferrers Central", "Area: Basildon");
    }
  }

  /** The domestic-abuse and Supporting Families pages share the stylesheet: the same checks. */
  @Test
  void theOtherPagesFitANarrowScreenWithAaContrast() throws Exception {
    chromium();
    Random r = new Random(4);
    List<DomesticAbuseNeeds.Case> cases = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      cases.add(
          new DomesticAbuseNeeds.Case(
              "2026-Q" + (1 + i % 2),
              i < 30 ? "basildon-council" : "castle-point-council",
              List.of("Couple", "Couple with children", "Single parent with children").get(i % 3),
              r.nextLong() >>> 11));
    }
    Names.All names =
        new Names.All(
            java.util.Map.of(),
            java.util.Map.of(
                "basildon-council", "Basildon Council",
                "castle-point-council", "Castle Point Council"));
    String da =
        probe(
            "domestic-abuse",
            DomesticAbuseReport.html(
                DomesticAbuseNeeds.figures(
                    cases, 1, DisclosureRules.SUPPRESSION, Instant.parse("2026-07-01T00:00:00Z")),
                names));
    assertThat(da).contains("Castle Point Council").doesNotContain("castle-point-council");
    List<ClaimsCheck.Claim> claims = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      claims.add(
          new ClaimsCheck.Claim(
              "CL-" + i,
              "2026-Q1",
              3,
              "housing",
              List.of(),
              java.util.EnumSet.of(ClaimsCheck.Area.HOUSING),
              r.nextLong() >>> 11));
    }
    String sf =
        probe(
            "supporting-families",
            ClaimsReport.html(
                ClaimsSummary.of(
                    new ClaimsCheck.Result("2026-Q1", claims, List.of("2026-Q1")),
                    DisclosureRules.DEFAULT,
                    Instant.EPOCH)));
    assertThat(sf).contains("Secure housing");
  }

  /**
   * Renders a page at 360 px and 1,100 px with the probe and checks what it measured; returns the
   * probe's JSON at 360 px (with the page's text).
   */
  private static String probe(String name, String page) throws Exception {
    Path dir = screenshotDir();
    Path html = dir.resolve(name + "-probe.html");
    Files.writeString(html, page.replace("</body>", PROBE + "\n</body>"));
    String narrow = null;
    for (int width : new int[] {360, 1100}) {
      Path framing = dir.resolve(name + "-at-" + width + ".html");
      Files.writeString(framing, frame(html.getFileName().toString(), width));
      String log = name + "-probe-" + width + ".html";
      run(
          dir,
          log,
          List.of(
              "--window-size=1200,1000",
              "--virtual-time-budget=5000",
              "--dump-dom",
              framing.toUri().toString()));
      String dom = Files.readString(dir.resolve(log));
      Matcher m =
          Pattern.compile("<pre>HEARTH-RESULT(.*?)HEARTH-RESULT", Pattern.DOTALL).matcher(dom);
      assertThat(m.find()).as("the probe ran (%s)", dir.resolve(log)).isTrue();
      String json = m.group(1);
      String at = name + " at " + width + " px: " + json;
      assertThat(number(json, "innerWidth")).as(at).isEqualTo(width);
      assertThat(number(json, "scrollWidth"))
          .as("horizontal overflow, " + at)
          .isLessThanOrEqualTo(width);
      assertThat(array(json, "clipped")).as("chart labels cut off, " + at).isEmpty();
      assertThat(array(json, "lowContrast")).as("text below 4.5:1, " + at).isEmpty();
      assertThat(number(json, "texts")).as(at).isGreaterThan(20);
      if (narrow == null) {
        narrow = json;
      }
    }
    return narrow;
  }

  /** Printing gives a PDF (the print stylesheet applies). */
  @Test
  void printsToPdf() throws Exception {
    chromium();
    Path dir = screenshotDir();
    Path html = dir.resolve("school-readiness-print.html");
    Path pdf = dir.resolve("school-readiness.pdf");
    Files.deleteIfExists(pdf);
    Files.writeString(
        html,
        SchoolReadinessReport.html(
            sample(DisclosureRules.DEFAULT), SchoolReadinessReportTest.context()));
    run(
        dir,
        "chromium-print.log",
        List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf, html.toUri().toString()));
    assertThat(pdf).exists();
    assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
    assertThat(m.find()).as(key + " in " + json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static String array(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\[(.*?)\\]").matcher(json);
    assertThat(m.find()).as(key + " in " + json).isTrue();
    return m.group(1);
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
