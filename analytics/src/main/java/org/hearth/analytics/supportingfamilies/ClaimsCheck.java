package org.hearth.analytics.supportingfamilies;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.analytics.disclosure.CellKeys;

/**
 * Supporting Families: for each claim of a period in the county's linked claims register, whether
 * the family was claimed before (an earlier period's claim naming one of the same people, or made
 * at one of the same households) and which headline outcome areas partners' records show a need in
 * at the family's households. Claims are named by their programme reference, so the claims team can
 * act on the answer without any identifier leaving its place.
 */
public final class ClaimsCheck {
  private ClaimsCheck() {}

  /** Headline outcome areas the linked data can speak to (columns of the evidence view). */
  public enum Area {
    EARLY_YEARS("early_years", "Good early years development"),
    SUBSTANCE_USE("substance_use", "Substance use"),
    CHILDREN_SAFE("children_safe", "Children safe from abuse and exploitation"),
    CRIME("crime", "Crime prevention and tackling crime"),
    DOMESTIC_ABUSE("domestic_abuse", "Safe from domestic abuse"),
    HOUSING("housing", "Secure housing"),
    FINANCIAL_SECURITY("financial_security", "Financially stable");

    private final String column;
    private final String headline;

    Area(String column, String headline) {
      this.column = column;
      this.headline = headline;
    }

    public String column() {
      return column;
    }

    public String headline() {
      return headline;
    }
  }

  /** How an earlier claim was found to be the same family. */
  public enum Link {
    SAME_PERSON,
    SAME_HOUSEHOLD
  }

  public record Earlier(String reference, String period, Link by) {}

  /**
   * @param key the sum of the claim's register rows' record keys modulo 1: the claim's key when a
   *     summary of claims is perturbed
   */
  public record Claim(
      String reference,
      String period,
      int members,
      String areasClaimed,
      List<Earlier> claimedBefore,
      Set<Area> evidence,
      long key) {
    public boolean wasClaimedBefore() {
      return !claimedBefore.isEmpty();
    }
  }

  public record Result(String period, List<Claim> claims, List<String> periods) {
    public long claimedBefore() {
      return claims.stream().filter(Claim::wasClaimedBefore).count();
    }
  }

  private record Member(
      String reference, String period, String person, String household, String areas, long key) {}

