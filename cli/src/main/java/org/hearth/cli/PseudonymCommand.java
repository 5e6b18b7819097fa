package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.hearth.pseudonymise.Pseudonym;
import org.hearth.pseudonymise.Rekeyer;
import org.hearth.pseudonymise.keyfile.PartnerKeyFile;
import org.hearth.pseudonymise.keyfile.RekeyBundleFile;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.hearth.pseudonymise.normalise.Normalised;
import org.hearth.runtime.HearthException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Partner troubleshooting: what pseudonym does my key give this identifier? */
@Command(
    name = "pseudonym",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth pseudonym compute --key-file basildon-council.v1.key.pem \\",
      "      --type nhs-number   # NHS numbers on standard input"
    },
    mixinStandardHelpOptions = true,
    description = "Compute a partner pseudonym, or re-key one into the linkage domain.",
    subcommands = {PseudonymCommand.Compute.class, PseudonymCommand.Rekey.class})
final class PseudonymCommand {
  @Command(
      name = "compute",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth pseudonym compute --key-file basildon-council.v1.key.pem \\",
        "      --type nhs-number   # NHS numbers on standard input",
        "  hearth pseudonym compute --key-file basildon-council.v1.key.pem \\",
        "      --type match-key --key-type ADDRESS    # identifiers on standard input"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Read identifiers from standard input, one a line, and print each one's partner pseudonym",
        "(base64url). Identifiers are read from stdin, never taken as arguments, so they do not",
        "land in shell history. Types: nhs-number, upn, uprn, match-key (a full normalised key",
        "such as 'ADDR|PC|SS141AB|10|A' with --key-type)."
      })
  static final class Compute implements Callable<Integer> {
    @Option(
        names = "--key-file",
        required = true,
        paramLabel = "FILE",
        description = "The partner's key file (PEM).")
    Path keyFile;

    @Option(names = "--type", required = true, description = "nhs-number, upn, uprn or match-key")
    String type;

    @Option(
        names = "--key-type",
        description = "With --type match-key: the match-key type, e.g. ADDRESS.")
    MatchKeyType keyType;

    @Option(
        names = "--password-env",
        defaultValue = KeysCommand.PARTNER_PASSWORD,
        paramLabel = "NAME",
        description =
            "Environment variable with the key file's or bundle's password (asked when unset).")
    String passwordEnv;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PartnerKey key =
          KeysCommand.wrap(
              () ->
                  PartnerKeyFile.read(
                      keyFile, Passwords.read(passwordEnv, "Partner key password", false)));
      PrintWriter out = spec.commandLine().getOut();
      int[] rejected = {0};
      IdentifierInput.lines(
          (line, value) -> {
            MatchKey mk = matchKey(value, line);
            if (mk == null) {
              rejected[0]++;
            } else {
              out.println(key.pseudonymise(mk).base64url());
            }
          });
      out.flush();
      if (rejected[0] > 0) {
        spec.commandLine()
            .getErr()
            .println(rejected[0] + " line(s) rejected (see above); no pseudonym printed for them");
        return Hearth.FAILED;
      }
      return 0;
    }

    private MatchKey matchKey(String v, int line) {
      Normalised<MatchKey> n;
      if (type.equalsIgnoreCase("match-key")) {
        if (keyType == null) {
          throw new HearthException("--type match-key needs --key-type");
        }
        n =
            Normalised.ok(
                MatchKey.of(keyType, v.contains("|") ? v.substring(v.indexOf('|') + 1) : v));
      } else {
        n =
            IdentifierInput.parse(type, v)
                .orElseThrow(
                    () -> new HearthException("--type must be nhs-number, UPN, uprn or match-key"));
      }
      if (n.invalid().isPresent()) {
        spec.commandLine()
            .getErr()
            .println(
                "line "
                    + line
                    + ": rejected ("
                    + n.invalid().get().rule()
                    + ": "
                    + n.invalid().get().explanation()
                    + ")");
        return null;
      }
      return n.value().orElseThrow();
    }
  }

  @Command(
      name = "rekey",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth pseudonym rekey --bundle link.bundle --partner basildon-council \\",
        "      --key-version 1 --pseudonym PSEUDONYM"
      },
      mixinStandardHelpOptions = true,
      description =
          "Turn a partner pseudonym into the linkage pseudonym (base64url) with a re-key bundle.")
  static final class Rekey implements Callable<Integer> {
    @Option(
        names = "--bundle",
        required = true,
        paramLabel = "FILE",
        description = "The re-key bundle file.")
    Path bundle;

    @Option(
        names = "--partner",
        required = true,
        description = "The partner whose pseudonym is re-keyed.")
    String partner;

    @Option(
        names = "--key-version",
        required = true,
        description = "The partner key version the pseudonym was made with.")
    int keyVersion;

    @Option(
        names = "--pseudonym",
        required = true,
        description = "The partner pseudonym, base64url.")
    String pseudonym;

    @Option(
        names = "--password-env",
        defaultValue = KeysCommand.BUNDLE_PASSWORD,
        paramLabel = "NAME",
        description =
            "Environment variable with the key file's or bundle's password (asked when unset).")
    String passwordEnv;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      var b =
          KeysCommand.wrap(
              () ->
                  RekeyBundleFile.read(
                      bundle, Passwords.read(passwordEnv, "Re-key bundle password", false)));
      byte[] point;
      try {
        point = Base64.getUrlDecoder().decode(pseudonym);
      } catch (IllegalArgumentException e) {
        throw new HearthException("--pseudonym is not base64url");
      }
      Pseudonym.Partner p =
          KeysCommand.wrap(
              () -> new Pseudonym.Partner(partner, keyVersion, MatchKeyType.UPRN, point));
      Pseudonym.Linkage l = KeysCommand.wrap(() -> new Rekeyer(b, 1).rekey(p));
      spec.commandLine().getOut().println(l.base64url());
      return 0;
    }
  }
}
