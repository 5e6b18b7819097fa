package org.hearth.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.hearth.events.DatasetSchemas;
import org.hearth.ingest.contract.ContractSchemas;
import org.hearth.ingest.contract.Contracts;
import org.hearth.ingest.contract.DatasetContract;
import org.hearth.runtime.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Dataset contracts: what each extract must look like and what may leave the partner. */
@Command(
    name = "contracts",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hearth contracts list",
      "  hearth contracts show housing-benefits",
      "  hearth contracts validate rough-sleeping.json"
    },
    mixinStandardHelpOptions = true,
    description =
        "List, show and validate dataset contracts, and print the typed record one publishes.",
    subcommands = {
      ContractsCommand.ListContracts.class,
      ContractsCommand.Show.class,
      ContractsCommand.Validate.class,
      ContractsCommand.JsonSchema.class,
      ContractsCommand.SchemaOf.class
    })
final class ContractsCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The built-in contracts.",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth contracts list"})
  static final class ListContracts implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-24s %7s  %s%n", "contract", "fields", "description");
      for (String name : Contracts.BUILT_IN) {
        DatasetContract c = Contracts.load(name);
        out.printf("%-24s %7d  %s%n", name, c.fields().size(), c.description());
      }
      return 0;
    }
  }

  @Command(
      name = "show",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth contracts show housing-benefits   # to a file: your own to edit"},
      mixinStandardHelpOptions = true,
      description = "Print a built-in contract's JSON (a starting point for your own).")
  static final class Show implements Callable<Integer> {
    @Parameters(paramLabel = "NAME")
    String name;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      try {
        spec.commandLine().getOut().print(Contracts.source(name));
      } catch (Contracts.ContractException e) {
        throw new ConfigException(
            e.getMessage() + "; built-in: " + String.join(", ", Contracts.BUILT_IN));
      }
      return 0;
    }
  }

  @Command(
      name = "validate",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth contracts validate rough-sleeping.json",
        "  hearth contracts validate police-incidents"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Check a contract file (or a built-in contract) against the contract JSON Schema and the",
        "rules that need the whole contract. Every problem is one line: the file, the JSON path",
        "of the value and what is wrong. Exit 0 when valid, 2 when not."
      })
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The contract file (JSON), or a built-in name.")
    String file;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<String> problems = Contracts.validate(file);
      if (!problems.isEmpty()) {
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(err::println);
        err.printf(
            "%s: not a valid contract (%d problem%s); see docs/contracts.md%n",
            file, problems.size(), problems.size() == 1 ? "" : "s");
        err.flush();
        return Hearth.USAGE;
      }
      DatasetContract c = Contracts.load(file);
      spec.commandLine()
          .getOut()
          .printf(
              "%s: valid contract for dataset '%s' (%d fields)%n",
              file, c.dataset(), c.fields().size());
      return 0;
    }
  }

  @Command(
      name = "json-schema",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth contracts json-schema   # save as contract.schema.json"},
      mixinStandardHelpOptions = true,
      description = {
        "Print the JSON Schema (draft 2020-12) every contract is checked against: point your",
        "editor at it (\"$schema\" in the contract) for completion and checking as you type."
      })
  static final class JsonSchema implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(Contracts.jsonSchema());
      return 0;
    }
  }

  @Command(
      name = "schema",
      footerHeading = "%nExamples:%n",
      footer = {
        "  hearth contracts schema housing-benefits",
        "  hearth contracts schema rough-sleeping.json"
      },
      mixinStandardHelpOptions = true,
      description = {
        "Print the Avro schema of the typed record a contract's records travel as (a built-in",
        "dataset by name, or a contract file): what a consumer of its topic reads."
      })
  static final class SchemaOf implements Callable<Integer> {
    @Parameters(paramLabel = "NAME|FILE")
    String contract;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DatasetContract c;
      try {
        c = Contracts.load(contract);
      } catch (Contracts.ContractException e) {
        throw new ConfigException(e.getMessage());
      }
      spec.commandLine()
          .getOut()
          .println(DatasetSchemas.record(ContractSchemas.attributes(c)).toString(true));
      return 0;
    }
  }
}