  /** Checks the claims of a period (by default the register's latest). */
  public static Result check(Connection c, Optional<String> period) throws SQLException {
    List<Member> register = new ArrayList<>();
    try (PreparedStatement st =
            c.prepareStatement(
                "SELECT s.claim_reference, s.claim_period, s.person_id, s.household_id,"
                    + " s.outcome_areas_claimed, k.record_key"
                    + " FROM linked.supporting_families_claims s"
                    + " JOIN linked.contributions k ON k.record_id = s.record_id"
                    + " ORDER BY s.claim_reference, s.record_id");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        register.add(
            new Member(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                CellKeys.ofRecordKey(rs.getDouble(6))));
      }
    }
    TreeSet<String> periods = new TreeSet<>();
    for (Member m : register) {
      if (m.period() != null) {
        periods.add(m.period());
      }
    }
    String checked = period.orElse(periods.isEmpty() ? null : periods.last());
    if (checked == null) {
      return new Result(null, List.of(), List.of());
    }
    Map<String, List<Member>> byClaim = new LinkedHashMap<>();
    // earlier claims by each person and household: period order makes "before" well defined
    Map<String, TreeMap<String, String>> earlierByPerson = new TreeMap<>();
    Map<String, TreeMap<String, String>> earlierByHousehold = new TreeMap<>();
    for (Member m : register) {
      if (checked.equals(m.period())) {
        byClaim.computeIfAbsent(m.reference(), r -> new ArrayList<>()).add(m);
      } else if (m.period() != null && m.period().compareTo(checked) < 0) {
        if (m.person() != null) {
          earlierByPerson
              .computeIfAbsent(m.person(), p -> new TreeMap<>())
              .put(m.reference(), m.period());
        }
        if (m.household() != null) {
          earlierByHousehold
              .computeIfAbsent(m.household(), h -> new TreeMap<>())
              .put(m.reference(), m.period());
        }
      }
    }
    Map<String, Set<Area>> evidence = evidence(c, byClaim);
    List<Claim> claims = new ArrayList<>();
    for (var e : byClaim.entrySet()) {
      Map<String, Earlier> earlier = new TreeMap<>();
      Set<Area> areas = EnumSet.noneOf(Area.class);
      String claimed = null;
      long key = 0;
      for (Member m : e.getValue()) {
        key = CellKeys.add(key, m.key());
        claimed = claimed == null ? m.areas() : claimed;
        if (m.person() != null) {
          earlierByPerson
              .getOrDefault(m.person(), new TreeMap<>())
              .forEach((ref, p) -> earlier.put(ref, new Earlier(ref, p, Link.SAME_PERSON)));
        }
        if (m.household() != null) {
          earlierByHousehold
              .getOrDefault(m.household(), new TreeMap<>())
              .forEach(
                  (ref, p) -> earlier.putIfAbsent(ref, new Earlier(ref, p, Link.SAME_HOUSEHOLD)));
          areas.addAll(evidence.getOrDefault(m.household(), Set.of()));
        }
      }
      claims.add(
          new Claim(
              e.getKey(),
              checked,
              e.getValue().size(),
              claimed == null ? "" : claimed,
              List.copyOf(earlier.values()),
              areas,
              key));
    }
    return new Result(checked, claims, List.copyOf(periods));
  }

  private static Map<String, Set<Area>> evidence(Connection c, Map<String, List<Member>> claims)
      throws SQLException {
    Set<String> households = new TreeSet<>();
    claims
        .values()
        .forEach(
            ms ->
                ms.forEach(
                    m -> {
                      if (m.household() != null) {
                        households.add(m.household());
                      }
                    }));
    Map<String, Set<Area>> out = new TreeMap<>();
    if (households.isEmpty()) {
      return out;
    }
    StringBuilder sql = new StringBuilder("SELECT household_id");
    for (Area a : Area.values()) {
      sql.append(", ").append(a.column());
    }
    sql.append(" FROM linked.household_outcome_evidence WHERE household_id = ANY (?)");
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      st.setArray(1, c.createArrayOf("text", households.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Set<Area> s = EnumSet.noneOf(Area.class);
          for (Area a : Area.values()) {
            if (rs.getBoolean(2 + a.ordinal())) {
              s.add(a);
            }
          }
          out.put(rs.getString(1), s);
        }
      }
    }
    return out;
  }

  /** One line per claim: reference, claimed before and how, then a Y/N column per area. */
  public static void writeCsv(Result r, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (CsvWriter w =
        CsvWriter.builder()
            .lineDelimiter(LineDelimiter.CRLF)
            .build(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      List<String> header =
          new ArrayList<>(
              List.of(
                  "claim_reference",
                  "claim_period",
                  "members",
                  "claimed_before",
                  "earlier_claims",
                  "outcome_areas_claimed"));
      for (Area a : Area.values()) {
        header.add("evidence_" + a.column());
      }
      w.writeRecord(header);
      for (Claim c : r.claims()) {
        List<String> row = new ArrayList<>();
        row.add(c.reference());
        row.add(c.period());
        row.add(Integer.toString(c.members()));
        row.add(c.wasClaimedBefore() ? "Y" : "N");
        row.add(
            String.join(
                "; ",
                c.claimedBefore().stream()
                    .map(
                        e ->
                            e.reference()
                                + " ("
                                + e.period()
                                + ", "
                                + (e.by() == Link.SAME_PERSON ? "same person" : "same household")
                                + ")")
                    .toList()));
        row.add(c.areasClaimed());
        for (Area a : Area.values()) {
          row.add(c.evidence().contains(a) ? "Y" : "N");
        }
        w.writeRecord(row);
      }
    }
  }
}
