package org.hearth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.analytics.Database;
import org.hearth.link.LinkJob;
import org.hearth.link.LinkSettings;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.FlinkEnvironments;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the link job against the configured Kafka, PostgreSQL and Flink. */
@Command(
    name = "link",
    mixinStandardHelpOptions = true,
    description = {
      "Run the link job: partner topics (read_committed) -> guard -> PostgreSQL. Kafka and",
      "PostgreSQL must be configured (hearth.kafka.bootstrap-servers, hearth.postgres.jdbc-url);",
      "the job runs in this JVM's MiniCluster, or on a Flink cluster when hearth.flink.rest-address",
      "is set (the job jar is shipped with it). The database schema is migrated first."
    })
final class LinkCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--bounded",
      description = "Stop at the offsets that are latest when the job starts (a catch-up run).")
  boolean bounded;

  @Option(
      names = "--group",
      defaultValue = "hearth-link",
      description = "Kafka consumer group (default ${DEFAULT-VALUE}).")
  String group;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    HearthConfig config = common.load();
    if (config.kafka().embedded() || config.postgres().embedded()) {
      throw new ConfigException(
          "hearth link needs an external Kafka and PostgreSQL: set hearth.kafka.bootstrap-servers and"
              + " hearth.postgres.jdbc-url (hearth demo runs everything embedded)");
    }
    String bootstrap = config.kafka().bootstrapServers().orElseThrow();
    Ports.requireReachable(bootstrap, "Kafka");
    String jdbc = config.postgres().jdbcUrl().orElseThrow();
    try (var pool =
        Database.pool(jdbc, config.postgres().user(), config.postgres().password().value())) {
      out.println("database schema up to date (" + Database.migrate(pool) + " migrations applied)");
    }
    LinkSettings s =
        new LinkSettings(
            bootstrap,
            config.kafka().clientProperties(),
            group,
            bounded,
            jdbc,
            config.postgres().user(),
            config.postgres().password().value());
    StreamExecutionEnvironment env =
        FlinkEnvironments.create(
            config.flink(), config.workDir(), JobJars.forCluster(config.flink()));
    LinkJob.define(env, LinkJob.kafkaSource(s), LinkJob.postgresSink(s), LinkJob.incidentSink(s));
    out.println(
        "link job "
            + (bounded ? "catching up" : "running")
            + " on "
            + (config.flink().embedded()
                ? "this JVM's MiniCluster"
                : "the Flink cluster at " + config.flink().restAddress().orElseThrow())
            + "; reading "
            + bootstrap
            + ", writing "
            + jdbc.replaceAll("\\?.*", ""));
    out.flush();
    if (config.flink().embedded() || bounded) {
      env.execute(LinkJob.NAME);
      out.println("link job finished");
    } else {
      var client = env.executeAsync(LinkJob.NAME);
      out.println("submitted as job " + client.getJobID());
    }
    return 0;
  }
}
