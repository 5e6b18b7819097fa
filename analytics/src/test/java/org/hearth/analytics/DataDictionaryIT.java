package org.hearth.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database's COMMENTs are its data dictionary: on a real PostgreSQL server with every migration
 * applied, every relation in the schemas analysts and publishers read, and every column of each,
 * has one. A view or column added without a comment fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataDictionaryIT {
  private static final String SCHEMAS = "('linked', 'published')";
  @TempDir static Path dir;
  LinkedTestDatabase db;

  @BeforeAll
  void start() {
    db = LinkedTestDatabase.start(dir);
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @Test
  void everyColumnOfEveryLinkedAndPublishedRelationHasAComment() throws Exception {
    List<String> columns =
        names(
            "SELECT n.nspname || '.' || c.relname || '.' || a.attname"
                + " FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname IN "
                + SCHEMAS
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                + " AND a.attnum > 0 AND NOT a.attisdropped");
    List<String> uncommented =
        names(
            "SELECT n.nspname || '.' || c.relname || '.' || a.attname"
                + " FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname IN "
                + SCHEMAS
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                + " AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND coalesce(trim(col_description(c.oid, a.attnum)), '') = ''"
                + " ORDER BY 1");
    // the query sees the views analysts start with
    assertThat(columns)
        .contains(
            "linked.households.household_id",
            "linked.persons.datasets",
            "linked.child_factors.antisocial_behaviour",
            "published.school_readiness_by_ward.children")
        .hasSizeGreaterThan(100);
    assertThat(uncommented).as("columns without a COMMENT (add one in a new migration)").isEmpty();
  }

  @Test
  void everyLinkedAndPublishedRelationHasAComment() throws Exception {
    assertThat(
            names(
                "SELECT n.nspname || '.' || c.relname FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname IN "
                    + SCHEMAS
                    + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                    + " AND coalesce(trim(obj_description(c.oid, 'pg_class')), '') = ''"
                    + " ORDER BY 1"))
        .as("relations without a COMMENT")
        .isEmpty();
  }

  private List<String> names(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.owner();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
