package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hearth.pseudonymise.keyfile.KeyAuthorityDirectory;
import org.hearth.pseudonymise.keyfile.KeyFileException;
import org.hearth.pseudonymise.keyfile.RegistryFile;
import org.hearth.pseudonymise.keyfile.RekeyBundleFile;
import org.hearth.pseudonymise.keys.PartnerId;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The key authority's commands. */
@Command(
    name = "keys",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth keys init --dir authority",
      "  hearth keys issue-partner --dir authority --partner basildon-council"
    },
    mixinStandardHelpOptions = true,
    description =
        "The key authority: master secret, partner keys, rotation, revocation, re-key bundles.",
    subcommands = {
      KeysCommand.Init.class,
      KeysCommand.IssuePartner.class,
      KeysCommand.Rotate.class,
      KeysCommand.Revoke.class,
      KeysCommand.RekeyBundle.class,
      KeysCommand.DatasetRule.class,
      KeysCommand.ListKeys.class
    })
final class KeysCommand {
  static final String AUTHORITY_PASSWORD = "HEARTH_AUTHORITY_PASSWORD";
  static final String PARTNER_PASSWORD = "HEARTH_PARTNER_KEY_PASSWORD";
  static final String BUNDLE_PASSWORD = "HEARTH_BUNDLE_PASSWORD";

  /** Options every key authority command shares. */
  static class Authority {
    @Option(
        names = "--dir",
        required = true,
        paramLabel = "DIR",
        description = "The key authority's directory.")
    Path dir;

    @Option(
        names = "--password-env",
        paramLabel = "NAME",
        defaultValue = AUTHORITY_PASSWORD,
        description =
            "Environment variable holding the master secret's password (default ${DEFAULT-VALUE}); asked for when unset.")
    String passwordEnv;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    KeyAuthorityDirectory open() {
      return wrap(
          () ->
              KeyAuthorityDirectory.open(
                  dir, Passwords.read(passwordEnv, "Key authority password", false)));
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** Key file problems become one-line Hearth errors. */
  static <T> T wrap(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (KeyFileException | IllegalArgumentException e) {
      throw new HearthException(e.getMessage(), e);
    }
  }

  static char[] partnerPassword(String env) {
    return Passwords.read(env, "Password for the partner's key files", true);
  }

  @Command(
      name = "init",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth keys init --dir authority"},
      mixinStandardHelpOptions = true,
      description = "Create a key authority: a new master secret, sealed with a password.")
  static final class Init extends Authority implements Callable<Integer> {
    @Override
    public Integer call() {
      char[] pw = Passwords.read(passwordEnv, "New key authority password", true);
      wrap(() -> KeyAuthorityDirectory.init(dir, pw));
      out().println("Key authority created in " + dir);
      out()
          .println(
              "  "
                  + dir.resolve("master.sealed")
                  + "  master secret (sealed; keep offline, back it up)");
      out().println("  " + dir.resolve("registry.json") + "  partner registry (public)");
      return 0;
    }
  }

  @Command(
      name = "issue-partner",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth keys issue-partner --dir authority --partner basildon-council"},
      mixinStandardHelpOptions = true,
      description = "Issue key version 1 to a new partner.")
  static final class IssuePartner extends Authority implements Callable<Integer> {
    @Option(names = "--partner", required = true, description = "Partner id, e.g. basildon-bc.")
    String partner;

    @Option(
        names = "--partner-password-env",
        defaultValue = PARTNER_PASSWORD,
        paramLabel = "NAME",
        description =
            "Environment variable with the password for the partner's key files (default ${DEFAULT-VALUE}).")
    String partnerPasswordEnv;

    @Override
    public Integer call() {
      KeyAuthorityDirectory ka = open();
      var issued = wrap(() -> ka.issuePartner(partner, partnerPassword(partnerPasswordEnv)));
      printIssued(out(), issued);
      return 0;
    }
  }

  @Command(
      name = "rotate",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth keys rotate --dir authority --partner basildon-council"},
      mixinStandardHelpOptions = true,
      description = "Issue a partner's next key version; linkage is unchanged.")
  static final class Rotate extends Authority implements Callable<Integer> {
    @Option(
        names = "--partner",
        required = true,
        description = "Partner id, e.g. basildon-council.")
    String partner;

    @Option(
        names = "--partner-password-env",
        defaultValue = PARTNER_PASSWORD,
        paramLabel = "NAME",
        description = "Environment variable with the password for the partner's new key files.")
    String partnerPasswordEnv;

    @Override
    public Integer call() {
      KeyAuthorityDirectory ka = open();
      var issued = wrap(() -> ka.rotate(partner, partnerPassword(partnerPasswordEnv)));
      printIssued(out(), issued);
      out()
          .println(
              "The previous version stays active until you revoke it; issue a new re-key bundle.");
      return 0;
    }
  }

  @Command(
      name = "revoke",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth keys revoke --dir authority --partner basildon-council \\",
        "      --key-version 1",
        "  hearth keys revoke --dir authority --partner basildon-council \\",
        "      --all"
      },
      mixinStandardHelpOptions = true,
      description =
          "Revoke a key version, or all of a partner's (withdrawal); the next bundle drops their factors.")
  static final class Revoke extends Authority implements Callable<Integer> {
    @Option(
        names = "--partner",
        required = true,
        description = "Partner id, e.g. basildon-council.")
    String partner;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
      @Option(names = "--key-version", paramLabel = "N", description = "The key version to revoke.")
      Integer version;

