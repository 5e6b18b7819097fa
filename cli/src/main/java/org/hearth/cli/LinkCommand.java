package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.analytics.Database;
import org.hearth.link.LinkJob;
import org.hearth.link.LinkSettings;
import org.hearth.link.rekey.BundleSource;
import org.hearth.pseudonymise.keyfile.RegistryFile;
import org.hearth.pseudonymise.keys.PartnerRegistry;
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
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth link --config hearth.properties --registry registry.json \\",
      "      --rekey-bundle link.bundle --bundle-password-file bundle.password",
      "  hearth link --config hearth.properties --registry registry.json \\",
      "      --rekey-bundle link.bundle --bundle-password-file bundle.password \\",
      "      --bounded"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Run the link job: partner topics (read_committed) -> guard -> extract verification ->",
      "re-keying -> households and persons -> PostgreSQL, with incidents on each partner's",
      "hearth-incidents.<partner> topic. Kafka and",
      "PostgreSQL must be configured (hearth.kafka.bootstrap-servers, hearth.postgres.jdbc-url);",
      "the job runs in this JVM's MiniCluster, or on a Flink cluster when hearth.flink.rest-address",
      "is set (the job jar is shipped with it). The database schema is migrated first."
    })
final class LinkCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--bounded",
      description = {
        "Stop at the offsets that are latest when the job starts (a catch-up run), also from a",
        "savepoint; an extract still incomplete then is quarantined (incomplete-at-end-of-run)."
      })
  boolean bounded;

  @Option(
      names = "--from-savepoint",
      paramLabel = "PATH",
      description = {
        "Start from this savepoint or retained checkpoint (a URI the cluster can read): how an",
        "upgraded job takes over from one stopped with 'flink stop --savepointPath'."
      })
  String fromSavepoint;

  @Option(
      names = "--group",
      defaultValue = "hearth-link",
      description = "Kafka consumer group (default ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--registry",
      required = true,
      paramLabel = "FILE",
      description =
          "The partner registry (registry.json from hearth keys): manifests are verified against it.")
  Path registry;

  @Option(
      names = "--rekey-bundle",
      required = true,
      paramLabel = "FILE",
      description =
          "The sealed re-key bundle (hearth keys rekey-bundle). Must be readable at this path on every task manager.")
  Path bundle;

  @Option(
      names = "--bundle-password-file",
      required = true,
      paramLabel = "FILE",
      description =
          "File holding the bundle's password, mode 600, at this path on every task manager.")
  Path bundlePassword;

  @Option(
      names = "--project",
      defaultValue = LinkSettings.DEFAULT_PROJECT,
      description =
          "Project whose analyst ids the outputs carry (default ${DEFAULT-VALUE}); its key must be in the bundle.")
  String project;

  @Option(
      names = "--extract-timeout",
      defaultValue = "PT10M",
      description =
          "How long a manifest waits for missing records, or records for their missing manifest (from the last of them), before the extract is quarantined (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration extractTimeout;

  @Option(
      names = "--delete-on-arrival",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = {
        "Treat the partner topics as a landing zone: after each completed checkpoint, delete",
        "what the job has consumed (default on). Then a run with a new group or no checkpoint",
        "cannot rebuild from the topics; see docs/operations.md."
      })
  boolean deleteOnArrival;

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
    PartnerRegistry partners = RegistryFile.read(registry);
    BundleSource source =
        new BundleSource(
            bundle.toAbsolutePath().toString(), bundlePassword.toAbsolutePath().toString());
    source.load().projectKey(project); // fail here, in one line, rather than in a task
    LinkSettings s =
        new LinkSettings(
            bootstrap,
            config.kafka().clientProperties(),
            group,
            bounded,
            jdbc,
            config.postgres().user(),
            config.postgres().password().value(),
            RegistryFile.toJson(partners),
            source,
            project,
            extractTimeout,
            deleteOnArrival);
    LinkJob.createIncidentTopics(s, partners.partners().keySet());
    StreamExecutionEnvironment env =
        FlinkEnvironments.create(
            config.flink(),
            config.workDir(),
            JobJars.forCluster(config.flink()),
            java.util.Optional.ofNullable(fromSavepoint));
    LinkJob.define(env, LinkJob.kafkaSource(s), s, LinkJob.outputs(s));
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
