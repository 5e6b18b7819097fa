package org.hearth.analytics.features;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearth.analytics.schoolreadiness.Factor;

/**
 * A project's modelling table: one row per unit (for school readiness, per assessed child), with
 * its project-scoped ids, generalised quasi-identifiers, features and label. Nothing in it
 * identifies a person outside the project: ids are the project's analyst ids, geography is a ward,
 * birth is a year and month.
 */
public record FeatureSet(String project, List<Column> columns, List<Object[]> rows) {

  public static final String SCHOOL_READINESS = "school-readiness";

  /** The projects a feature set can be exported for. */
  public static List<String> projects() {
    return List.of(SCHOOL_READINESS);
  }

  /** What a column holds and how a model may use it. */
  public enum Role {
    /** A project-scoped analyst id: for joining, never a feature. */
    ID,
    /** Generalised quasi-identifier (ward, year and month of birth). */
    QUASI_IDENTIFIER,
    FEATURE,
    LABEL
  }

  public enum Type {
    STRING,
    BOOLEAN
  }

  public record Column(String name, Type type, Role role, String description) {}

  public FeatureSet {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (Object[] r : rows) {
      if (r.length != columns.size()) {
        throw new IllegalArgumentException("every row needs " + columns.size() + " values");
      }
    }
  }

  public int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + name);
  }

  /** Reads the project's table as the connection's role may see it. */
  public static FeatureSet read(Connection c, String project) throws SQLException {
    if (!SCHOOL_READINESS.equals(project)) {
      throw new IllegalArgumentException(
          "no feature set for project '" + project + "'; projects: " + projects());
    }
    List<Column> columns = new ArrayList<>();
    columns.add(
        new Column("child_id", Type.STRING, Role.ID, "Project-scoped analyst id of the child."));
    columns.add(
        new Column(
            "household_id",
            Type.STRING,
            Role.ID,
            "Project-scoped analyst id of the household the child lived in at assessment."));
    columns.add(
        new Column(
            "ward",
            Type.STRING,
            Role.QUASI_IDENTIFIER,
            "ONS ward code of the assessment record's postcode, else the household's."));
    columns.add(
        new Column(
            "birth_month",
            Type.STRING,
            Role.QUASI_IDENTIFIER,
            "Year and month of birth, YYYY-MM (the day is generalised away at the edge)."));
    for (Factor f : Factor.values()) {
      columns.add(new Column(f.column(), Type.BOOLEAN, Role.FEATURE, f.description() + "."));
    }
    columns.add(
        new Column(
            "good_level_of_development",
            Type.BOOLEAN,
            Role.LABEL,
            "Label: reached a good level of development (school ready) at the end of reception."));
    StringBuilder sql =
        new StringBuilder(
            // one row per child: a second result for the same child (rare) would weigh it twice
            "SELECT DISTINCT ON (coalesce(f.person_id, f.record_id))"
                + " coalesce(f.person_id, f.record_id), f.household_id, f.ward, ch.birth_month");
    for (Factor f : Factor.values()) {
      sql.append(", f.").append(f.column());
    }
    sql.append(", f.good_level_of_development")
        .append(
            " FROM linked.child_factors f JOIN linked.children ch ON ch.record_id = f.record_id")
        .append(" ORDER BY coalesce(f.person_id, f.record_id), f.record_id");
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql.toString());
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] =
              columns.get(i).type() == Type.BOOLEAN
                  ? (Object) rs.getBoolean(i + 1)
                  : rs.getString(i + 1);
        }
        rows.add(row);
      }
    }
    return new FeatureSet(project, columns, rows);
  }

  /** The columns with a role, in order. */
  public List<Column> columns(Role role) {
    return columns.stream().filter(c -> c.role() == role).toList();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "FeatureSet[%s, %d rows]", project, rows.size());
  }
}
