package org.hearth.analytics.audit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * k-anonymity of the analyst-facing views: for the usual combinations of quasi-identifiers (month
 * of birth, sex, small area), how many records share each combination. A record whose combination
 * fewer than k others share can be singled out by anyone who knows those facts about a person, and
 * then everything else in its row is learned. Counts only, so the report is safe to keep.
 */
public final class KAnonymity {
  private KAnonymity() {}

  /** A view and the quasi-identifiers analysts see in it, as SQL expressions over the view. */
  public record Combination(String view, String label, List<String> expressions) {}

  /** Class sizes summarised. */
  public record Result(
      Combination combination,
      long records,
      long classes,
      long smallest,
      long unique,
      long below5,
      long median) {}

  private static final String QUARTER =
      "substr(birth_month, 1, 4) || '-Q' || ((substr(birth_month, 6, 2)::int + 2) / 3)";

  /** The combinations reported: as published to analysts, then generalised. */
  public static final List<Combination> COMBINATIONS =
      List.of(
          new Combination("linked.children", "month of birth", List.of("birth_month")),
          new Combination("linked.children", "month of birth, sex", List.of("birth_month", "sex")),
          new Combination("linked.children", "ward, sex", List.of("ward", "sex")),
          new Combination(
              "linked.children", "ward, month of birth", List.of("ward", "birth_month")),
          new Combination(
              "linked.children",
              "ward, month of birth, sex",
              List.of("ward", "birth_month", "sex")),
          new Combination(
              "linked.children",
              "LSOA, month of birth, sex",
              List.of("attributes->>'postcode_lsoa'", "birth_month", "sex")),
          new Combination(
              "linked.children",
              "ward, quarter of birth, sex (generalised)",
              List.of("ward", QUARTER, "sex")),
          new Combination(
              "linked.children", "ward, quarter of birth (generalised)", List.of("ward", QUARTER)),
          new Combination(
              "linked.domestic_abuse_cases",
              "district, ward, applicant age, sex",
              List.of("district", "ward", "applicant_age", "applicant_sex")),
          new Combination(
              "linked.domestic_abuse_cases",
              "district, applicant age, sex",
              List.of("district", "applicant_age", "applicant_sex")),
          new Combination(
              "linked.domestic_abuse_cases",
              "district, applicant age band (5 years), sex (generalised)",
              List.of("district", "applicant_age / 5", "applicant_sex")));

  public static Result measure(Connection c, Combination k) throws SQLException {
    String group = String.join(", ", k.expressions());
    List<Long> sizes = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + k.view() + " GROUP BY " + group)) {
      while (rs.next()) {
        sizes.add(rs.getLong(1));
      }
    }
    Collections.sort(sizes);
    long records = 0;
    long unique = 0;
    long below5 = 0;
    for (long n : sizes) {
      records += n;
      unique += n == 1 ? 1 : 0;
      below5 += n < 5 ? n : 0;
    }
    return new Result(
        k,
        records,
        sizes.size(),
        sizes.isEmpty() ? 0 : sizes.get(0),
        unique,
        below5,
        sizes.isEmpty() ? 0 : sizes.get(sizes.size() / 2));
  }

  public static List<Result> measureAll(Connection c) throws SQLException {
    List<Result> out = new ArrayList<>();
    for (Combination k : COMBINATIONS) {
      out.add(measure(c, k));
    }
    return out;
  }

  /** A markdown table, ready for docs/analytics.md. */
  public static void print(PrintWriter out, List<Result> results) {
    out.println(
        "| view | quasi-identifiers | records | classes | smallest k | median k | unique"
            + " records | records with k < 5 |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      out.printf(
          Locale.ROOT,
          "| `%s` | %s | %,d | %,d | %d | %d | %,d | %,d (%.1f%%) |%n",
          r.combination().view(),
          r.combination().label(),
          r.records(),
          r.classes(),
          r.smallest(),
          r.median(),
          r.unique(),
          r.below5(),
          r.records() == 0 ? 0.0 : 100.0 * r.below5() / r.records());
    }
  }
}
