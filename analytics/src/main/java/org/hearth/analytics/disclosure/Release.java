package org.hearth.analytics.disclosure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One release of a publication with its output-check report: machine-readable in
 * governance.releases and governance.output_checks, human-readable as markdown beside the report.
 */
public record Release(
    String releaseId,
    String publication,
    Instant releasedAt,
    DisclosureRules rules,
    List<OutputCheck> checks) {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public Release {
    checks = List.copyOf(checks);
  }

  /** A new release with a fresh id: the publication, the time and a random suffix. */
  public static Release of(
      String publication, Instant at, DisclosureRules rules, List<OutputCheck> checks) {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return new Release(
        publication + "-" + ID_TIME.format(at) + "-" + HexFormat.of().formatHex(suffix),
        publication,
        at,
        rules,
        checks);
  }

  /** SHA-256 over every published cell: the same digest means the same numbers. */
  public String digest() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (OutputCheck c : checks) {
        d.update(
            (c.table()
                    + "\0"
                    + c.cell()
                    + "\0"
                    + (c.published() == null ? "" : c.published())
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Writes the release and its checks; runs inside the caller's publishing transaction. */
  public void record(Connection c) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO governance.releases (release_id, publication, released_at, method, ptable,"
                + " min_count, min_denominator, cells, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, releaseId);
      st.setString(2, publication);
      st.setTimestamp(3, Timestamp.from(releasedAt));
      st.setString(4, rules.method().code());
      st.setString(5, rules.perturbs() ? rules.ptable().describe() : null);
      st.setInt(6, rules.minCount());
      st.setInt(7, rules.minDenominator());
      st.setInt(8, checks.size());
      st.setString(9, digest());
      st.executeUpdate();
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO governance.output_checks (release_id, table_name, cell, published, rule,"
                + " reason) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (OutputCheck k : checks) {
        st.setString(1, releaseId);
        st.setString(2, k.table());
        st.setString(3, k.cell());
        st.setString(4, k.published());
        st.setString(5, k.rule().code());
        st.setString(6, k.reason());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /** The output-check report for people: per table, each cell's value and rule, then why. */
  public String markdown() {
    StringBuilder m = new StringBuilder(8192);
    m.append("# Output check: ").append(publication).append("\n\n");
    m.append("- Release: `").append(releaseId).append("`\n");
    m.append("- Computed: ").append(DateTimeFormatter.ISO_INSTANT.format(releasedAt)).append("\n");
    m.append("- Disclosure control: ").append(rules.describe()).append("\n");
    m.append("- Digest of the published figures: `")
        .append(digest())
        .append("` (two releases with the same digest published the same numbers)\n");
    m.append("- Machine-readable: `SELECT * FROM governance.output_checks WHERE release_id = '")
        .append(releaseId)
        .append("'`\n\n");
    Map<String, Integer> byRule = new TreeMap<>();
    for (OutputCheck c : checks) {
      byRule.merge(c.rule().code(), 1, Integer::sum);
    }
    m.append("| rule | cells |\n|---|---:|\n");
    byRule.forEach((r, n) -> m.append("| ").append(r).append(" | ").append(n).append(" |\n"));
    Map<String, List<OutputCheck>> byTable = new LinkedHashMap<>();
    for (OutputCheck c : checks) {
      byTable.computeIfAbsent(c.table(), t -> new java.util.ArrayList<>()).add(c);
    }
    for (var e : byTable.entrySet()) {
      m.append("\n## ").append(e.getKey()).append("\n\n");
      m.append("| cell | published | rule |\n|---|---:|---|\n");
      Set<String> why = new LinkedHashSet<>();
      for (OutputCheck c : e.getValue()) {
        m.append("| ")
            .append(cell(c.cell()))
            .append(" | ")
            .append(c.published() == null ? "—" : c.published())
            .append(" | ")
            .append(c.rule().code())
            .append(" |\n");
        why.add("- **" + c.rule().code() + "**: " + c.reason());
      }
      m.append("\nWhy:\n\n");
      why.forEach(w -> m.append(w).append("\n"));
    }
    return m.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  public void writeMarkdown(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, markdown());
  }

  /**
   * The markdown file beside a report: school-readiness.html gives
   * school-readiness.output-check.md.
   */
  public static Path besideReport(Path report) {
    String name = report.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return report.resolveSibling(base + ".output-check.md");
  }
}
