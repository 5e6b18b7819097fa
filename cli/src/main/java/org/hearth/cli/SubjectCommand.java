package org.hearth.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hearth.events.Topics;
import org.hearth.ingest.EdgeAgent;
import org.hearth.ingest.ExtractPublisher;
import org.hearth.ingest.SubjectRequests;
import org.hearth.pseudonymise.keyfile.PartnerKeyFile;
import org.hearth.pseudonymise.keyfile.SigningKeyFiles;
import org.hearth.pseudonymise.normalise.DatesOfBirth;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeys;
import org.hearth.runtime.ConfigException;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Data subjects' rights: restriction, erasure, lifting a restriction. */
@Command(
    name = "subject",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth subject restrict --file requests.csv \\",
      "      --key-file essex-cc.v1.key.pem --signing-key essex-cc.v1.signing.pem",
      "  hearth subject erase --type nhs-number --key-file essex-cc.v1.key.pem \\",
      "      --signing-key essex-cc.v1.signing.pem    # NHS numbers on standard input"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Publish data-subject requests (restrict, erase, lift) as the subjects' pseudonymised keys,",
      "so the platform withholds or removes their contributions everywhere without learning who",
      "they are. Identifiers come from standard input (one per line, with --type) or a CSV file",
      "(--file, columns: reference, nhs_number, upn, forename, surname, date_of_birth, sex)."
    })
final class SubjectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "restrict|erase|lift")
  String kind;

  @Mixin CommonOptions common;

  @Option(names = "--type", description = "With standard input: nhs-number or upn.")
  String type;

  @Option(
      names = "--file",
      paramLabel = "CSV",
      description = "Subjects as rows (any identifier columns may be blank).")
  Path file;

  @Option(
      names = "--key-file",
      required = true,
      paramLabel = "FILE",
      description = "The partner's key file (PEM) from hearth partners add.")
  Path keyFile;

  @Option(
      names = "--signing-key",
      required = true,
      paramLabel = "FILE",
      description = "The partner's signing key file (PEM) that signs the request's manifest.")
  Path signingKey;

  @Option(
      names = "--audit-dir",
      defaultValue = "hearth-audit",
      paramLabel = "DIR",
      description =
          "Where the signed copy of what was sent is kept (default: the work directory's audit/).")
  Path auditDir;

  @Option(names = "--dry-run", description = "Write the audit copy only; publish nothing.")
  boolean dryRun;

  @Option(
      names = "--password-env",
      defaultValue = KeysCommand.PARTNER_PASSWORD,
      paramLabel = "NAME",
      description = "Environment variable with the key files' password (asked when unset).")
  String passwordEnv;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    SubjectRequests.Kind k;
    try {
      k = SubjectRequests.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("the request must be restrict, erase or lift");
    }
    if ((file == null) == (type == null)) {
      throw new ConfigException("give either --type (identifiers on standard input) or --file");
    }
    HearthConfig config = common.load();
    if (!dryRun && config.kafka().embedded()) {
      throw new ConfigException(
          "subject requests need a Kafka: set hearth.kafka.bootstrap-servers, or use --dry-run");
    }
    List<SubjectRequests.Subject> subjects = file != null ? fromCsv() : fromStdin();
    char[] password = Passwords.read(passwordEnv, "Partner key password", false);
    var key = KeysCommand.wrap(() -> PartnerKeyFile.read(keyFile, password));
    var signing = KeysCommand.wrap(() -> SigningKeyFiles.readFor(signingKey, password, key));
    SubjectRequests requests = new SubjectRequests(key, signing, auditDir);
    SubjectRequests.Result r;
    try {
      if (dryRun) {
        r = requests.publish(k, subjects, LocalDate.now(), Optional.empty());
      } else {
        java.util.Map<String, Object> props =
            new java.util.HashMap<>(config.kafka().clientProperties());
        props.put("bootstrap.servers", config.kafka().bootstrapServers().orElseThrow());
        ExtractPublisher.requireTopic(
            props, Topics.dataset(key.partner(), SubjectRequests.DATASET));
        try (ExtractPublisher p =
            new ExtractPublisher(
                props, Topics.edgeTransactionalId(key.partner(), SubjectRequests.DATASET))) {
          r = requests.publish(k, subjects, LocalDate.now(), Optional.of(p));
        }
      }
    } catch (EdgeAgent.ExtractException | ExtractPublisher.PublishException e) {
      throw new HearthException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%s %d %s request(s) as %s%s%n",
        dryRun ? "Prepared (dry run)" : "Published",
        r.subjects(),
        k.name().toLowerCase(Locale.ROOT),
        r.requestId(),
        dryRun ? "" : " to " + r.topic());
    out.println("  audit: " + r.auditFolder());
    return 0;
  }

  private List<SubjectRequests.Subject> fromStdin() throws IOException {
    if (!type.equalsIgnoreCase("nhs-number") && !type.equalsIgnoreCase("upn")) {
      throw new ConfigException("--type must be nhs-number or UPN");
    }
    List<SubjectRequests.Subject> out = new ArrayList<>();
    IdentifierInput.lines(
        (line, value) -> {
          var key = IdentifierInput.parse(type, value).orElseThrow().value();
          if (key.isEmpty()) {
            throw new HearthException(
                "line " + line + " is not a valid " + type + "; nothing was published");
          }
          out.add(new SubjectRequests.Subject("line-" + line, List.of(key.get())));
        });
    return out;
  }

  private List<SubjectRequests.Subject> fromCsv() throws IOException {
    List<SubjectRequests.Subject> out = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(file)) {
      int row = 1;
      for (NamedCsvRecord rec : r) {
        row++;
        String dobText = rec.findField("date_of_birth").orElse("");
        LocalDate dob = DatesOfBirth.parse(dobText, LocalDate.now()).value().orElse(null);
        String sex = rec.findField("sex").orElse("U");
        List<MatchKey> keys =
            MatchKeys.person(
                rec.findField("nhs_number").orElse(null),
                rec.findField("upn").orElse(null),
                rec.findField("forename").orElse(null),
                rec.findField("surname").orElse(null),
                dob,
                sex.isEmpty() ? 'U' : sex.charAt(0));
        if (keys.isEmpty()) {
          throw new HearthException(
              file.getFileName()
                  + " row "
                  + row
                  + " has no usable identifier; nothing was published");
        }
        out.add(new SubjectRequests.Subject(rec.findField("reference").orElse("row-" + row), keys));
      }
    }
    return out;
  }
}
