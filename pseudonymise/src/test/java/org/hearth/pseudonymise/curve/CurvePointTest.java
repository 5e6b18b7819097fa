package org.hearth.pseudonymise.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CurvePointTest {
  private static final byte[] G = CurvePoint.GENERATOR.encode();

  private static final byte[] G_COMPRESSED = CurvePoint.GENERATOR.encodeCompressed();

  @Test
  void generatorEncodesAsSec1UncompressedAndCompressed() {
    assertThat(HexFormat.of().formatHex(G))
        .isEqualTo(
            "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
                + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
    assertThat(HexFormat.of().formatHex(G_COMPRESSED))
        .isEqualTo("036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
  }

  @Test
  void bothFormsDecodeToTheSamePoint() {
    assertThat(CurvePoint.decode(G)).isEqualTo(CurvePoint.GENERATOR);
    assertThat(CurvePoint.decode(G_COMPRESSED)).isEqualTo(CurvePoint.GENERATOR);
  }

  @Test
  void liftXTakesTheEvenRoot() {
    byte[] lifted = CurvePoint.liftX(CurvePoint.GENERATOR.xBytes());
    CurvePoint p = CurvePoint.decode(lifted);
    assertThat(p.x()).isEqualTo(CurvePoint.GENERATOR.x());
    assertThat(p.y().testBit(0)).isFalse();
    // G's y is odd: the lifted point is -G
    assertThat(p.y()).isEqualTo(Fp.P.subtract(CurvePoint.GENERATOR.y()));
  }

  @Test
  void rejectsUncompressedPointsOffTheCurve() {
    byte[] e = G.clone();
    e[64] ^= 1;
    assertThatThrownBy(() -> CurvePoint.decode(e))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("not on the P-256 curve");
  }

  @Test
  void rejectsTheIdentity() {
    assertThatThrownBy(() -> CurvePoint.decode(new byte[] {0}))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("identity");
  }

  @Test
  void rejectsWrongLengths() {
    for (int len : new int[] {0, 32, 34, 64, 66}) {
      assertThatThrownBy(() -> CurvePoint.decode(new byte[len]))
          .isInstanceOf(InvalidPointException.class)
          .hasMessageContaining("65 bytes (or 33 compressed)");
    }
  }

  @Test
  void rejectsUnknownPrefixes() {
    for (int prefix : new int[] {0x00, 0x01, 0x04, 0x06, 0xff}) {
      byte[] e = G_COMPRESSED.clone();
      e[0] = (byte) prefix;
      assertThatThrownBy(() -> CurvePoint.decode(e))
          .isInstanceOf(InvalidPointException.class)
          .hasMessageContaining("0x02 or 0x03");
    }
    for (int prefix : new int[] {0x00, 0x02, 0x03, 0x06, 0x07, 0xff}) {
      byte[] e = G.clone();
      e[0] = (byte) prefix;
      assertThatThrownBy(() -> CurvePoint.decode(e))
          .isInstanceOf(InvalidPointException.class)
          .hasMessageContaining("0x04");
    }
  }

  @Test
  void rejectsYNotBelowPrime() {
    byte[] e = G.clone();
    java.util.Arrays.fill(e, 33, 65, (byte) 0xff);
    assertThatThrownBy(() -> CurvePoint.decode(e)).hasMessageContaining("field prime");
  }

  @Test
  void rejectsXNotBelowPrime() {
    byte[] e = new byte[33];
    e[0] = 2;
    java.util.Arrays.fill(e, 1, 33, (byte) 0xff);
    assertThatThrownBy(() -> CurvePoint.decode(e)).hasMessageContaining("field prime");
  }

  @Test
  void rejectsXWithNoPointOnTheCurve() {
    // about half of all x have no y; find one deterministically
    int rejected = 0;
    for (int i = 1; i < 40; i++) {
      byte[] e = new byte[33];
      e[0] = 2;
      e[32] = (byte) i;
      try {
        CurvePoint.decode(e);
      } catch (InvalidPointException ex) {
        assertThat(ex).hasMessageContaining("no point");
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(5);
  }

  @Test
  void rejectsAffineCoordinatesOffTheCurve() {
    assertThatThrownBy(
            () -> CurvePoint.fromAffine(CurvePoint.GENERATOR.x(), CurvePoint.GENERATOR.x()))
        .hasMessageContaining("not on the P-256 curve");
    assertThatThrownBy(() -> CurvePoint.fromAffine(BigInteger.valueOf(-1), BigInteger.ONE))
        .hasMessageContaining("field element");
  }

  @Test
  void toStringRevealsNothing() {
    assertThat(CurvePoint.GENERATOR.toString())
        .doesNotContain("6b17")
        .isEqualTo("CurvePoint[P-256]");
  }
}
