package org.hearth.analytics.report;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What every HTML output of Hearth shares: one stylesheet (responsive, printable, every text colour
 * at least 4.5:1 against its background, WCAG 2.2 AA), escaping, tables that scroll inside
 * themselves rather than widen the page, and CSV beside each page. Pages are self-contained: no
 * script, nothing fetched.
 */
public final class Html {
  /** Body text. */
  public static final String TEXT = "#1b1b1b";

  /** Secondary text: the meta line, "suppressed", "not shown", axis labels. 7.0:1 on white. */
  public static final String MUTED = "#595959";

  public static final String BACKGROUND = "#ffffff";

  /** Background of the methods note. */
  public static final String NOTE_BACKGROUND = "#f5f5f0";

  /** Bars and markers (not text). */
  public static final String BAR = "#7fa7c4";

  public static final String BAR_TOTAL = "#4a6f8a";

  /** Every pair of text colour and the background it is drawn on, for the contrast test. */
  public static final List<String[]> TEXT_ON_BACKGROUND =
      List.of(
          new String[] {TEXT, BACKGROUND},
          new String[] {MUTED, BACKGROUND},
          new String[] {TEXT, NOTE_BACKGROUND},
          new String[] {MUTED, NOTE_BACKGROUND});

  private static final String CSS =
      ":root{color-scheme:light}\n"
          + "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;"
          + "max-width:60rem;padding:0 1rem;color:"
          + TEXT
          + ";background:"
          + BACKGROUND
          + ";line-height:1.45}\n"
          + "h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}\n"
          + ".meta{color:"
          + MUTED
          + ";margin-top:0}\n"
          + ".facts{margin:.6rem 0;padding:0}.facts li{list-style:none;margin:.1rem 0}\n"
          + ".scroll{overflow-x:auto;max-width:100%}\n"
          + "table{border-collapse:collapse;margin:.8rem 0;font-variant-numeric:tabular-nums}\n"
          + "th,td{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:right;"
          + "vertical-align:top}\n"
          + "td{white-space:nowrap}\n"
          + "th:first-child,td:first-child{text-align:left;white-space:normal}\n"
          + "td.code{color:"
          + MUTED
          + ";text-align:left}\n"
          + "tr.total td{font-weight:600;border-top:2px solid #999}\n"
          + ".sup{color:"
          + MUTED
          + ";font-style:italic}\n"
          + ".note{background:"
          + NOTE_BACKGROUND
          + ";padding:.8rem 1rem;border-left:4px solid #b8a14a}\n"
          + "figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}\n"
          + "figure svg{display:block;width:100%;height:auto}\n"
          + "svg text{font-family:inherit;font-size:12px}\n"
          + "@media (max-width:40rem){body{margin:1rem auto;padding:0 .6rem}"
          + "th,td{padding:.25rem .35rem}h1{font-size:1.35rem}}\n"
          + "@media print{@page{margin:15mm}body{max-width:none;margin:0;padding:0;font-size:10pt;"
          + "color:#000}.scroll{overflow:visible}table{width:100%}"
          + "figure,tr,.note{break-inside:avoid}h2{break-after:avoid}"
          + "figure svg{max-width:100%!important}}\n";

  private Html() {}

  /** A complete page: the shared stylesheet, the title as h1 too, then the body. */
  public static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + esc(title)
        + "</title>\n<style>\n"
        + CSS
        + "</style>\n</head>\n<body>\n<h1>"
        + esc(title)
        + "</h1>\n"
        + body
        + "</body>\n</html>\n";
  }

  /**
   * An inline SVG that scales to the width of its container (viewBox, width 100%) and never grows
   * past its drawn size; its caption is visible and is also its accessible name.
   */
  public static StringBuilder svg(String caption, int width, int height) {
    return new StringBuilder()
        .append("<figure>\n<figcaption>")
        .append(esc(caption))
        .append("</figcaption>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<svg role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d %d\" width=\"100%%\""
                    + " preserveAspectRatio=\"xMinYMin meet\" style=\"max-width:%dpx\">\n",
                esc(caption),
                width,
                height,
                width));
  }

  /** Closes what {@link #svg} opened. */
  public static String endSvg(StringBuilder s) {
    return s.append("</svg>\n</figure>\n").toString();
  }

  /** A table inside a box that scrolls sideways on a narrow screen instead of widening the page. */
  public static String scrollingTable(String table) {
    return "<div class=\"scroll\">\n" + table + "</div>\n";
  }

  /** "suppressed", "not shown" and the like, in the muted style. */
  public static String muted(String word) {
    return "<span class=\"sup\">" + esc(word) + "</span>";
  }

  /** Approximate width in px of a label at 12px in a sans-serif face (generous: never clips). */
  public static int textWidth(String s) {
    return (int) Math.ceil(s.length() * 7.0);
  }

  /** The opening of a page's meta line: where the figures come from and when they were computed. */
  public static String computedAt(java.time.Instant at) {
    return "<p class=\"meta\">Hearth linked data, computed "
        + java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK)
            .format(at.atOffset(java.time.ZoneOffset.UTC))
        + ". ";
  }

  public static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** The WCAG 2.x contrast ratio of two colours #rrggbb. */
  public static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return 0.2126 * channel((rgb >> 16) & 0xff)
        + 0.7152 * channel((rgb >> 8) & 0xff)
        + 0.0722 * channel(rgb & 0xff);
  }

  private static double channel(int v) {
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** Writes rows (the first is the header) as CSV, UTF-8, CRLF, creating the folder. */
  public static void writeCsv(Path file, List<List<String>> rows) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (CsvWriter w =
        CsvWriter.builder()
            .lineDelimiter(LineDelimiter.CRLF)
            .build(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      for (List<String> row : rows) {
        w.writeRecord(row);
      }
    }
  }

  /** Writes a page, creating the folder. */
  public static void writePage(Path file, String html) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }
}
