package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.hearth.events.Topics;
import org.hearth.pseudonymise.keyfile.KeyAuthorityDirectory;
import org.hearth.pseudonymise.keyfile.SecureFiles;
import org.hearth.pseudonymise.keys.PartnerId;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfigLoader;
import org.hearth.runtime.HearthException;
import org.hearth.runtime.KafkaAccess;
import org.hearth.runtime.KafkaCredentials;
import org.hearth.runtime.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Joining partners to a running platform: the Kafka principal and its access rules, the incidents
 * topic and the keys, in one step. Runs as the operator, whose Kafka principal is a super user.
 */
@Command(
    name = "partners",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth partners add --config operator.properties --authority authority \\",
      "      --partner basildon-council --dataset housing-benefits",
      "  hearth partners rules --config operator.properties \\",
      "      --partner basildon-council"
    },
    mixinStandardHelpOptions = true,
    description = "Partners on the platform's Kafka: principals, access rules, keys.",
    subcommands = {
      PartnersCommand.Add.class,
      PartnersCommand.Dataset.class,
      PartnersCommand.LinkJob.class,
      PartnersCommand.Rules.class,
      PartnersCommand.Remove.class
    })
final class PartnersCommand {
  private PartnersCommand() {}

  /** The operator's connection: an external Kafka, reached as a super user. */
  static class Operator {
    @Mixin CommonOptions common;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    HearthConfig config() {
      HearthConfig config = common.load();
      if (config.kafka().embedded()) {
        throw new ConfigException(
            "this command changes a running Kafka: set hearth.kafka.bootstrap-servers and the"
                + " operator's hearth.kafka.client.* login (hearth demo makes its own principals)");
      }
      Ports.requireReachable(config.kafka().bootstrapServers().orElseThrow(), "Kafka");
      return config;
    }

    Admin admin(HearthConfig config) {
      Map<String, Object> p = new java.util.HashMap<>(config.kafka().clientProperties());
      p.put("bootstrap.servers", config.kafka().bootstrapServers().orElseThrow());
      return Admin.create(p);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** Where a principal's clients connect, which may differ from the operator's listener. */
  static class ClientListener {
    @Option(
        names = "--client-bootstrap",
        paramLabel = "HOST:PORT[,...]",
        description =
            "Bootstrap servers of the SCRAM listener the principal uses (default: the operator's).")
    String bootstrap;

    @Option(
        names = "--client-security-protocol",
        defaultValue = "SASL_PLAINTEXT",
        paramLabel = "PROTOCOL",
        description = "SASL_PLAINTEXT or SASL_SSL (default ${DEFAULT-VALUE}).")
    String protocol;

    /** The principal's settings file, readable by {@code --config} of any hearth command. */
    String properties(HearthConfig operator, KafkaCredentials who, String comment) {
      String servers =
          bootstrap != null ? bootstrap : operator.kafka().bootstrapServers().orElseThrow();
      Map<String, String> lines = new TreeMap<>();
      lines.put(HearthConfigLoader.KAFKA_BOOTSTRAP, servers);
      who.clientProperties(protocol)
          .forEach((k, v) -> lines.put(HearthConfigLoader.KAFKA_CLIENT_PREFIX + k, v));
      StringBuilder b = new StringBuilder("# " + comment + "\n# Secret: it holds a password.\n");
      // escape as java.util.Properties expects, so the loader reads back exactly these values
      lines.forEach((k, v) -> b.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
      return b.toString();
    }
  }

  @Command(
      name = "add",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth partners add --config operator.properties --authority authority \\",
        "      --partner basildon-council --dataset housing-benefits"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Add a partner: its Kafka principal (SASL/SCRAM) and access rules, its incidents topic,",
        "and key version 1. Prints what to give the partner."
      })
  static final class Add extends Operator implements Callable<Integer> {
    @Option(names = "--partner", required = true, description = "Partner id, e.g. basildon-bc.")
    String partner;

    @Option(
        names = "--authority",
        required = true,
        paramLabel = "DIR",
        description = "The key authority's directory.")
    Path authority;

    @Option(
        names = "--password-env",
        paramLabel = "NAME",
        defaultValue = KeysCommand.AUTHORITY_PASSWORD,
        description = "Environment variable with the key authority's password.")
    String passwordEnv;

    @Option(
        names = "--dataset",
        paramLabel = "ID",
        description =
            "A dataset the partner will publish (repeatable): its topic is opened now. More later with 'hearth partners dataset'.")
    List<String> datasets = List.of();

    @Option(
        names = "--partner-password-env",
        defaultValue = KeysCommand.PARTNER_PASSWORD,
        paramLabel = "NAME",
        description = "Environment variable with the password for the partner's key files.")
    String partnerPasswordEnv;

    @Mixin ClientListener listener;

    @Override
    public Integer call() {
      Topics.partnerPrefix(partner); // a bad id fails here, before anything changes
      datasets.forEach(d -> PartnerId.require(d, "dataset"));
      HearthConfig config = config();
      KeyAuthorityDirectory ka =
          KeysCommand.wrap(
              () ->
                  KeyAuthorityDirectory.open(
                      authority, Passwords.read(passwordEnv, "Key authority password", false)));
      if (ka.registry().latestVersion(partner) != 0) {
        throw new HearthException(
            "partner '"
                + partner
                + "' already has keys; use 'hearth keys rotate' for a new key version");
      }
      char[] partnerPassword = KeysCommand.partnerPassword(partnerPasswordEnv);
      // Kafka first: it is safe to repeat, so a failure here leaves no keys without access
      KafkaCredentials login;
      try (Admin admin = admin(config)) {
        KafkaAccess access = new KafkaAccess(admin);
        login = access.addPartner(partner);
        datasets.forEach(d -> access.openDataset(partner, d));
      }
      var issued = KeysCommand.wrap(() -> ka.issuePartner(partner, partnerPassword));
      Path properties = issued.keyFile().getParent().resolve("hearth.properties");
      writeSecret(
          properties,
          listener.properties(
              config, login, "Kafka connection for partner " + partner + " (hearth publish)"));
      PrintWriter out = out();
      out.println("Added partner " + partner + ".");
      out.println(
          "  Kafka principal "
              + login.username()
              + ": writes "
              + Topics.partnerPrefix(partner)
              + "*, reads "
              + Topics.incidents(partner)
              + "; creates no topics");
      for (String d : new java.util.TreeSet<>(datasets)) {
        out.println("  opened " + Topics.dataset(partner, d));
      }
      KeysCommand.printIssued(out, issued);
      out.println("  " + properties + "  Kafka connection and login for --config (secret)");
      return 0;
    }
  }

  @Command(
      name = "dataset",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth partners dataset --config operator.properties \\",
        "      --partner essex-police --dataset police-incidents"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Open datasets for a partner: create their topics with the cluster's defaults. Partners",
        "write topics but never create them, so none can choose its partitions or retention.",
        "Safe to repeat."
      })
  static final class Dataset extends Operator implements Callable<Integer> {
    @Option(names = "--partner", required = true, paramLabel = "ID", description = "Partner id.")
    String partner;