      @Option(names = "--all", description = "Revoke every version: the partner withdraws.")
      boolean all;
    }

    @Override
    public Integer call() {
      KeyAuthorityDirectory ka = open();
      List<Integer> revoked =
          wrap(
              () ->
                  ka.revoke(
                      partner, which.all ? OptionalInt.empty() : OptionalInt.of(which.version)));
      out().println("Revoked " + partner + " key version(s) " + revoked + ".");
      out()
          .println(
              "Issue a new re-key bundle (hearth keys rekey-bundle) and deploy it to the link job:");
      out().println("without the factors, the revoked pseudonyms link to nothing.");
      return 0;
    }
  }

  @Command(
      name = "rekey-bundle",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth keys rekey-bundle --dir authority --out link.bundle \\",
        "      --project school-readiness"
      },
      mixinStandardHelpOptions = true,
      description =
          "Write the link job's sealed re-key bundle: factors of active versions and project keys.")
  static final class RekeyBundle extends Authority implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
    Path out;

    @Option(
        names = "--project",
        paramLabel = "ID",
        description = "Add a project for analyst ids (repeatable).")
    List<String> projects = List.of();

    @Option(
        names = "--bundle-password-env",
        defaultValue = BUNDLE_PASSWORD,
        paramLabel = "NAME",
        description = "Environment variable with the password that seals the re-key bundle.")
    String bundlePasswordEnv;

    @Override
    public Integer call() {
      KeyAuthorityDirectory ka = open();
      projects.forEach(
          p ->
              wrap(
                  () -> {
                    ka.addProject(p);
                    return null;
                  }));
      var bundle = ka.bundle();
      char[] pw = Passwords.read(bundlePasswordEnv, "Password for the re-key bundle", true);
      wrap(
          () -> {
            RekeyBundleFile.write(bundle, out, pw);
            return null;
          });
      out().println("Re-key bundle written to " + out + " (mode 600)");
      out().println("  partners: " + bundle.partners());
      out().println("  projects: " + bundle.projects());
      return 0;
    }
  }

  @Command(
      name = "dataset",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth keys dataset --dir authority --dataset police-incidents \\",
        "      --publisher essex-police --max-shrink-percent 30"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Set who may publish a dataset and how far one full extract may shrink it, in the public",
        "partner registry the link job verifies against (restart the job to apply it)."
      })
  static final class DatasetRule implements Callable<Integer> {
    @Option(
        names = "--dir",
        required = true,
        paramLabel = "DIR",
        description = "The key authority's directory.")
    Path dir;

    @Option(
        names = "--dataset",
        required = true,
        paramLabel = "ID",
        description = "Dataset id, as in its contract.")
    String dataset;

    @Option(
        names = "--publisher",
        paramLabel = "PARTNER",
        description = "A partner that may publish it (repeatable); none: any partner may.")
    List<String> publishers = List.of();

    @Option(
        names = "--max-shrink-percent",
        defaultValue = "" + PartnerRegistry.DEFAULT_MAX_SHRINK_PERCENT,
        paramLabel = "N",
        description =
            "The most of the dataset one full extract may retract without --confirm-shrink (default ${DEFAULT-VALUE}).")
    int maxShrinkPercent;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PartnerId.require(dataset, "dataset");
      if (maxShrinkPercent < 0 || maxShrinkPercent > 100) {
        throw new ConfigException("--max-shrink-percent must be 0 to 100");
      }
      Path file = dir.resolve("registry.json");
      PartnerRegistry reg = wrap(() -> RegistryFile.read(file));
      for (String p : publishers) {
        if (reg.latestVersion(p) == 0) {
          throw new ConfigException("partner '" + p + "' is not in " + file);
        }
      }
      wrap(
          () -> {
            RegistryFile.write(
                reg.withDataset(
                    dataset,
                    new PartnerRegistry.DatasetRule(Set.copyOf(publishers), maxShrinkPercent)),
                file);
            return null;
          });
      spec.commandLine()
          .getOut()
          .println(
              dataset
                  + ": "
                  + (publishers.isEmpty()
                      ? "any partner"
                      : String.join(", ", new java.util.TreeSet<>(publishers)))
                  + " may publish it; a full extract may shrink it by "
                  + maxShrinkPercent
                  + "% unless confirmed");
      return 0;
    }
  }

  @Command(
      name = "list",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth keys list --dir authority"},
      mixinStandardHelpOptions = true,
      description = "List partners, key versions and projects.")
  static final class ListKeys implements Callable<Integer> {
    @Option(
        names = "--dir",
        required = true,
        paramLabel = "DIR",
        description = "The key authority's directory.")
    Path dir;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      // the registry is public: listing needs no password
      PrintWriter out = spec.commandLine().getOut();
      PartnerRegistry reg =
          wrap(
              () ->
                  org.hearth.pseudonymise.keyfile.RegistryFile.read(dir.resolve("registry.json")));
      out.printf("%-24s %-8s %-8s%n", "partner", "version", "status");
      reg.partners()
          .forEach(
              (p, versions) ->
                  versions.forEach(
                      (n, v) ->
                          out.printf("%-24s %-8d %-8s%n", p, n, v.status().name().toLowerCase())));
      List<String> projects =
          wrap(
              () -> {
                try {
                  var f = dir.resolve("projects.txt");
                  return java.nio.file.Files.exists(f)
                      ? java.nio.file.Files.readAllLines(f)
                      : List.<String>of();
                } catch (java.io.IOException e) {
                  throw new KeyFileException("could not read projects.txt", e);
                }
              });
      out.println("projects: " + (projects.isEmpty() ? "(none)" : String.join(", ", projects)));
      return 0;
    }
  }

  static void printIssued(PrintWriter out, KeyAuthorityDirectory.Issued issued) {
    out.println(
        "Issued " + issued.partner() + " key version " + issued.version() + ". Give the partner:");
    out.println("  " + issued.keyFile() + "  pseudonymisation key (encrypted PKCS#8, P-256)");
    out.println(
        "  " + issued.signingKeyFile() + "  manifest-signing key (encrypted PKCS#8, Ed25519)");
    out.println("  and, by a separate channel, the password for both files.");
    out.println("Then issue a new re-key bundle for the link job.");
  }
}
