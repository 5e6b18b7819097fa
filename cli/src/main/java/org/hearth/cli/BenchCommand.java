package org.hearth.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.pseudonymise.speed.CryptoSpeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Quick measurements, always next to a reference measured in the same run. */
@Command(
    name = "bench",
    footerHeading = "%nExamples:%n",
    footer = {"  hearth bench crypto", "  hearth bench link --scale ward"},
    mixinStandardHelpOptions = true,
    description = "Quick benchmarks; the JMH suite in bench/ is the careful version.",
    subcommands = {BenchCommand.Crypto.class, LinkBenchmark.class})
final class BenchCommand {

  @Command(
      name = "crypto",
      footerHeading = "%nExamples:%n",
      footer = {"  hearth bench crypto --seconds 5 --json"},
      mixinStandardHelpOptions = true,
      description = {
        "Single-thread ops/s, in CPU time, of hash-to-curve, the edge step (hash-to-curve,",
        "multiplication and encoding per match key) and re-keying, on distinct inputs (no cache),",
        "on the engine that runs (native AWS-LC, or the Java fallback) and on the Java fallback,",
        "next to 'openssl speed ecdhp256' run in the same session, and the ratios to OpenSSL."
      })
  static final class Crypto implements Callable<Integer> {
    @Option(
        names = "--seconds",
        defaultValue = "3",
        description = "Seconds per measurement (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--no-openssl", description = "Skip the OpenSSL reference.")
    boolean noOpenssl;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!json) {
        out.println("Measuring, single thread, about " + (int) Math.ceil(seconds * 6.5) + " s ...");
        out.flush();
      }
      CryptoSpeed.Report r = CryptoSpeed.run(seconds, !noOpenssl);
      if (json) {
        StringBuilder sb =
            new StringBuilder("{\"threads\":1,\"clock\":\"cpu\",\"engine\":\"")
                .append(r.engine().replace("\"", "'"))
                .append("\",\"measurements\":{");
        for (int i = 0; i < r.measurements().size(); i++) {
          var m = r.measurements().get(i);
          sb.append(i == 0 ? "" : ",")
              .append('"')
              .append(m.name())
              .append("\":")
              .append(String.format(Locale.ROOT, "%.1f", m.opsPerSecond()));
        }
        sb.append('}');
        r.opensslEcdhOpsPerSecond()
            .ifPresent(o -> sb.append(String.format(Locale.ROOT, ",\"opensslEcdhP256\":%.1f", o)));
        r.edgeStepToOpensslRatio()
            .ifPresent(
                x -> sb.append(String.format(Locale.ROOT, ",\"edgeStepToOpenssl\":%.3f", x)));
        r.rekeyToOpensslRatio()
            .ifPresent(x -> sb.append(String.format(Locale.ROOT, ",\"rekeyToOpenssl\":%.3f", x)));
        out.println(sb.append('}'));
      } else {
        out.println("engine: " + r.engine());
        out.printf("%-24s %12s%n", "operation", "ops/CPU-s");
        r.measurements()
            .forEach(m -> out.printf(Locale.ROOT, "%-24s %12.0f%n", m.name(), m.opsPerSecond()));
        r.opensslEcdhOpsPerSecond()
            .ifPresentOrElse(
                o -> out.printf(Locale.ROOT, "%-24s %12.0f%n", "openssl ecdhp256", o),
                () -> out.println("openssl ecdhp256         (openssl not found or skipped)"));
        r.rekeyToOpensslRatio()
            .ifPresent(x -> out.printf(Locale.ROOT, "%nrekey     / OpenSSL ECDH = %.2f%n", x));
        r.edgeStepToOpensslRatio()
            .ifPresent(x -> out.printf(Locale.ROOT, "edge-step / OpenSSL ECDH = %.2f%n", x));
      }
      return 0;
    }
  }
}