    @Option(
        names = "--dataset",
        required = true,
        paramLabel = "ID",
        description = "Dataset id, as in the contract (repeatable).")
    List<String> datasets;

    @Override
    public Integer call() {
      Topics.partnerPrefix(partner);
      datasets.forEach(d -> PartnerId.require(d, "dataset"));
      HearthConfig config = config();
      try (Admin admin = admin(config)) {
        KafkaAccess access = new KafkaAccess(admin);
        for (String d : new java.util.TreeSet<>(datasets)) {
          out().println("Opened " + access.openDataset(partner, d));
        }
      }
      return 0;
    }
  }

  @Command(
      name = "link-job",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth partners link-job --config operator.properties \\",
        "      --out link-job.properties"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Create (or give a new password to) the link job's Kafka principal: it reads every",
        "partner's topics and writes the incidents topics. Writes its settings file."
      })
  static final class LinkJob extends Operator implements Callable<Integer> {
    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "File to write the link job's Kafka settings to (secret, mode 600).")
    Path file;

    @Mixin ClientListener listener;

    @Override
    public Integer call() {
      HearthConfig config = config();
      KafkaCredentials login;
      try (Admin admin = admin(config)) {
        login = new KafkaAccess(admin).addLinkJob();
      }
      writeSecret(
          file,
          listener.properties(
              config, login, "Kafka connection for the link job (hearth link --config)"));
      out().println("Link job principal " + login.username() + " ready; settings in " + file);
      out()
          .println(
              "  add the hearth.postgres.* and hearth.flink.* settings to that file before hearth link --config");
      return 0;
    }
  }

  @Command(
      name = "rules",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth partners rules --config operator.properties \\",
        "      --partner basildon-council",
        "  hearth partners rules --config operator.properties    # the link job's"
      },
      mixinStandardHelpOptions = true,
      description = "Show the Kafka access rules of a partner, or of the link job.")
  static final class Rules extends Operator implements Callable<Integer> {
    @Option(names = "--partner", paramLabel = "ID", description = "Default: the link job.")
    String partner;

    @Override
    public Integer call() {
      HearthConfig config = config();
      String principal =
          partner == null ? KafkaAccess.LINK_JOB : KafkaAccess.partnerPrincipal(partner);
      try (Admin admin = admin(config)) {
        var rules = new KafkaAccess(admin).rulesOf(principal);
        out().printf("%-10s %-16s %-9s %s%n", "allow", "resource", "pattern", "name");
        for (AclBinding r : rules) {
          out()
              .printf(
                  "%-10s %-16s %-9s %s%n",
                  r.entry().operation().name().toLowerCase(java.util.Locale.ROOT),
                  r.pattern().resourceType().name().toLowerCase(java.util.Locale.ROOT),
                  r.pattern().patternType().name().toLowerCase(java.util.Locale.ROOT),
                  r.pattern().name());
        }
        if (rules.isEmpty()) {
          out().println("(none: " + principal + " may do nothing)");
        }
      }
      return 0;
    }
  }

  @Command(
      name = "remove",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth partners remove --config operator.properties \\",
        "      --partner basildon-council"
      },
      mixinStandardHelpOptions = true,
      description = {
        "A partner withdraws: delete its Kafka principal and every rule naming it. Revoke its",
        "keys too (hearth keys revoke --all) so the link job stops linking what it sent."
      })
  static final class Remove extends Operator implements Callable<Integer> {
    @Option(names = "--partner", required = true, paramLabel = "ID", description = "Partner id.")
    String partner;

    @Override
    public Integer call() {
      HearthConfig config = config();
      try (Admin admin = admin(config)) {
        new KafkaAccess(admin).removePartner(partner);
      }
      out()
          .println(
              "Removed Kafka principal "
                  + KafkaAccess.partnerPrincipal(partner)
                  + " and its rules; its topics remain until their retention ends.");
      out()
          .println(
              "Now: hearth keys revoke --partner " + partner + " --all, and a new re-key bundle.");
      return 0;
    }
  }

  /** Mode 600 from the first byte: the file holds a Kafka password. */
  private static void writeSecret(Path file, String content) {
    KeysCommand.wrap(
        () -> {
          SecureFiles.writePrivate(file, content, true);
          return null;
        });
  }
}
