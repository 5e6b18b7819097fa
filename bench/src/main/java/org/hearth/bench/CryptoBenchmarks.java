package org.hearth.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.hearth.pseudonymise.Pseudonym;
import org.hearth.pseudonymise.curve.CurvePoint;
import org.hearth.pseudonymise.curve.HashToCurve;
import org.hearth.pseudonymise.curve.ScalarMultiplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The crypto each match key pays: at the edge (hash-to-curve, multiplication, the even root) and at
 * re-keying (the wire point to its linkage x-coordinate), on distinct inputs so no cache helps;
 * each on the engine this process chose (native AWS-LC where it loads) and on the Java fallback.
 * Run {@code openssl speed ecdhp256} right after for the ratio (or {@code hearth bench crypto},
 * which does both and times both in CPU time).
 *
 * <pre>java -jar bench/target/hearth-benchmarks.jar CryptoBenchmarks -t 1</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CryptoBenchmarks {
  private static final int DISTINCT = 4096;
  private HashToCurve hasher;
  private ScalarMultiplier key;
  private ScalarMultiplier javaKey;
  private byte[][] compressed;
  private BigInteger scalar;
  private byte[][] messages;
  private CurvePoint[] points;
  private byte[][] encoded;
  private ECPoint[] bcPoints;
  private int i;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    scalar = new BigInteger(255, random).add(BigInteger.ONE);
    key = ScalarMultiplier.of(scalar);
    javaKey = ScalarMultiplier.inJava(scalar);
    compressed = new byte[DISTINCT][];
    hasher = Pseudonym.hasher();
    X9ECParameters bc = CustomNamedCurves.getByName("P-256");
    messages = new byte[DISTINCT][];
    points = new CurvePoint[DISTINCT];
    encoded = new byte[DISTINCT][];
    bcPoints = new ECPoint[DISTINCT];
    for (int j = 0; j < DISTINCT; j++) {
      messages[j] = ("NHS|999" + (1000000 + j)).getBytes(StandardCharsets.US_ASCII);
      points[j] = hasher.hash(messages[j]);
      encoded[j] = points[j].encode();
      compressed[j] = points[j].encodeCompressed();
      bcPoints[j] = bc.getCurve().decodePoint(encoded[j]);
    }
  }

  private int next() {
    i = (i + 1) & (DISTINCT - 1);
    return i;
  }

  @Benchmark
  public CurvePoint hashToCurve() {
    return hasher.hash(messages[next()]);
  }

  @Benchmark
  public CurvePoint multiply() {
    return key.multiply(points[next()]);
  }

  @Benchmark
  public byte[] edgeStep() {
    return key.hashAndMultiply(hasher, messages[next()]);
  }

  @Benchmark
  public byte[] rekey() {
    return key.multiplyToX(encoded[next()]);
  }

  @Benchmark
  public byte[] rekeyCompressedInput() {
    return key.multiplyToX(compressed[next()]);
  }

  @Benchmark
  public byte[] javaEdgeStep() {
    return javaKey.hashAndMultiply(hasher, messages[next()]);
  }

  @Benchmark
  public byte[] javaRekey() {
    return javaKey.multiplyToX(encoded[next()]);
  }

  @Benchmark
  public ECPoint bouncyCastleMultiply() {
    return bcPoints[next()].multiply(scalar).normalize();
  }
}
