package org.hearth.bench;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.hearth.ingest.EdgeAgent;
import org.hearth.ingest.PostcodeLookup;
import org.hearth.ingest.contract.Contracts;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Upn;
import org.hearth.pseudonymise.speed.CryptoSpeed;

/**
 * The edge agent's throughput on a large extract: N rows, four match keys a row (NHS number and UPN
 * distinct per row, UPRN and address shared by a household of about 2.3 people, as partners' files
 * are), on every core, next to OpenSSL's P-256 ECDH measured in the same run.
 *
 * <pre>
 *   ./mvnw -q package -pl bench -am -DskipTests
 *   /usr/bin/time -v java -Xmx1g -cp bench/target/hearth-benchmarks.jar org.hearth.bench.EdgeThroughput 1000000
 * </pre>
 */
public final class EdgeThroughput {
  private EdgeThroughput() {}

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int threads =
        args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Path dir = Files.createTempDirectory("hearth-edge-bench");
    Path file = dir.resolve("extract.csv");
    try (CsvWriter w = CsvWriter.builder().build(file)) {
      w.writeRecord("Ref", "NHS Number", "UPN", "UPRN", "Address", "Postcode", "Band");
      for (int i = 0; i < rows; i++) {
        String nine = String.format("999%06d", i % 900_000);
        int check = NhsNumber.checkDigit(nine);
        String nhs = check == 10 ? "" : nine + check;
        String rest = String.format("9902000%02d%03d", (i / 1000) % 100, i % 1000);
        String upn = Upn.checkLetter("X" + rest) + rest;
        int household = (int) (i / 2.3);
        w.writeRecord(
            "R" + i,
            nhs,
            upn,
            Long.toString(990_000_000_000L + household),
            (household % 200 + 1) + " High Street",
            "ZX" + (1 + household % 90) + " " + (1 + household % 9) + "AB",
            String.valueOf("ABCD".charAt(i % 4)));
      }
    }
    Path contract = dir.resolve("bench-four-keys.json");
    try (var in = EdgeThroughput.class.getResourceAsStream("/bench-four-keys.json")) {
      Files.copy(in, contract);
    }
    KeyAuthority ka = new KeyAuthority(new MasterSecret(new byte[32]));
    EdgeAgent agent =
        new EdgeAgent(
            new EdgeAgent.Settings(
                Contracts.load(contract.toString()),
                ka.partnerKey("bench-partner", 1),
                ka.signingKey("bench-partner", 1),
                PostcodeLookup.empty(),
                "2026-Q1",
                LocalDate.of(2026, 3, 31),
                dir.resolve("audit"),
                200_000),
            threads);
    System.out.printf(
        Locale.ROOT,
        "edge agent: %,d rows, 4 match keys a row, %d threads (dry run: validate, pseudonymise, audit)%n",
        rows,
        threads);
    long start = System.nanoTime();
    EdgeAgent.Result r = agent.run(file, Optional.empty(), n -> {});
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  %,d rows in %.1f s = %,.0f rows/s (%,d published, %,d rejected)%n",
        r.rowsRead(),
        secs,
        r.rowsRead() / secs,
        r.published(),
        r.rejectedRows());
    CryptoSpeed.Report crypto = CryptoSpeed.run(2, true);
    System.out.printf(
        Locale.ROOT, "  single-thread edge step %,.0f ops/s", crypto.ops(CryptoSpeed.EDGE_STEP));
    crypto
        .opensslEcdhOpsPerSecond()
        .ifPresent(
            o ->
                System.out.printf(
                    Locale.ROOT,
                    "; OpenSSL ECDH %,.0f ops/s; ratio %.2f",
                    o,
                    crypto.ops(CryptoSpeed.EDGE_STEP) / o));
    System.out.println();
  }
}
