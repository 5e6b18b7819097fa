package org.hearth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The distributed deployment brought up from {@code compose.yml} as it is shipped (a copy, with
 * fresh secrets), and the demo flow run in its operator container: partners added with their own
 * principals publish their extracts, the link job runs on the Flink cluster with RocksDB, and the
 * linked tables land in the PostgreSQL service.
 */
@RequiresDockerStack
class DockerStackIT {
  static ComposeContainer stack;
  static Path dir;

  @BeforeAll
  static void up() throws Exception {
    dir = Files.createTempDirectory(Path.of("target"), "stack");
    for (String f : new String[] {"compose.yml", ".env"}) {
      Files.copy(ComposeFileTest.DOCKER.resolve(f), dir.resolve(f));
    }
    for (String d : new String[] {"images", "scripts", "target/docker"}) {
      ComposeFileTest.copyTree(ComposeFileTest.DOCKER.resolve(d), dir.resolve(d));
    }
    ComposeFileTest.initSecrets(dir.resolve("secrets"));
    stack =
        new ComposeContainer(new File(dir.toFile(), "compose.yml"))
            .withBuild(true)
            .withExposedService("postgres", 5432, Wait.forHealthcheck())
            .withExposedService(
                "jobmanager", 8081, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("kafka-1", 19092, Wait.forHealthcheck())
            .withExposedService("kafka-2", 19092, Wait.forHealthcheck())
            .withExposedService("kafka-3", 19092, Wait.forHealthcheck());
    stack.start();
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.stop();
    }
  }

  @Test
  void theDemoFlowLinksEveryPartnerOnTheClusterAndLandsInPostgres() throws Exception {
    ContainerState operator = stack.getContainerByServiceName("operator-1").orElseThrow();
    ExecResult flow = operator.execInContainer("/opt/hearth/scripts/demo-flow.sh");
    assertThat(flow.getExitCode()).as(flow.getStdout() + flow.getStderr()).isZero();
    assertThat(flow.getStdout())
        .contains("Added partner basildon-council")
        .contains("link job")
        .contains("the Flink cluster at jobmanager:8081");

    // a partner's login cannot publish another partner's dataset
    ExecResult forged =
        operator.execInContainer(
            "sh",
            "-c",
            "cd /var/lib/hearth && hearth publish --config authority/issued/essex-police/hearth.properties"
                + " --contract housing-benefits --period 2026-Q1"
                + " --file demo/county/extracts/2026-Q1/basildon-council/housing-benefits.csv"
                + " --key-file authority/issued/basildon-council/basildon-council.v1.key.pem"
                + " --signing-key authority/issued/basildon-council/basildon-council.v1.signing.pem"
                + " --audit-dir demo/forged-audit");
    assertThat(forged.getExitCode()).isEqualTo(1);
    assertThat(forged.getStderr())
        .contains("refused topic hearth.basildon-council.housing-benefits");

    String password = Files.readString(dir.resolve("secrets/postgres/postgres-password")).trim();
    String url =
        "jdbc:postgresql://"
            + stack.getServiceHost("postgres", 5432)
            + ":"
            + stack.getServicePort("postgres", 5432)
            + "/hearth";
    try (Connection c = DriverManager.getConnection(url, "hearth", password);
        Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "SELECT (SELECT count(*) FROM linked.households),"
                    + " (SELECT coalesce(sum(record_count - landed - refused - quarantined), -1)"
                    + " FROM governance.extracts)")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1)).isPositive();
      assertThat(r.getLong(2)).as("every published record accounted for").isZero();
    }
  }
}
