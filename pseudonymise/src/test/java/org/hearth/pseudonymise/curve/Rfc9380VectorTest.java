package org.hearth.pseudonymise.curve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every official RFC 9380 vector for the P-256 suites and expand_message_xmd (SHA-256). */
class Rfc9380VectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> randomOracleSuite() throws IOException {
    JsonNode suite = load("P256_XMD-SHA-256_SSWU_RO_.json");
    HashToCurve h = HashToCurve.withDst(suite.get("dst").asText());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : suite.get("vectors")) {
      byte[] msg = v.get("msg").asText().getBytes(StandardCharsets.US_ASCII);
      tests.add(
          DynamicTest.dynamicTest(
              "RO msg=" + abbreviate(v.get("msg").asText()),
              () -> {
                BigInteger[] u = h.hashToField(msg, 2);
                assertThat(u[0]).isEqualTo(hex(v.get("u").get(0)));
                assertThat(u[1]).isEqualTo(hex(v.get("u").get(1)));
                assertPoint(HashToCurve.mapToCurve(u[0]), v.get("Q0"));
                assertPoint(HashToCurve.mapToCurve(u[1]), v.get("Q1"));
                assertPoint(h.hash(msg), v.get("P"));
              }));
    }
    assertThat(tests).hasSize(5);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> nonUniformSuite() throws IOException {
    JsonNode suite = load("P256_XMD-SHA-256_SSWU_NU_.json");
    HashToCurve h = HashToCurve.withDst(suite.get("dst").asText());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : suite.get("vectors")) {
      byte[] msg = v.get("msg").asText().getBytes(StandardCharsets.US_ASCII);
      tests.add(
          DynamicTest.dynamicTest(
              "NU msg=" + abbreviate(v.get("msg").asText()),
              () -> {
                assertThat(h.hashToField(msg, 1)[0]).isEqualTo(hex(v.get("u").get(0)));
                assertPoint(h.encode(msg), v.get("P"));
              }));
    }
    assertThat(tests).hasSize(5);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> expandMessageXmdShortDst() throws IOException {
    return expandVectors("expand_message_xmd_SHA256_38.json");
  }

  @TestFactory
  Stream<DynamicTest> expandMessageXmdOversizeDst() throws IOException {
    return expandVectors("expand_message_xmd_SHA256_256.json");
  }

  private Stream<DynamicTest> expandVectors(String file) throws IOException {
    JsonNode suite = load(file);
    HashToCurve h = HashToCurve.withDst(suite.get("DST").asText());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode v : suite.get("tests")) {
      int len = Integer.decode(v.get("len_in_bytes").asText());
      byte[] msg = v.get("msg").asText().getBytes(StandardCharsets.US_ASCII);
      byte[] expected = HexFormat.of().parseHex(v.get("uniform_bytes").asText());
      tests.add(
          DynamicTest.dynamicTest(
              file + " len=" + len + " msg=" + abbreviate(v.get("msg").asText()),
              () -> assertThat(h.expandMessageXmd(msg, len)).isEqualTo(expected)));
    }
    assertThat(tests).hasSize(10);
    return tests.stream();
  }

  private static void assertPoint(CurvePoint p, JsonNode expected) {
    assertThat(p.x()).isEqualTo(hex(expected.get("x")));
    assertThat(p.y()).isEqualTo(hex(expected.get("y")));
  }

  private static BigInteger hex(JsonNode n) {
    return new BigInteger(n.asText().substring(2), 16);
  }

  private static String abbreviate(String s) {
    return s.length() > 12 ? s.substring(0, 12) + "..(" + s.length() + ")" : "'" + s + "'";
  }

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = Rfc9380VectorTest.class.getResourceAsStream("/rfc9380/" + name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }
}
