package org.hearth.pseudonymise.speed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.pseudonymise.curve.CurvePoint;
import org.hearth.pseudonymise.curve.HashToCurve;
import org.hearth.pseudonymise.curve.ScalarMultiplier;

/**
 * A quick single-thread measurement of the crypto Hearth pays per match key, next to OpenSSL's
 * P-256 ECDH measured in the same session (machines here are noisy, so only same-run ratios mean
 * anything). Both sides are timed in CPU time, as {@code openssl speed} reports. JMH benchmarks in
 * {@code bench/} are the careful version of the same.
 */
public final class CryptoSpeed {
  private static final Pattern OPENSSL_LINE =
      Pattern.compile("ecdh \\(nistp256\\)\\s+\\S+\\s+([0-9.]+)");

  /** One measured operation, in operations per CPU second of the measuring thread. */
  public record Measurement(String name, double opsPerSecond) {}

  /**
   * All measurements of one run, the engine the multiplications ran on, and OpenSSL's figure when
   * openssl could be run.
   */
  public record Report(
      String engine, List<Measurement> measurements, Optional<Double> opensslEcdhOpsPerSecond) {
    public double ops(String name) {
      return measurements.stream()
          .filter(m -> m.name().equals(name))
          .findFirst()
          .orElseThrow()
          .opsPerSecond();
    }

    /** Edge step ops/s over OpenSSL ECDH ops/s, when OpenSSL was measured. */
    public Optional<Double> edgeStepToOpensslRatio() {
      return ratio(EDGE_STEP);
    }

    /** Re-key ops/s over OpenSSL ECDH ops/s, when OpenSSL was measured. */
    public Optional<Double> rekeyToOpensslRatio() {
      return ratio(REKEY);
    }

    public Optional<Double> ratio(String name) {
      return opensslEcdhOpsPerSecond.map(o -> ops(name) / o);
    }
  }

  public static final String HASH_TO_CURVE = "hash-to-curve";
  public static final String EDGE_STEP = "edge-step";
  public static final String REKEY = "rekey";
  public static final String REKEY_COMPRESSED = "rekey-compressed-input";
  public static final String JAVA_EDGE_STEP = "java-edge-step";
  public static final String JAVA_REKEY = "java-rekey";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CryptoSpeed() {}

  /**
   * Runs every measurement for about {@code secondsEach} seconds of CPU after a warm-up, then
   * OpenSSL for the same time when {@code withOpenssl} is set and the command exists.
   */
  public static Report run(double secondsEach, boolean withOpenssl) {
    SecureRandom random = new SecureRandom();
    BigInteger k = new BigInteger(255, random).add(BigInteger.ONE);
    ScalarMultiplier mul = ScalarMultiplier.of(k);
    ScalarMultiplier java = ScalarMultiplier.inJava(k);
    HashToCurve h = HashToCurve.withDst("HEARTH-BENCH-V01");
    int distinct = 4096; // distinct inputs: nothing here may be served from a cache
    byte[][] msgs = new byte[distinct][];
    byte[][] encoded = new byte[distinct][];
    byte[][] compressed = new byte[distinct][];
    for (int i = 0; i < distinct; i++) {
      msgs[i] = ("NHS|999" + (1000000 + i)).getBytes(StandardCharsets.US_ASCII);
      CurvePoint p = h.hash(msgs[i]);
      encoded[i] = p.encode();
      compressed[i] = p.encodeCompressed();
    }
    long[] sink = new long[1];
    List<Measurement> out = new ArrayList<>();
    out.add(
        measure(HASH_TO_CURVE, secondsEach, i -> sink[0] += h.hash(msgs[i % distinct]).hashCode()));
    out.add(
        measure(
            EDGE_STEP, secondsEach, i -> sink[0] += mul.hashAndMultiply(h, msgs[i % distinct])[5]));
    out.add(measure(REKEY, secondsEach, i -> sink[0] += mul.multiplyToX(encoded[i % distinct])[5]));
    out.add(
        measure(
            REKEY_COMPRESSED,
            secondsEach,
            i -> sink[0] += mul.multiplyToX(compressed[i % distinct])[5]));
    out.add(
        measure(
            JAVA_EDGE_STEP,
            secondsEach,
            i -> sink[0] += java.hashAndMultiply(h, msgs[i % distinct])[5]));
    out.add(
        measure(
            JAVA_REKEY, secondsEach, i -> sink[0] += java.multiplyToX(encoded[i % distinct])[5]));
    if (sink[0] == 42) {
      System.out.print(""); // keeps the JIT from discarding the work
    }
    Optional<Double> openssl =
        withOpenssl ? opensslEcdh((int) Math.max(1, Math.round(secondsEach))) : Optional.empty();
    return new Report(ScalarMultiplier.engine(), out, openssl);
  }

  private static Measurement measure(String name, double seconds, IntConsumer op) {
    long warmEnd =
        cpuNanos() + TimeUnit.MILLISECONDS.toNanos(Math.max(300, (long) (seconds * 300)));
    int i = 0;
    while (cpuNanos() < warmEnd) {
      for (int j = 0; j < 16; j++) {
        op.accept(i++);
      }
    }
    long start = cpuNanos();
    long end = start + (long) (seconds * 1e9);
    int n = 0;
    long now;
    do {
      for (int j = 0; j < 64; j++) {
        op.accept(n++);
      }
      now = cpuNanos();
    } while (now < end);
    return new Measurement(name, n / ((now - start) / 1e9));
  }

  /** CPU time of this thread; wall time where the JVM cannot measure it. */
  private static long cpuNanos() {
    long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    return t >= 0 ? t : System.nanoTime();
  }

  /** OpenSSL's single-thread P-256 ECDH ops/s, or empty when openssl cannot be run. */
  public static Optional<Double> opensslEcdh(int seconds) {
    try {
      Process p =
          new ProcessBuilder("openssl", "speed", "-seconds", Integer.toString(seconds), "ecdhp256")
              .redirectErrorStream(true)
              .start();
      Double found = null;
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          Matcher m = OPENSSL_LINE.matcher(line);
          if (m.find()) {
            found = Double.parseDouble(m.group(1));
          }
        }
      }
      if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return Optional.ofNullable(found);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  public static void main(String[] args) {
    Report r = run(args.length > 0 ? Double.parseDouble(args[0]) : 3, true);
    System.out.println("engine: " + r.engine());
    r.measurements()
        .forEach(m -> System.out.printf("%-24s %10.0f ops/s%n", m.name(), m.opsPerSecond()));
    r.opensslEcdhOpsPerSecond()
        .ifPresent(o -> System.out.printf("%-24s %10.0f ops/s%n", "openssl-ecdhp256", o));
    r.rekeyToOpensslRatio().ifPresent(x -> System.out.printf("rekey / openssl = %.2f%n", x));
    r.edgeStepToOpensslRatio().ifPresent(x -> System.out.printf("edge-step / openssl = %.2f%n", x));
  }
}
