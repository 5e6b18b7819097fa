package org.hearth.pseudonymise.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which engine runs, and what happens when the native one is missing or refuses bad points. */
class EngineTest {
  private static final BigInteger K = new BigInteger("1234567890abcdef", 16);

  @Test
  void theNativeEngineLoadsOnThisBuildsPlatform() {
    // The build resolves the provider jar for the machine it runs on (pom profiles), so a
    // Java-only result here means a packaging fault, not a slow machine.
    NativeEcdh.Loaded loaded = NativeEcdh.loadAccp();
    assertThat(loaded.whyNot()).isNull();
    assertThat(ScalarMultiplier.nativeEngine()).isTrue();
    assertThat(ScalarMultiplier.engine()).startsWith("AWS-LC");
    assertThat(ScalarMultiplier.of(K).engineOfThis()).startsWith("AWS-LC");
    assertThat(ScalarMultiplier.inJava(K).engineOfThis()).startsWith("Java");
  }

  @Test
  void withoutANativeProviderTheJavaEngineIsChosenAndSaysWhy() {
    ScalarMultiplier.Engine e =
        ScalarMultiplier.Engine.choose(
            new NativeEcdh.Loaded(Optional.empty(), "its native library did not load: test"));
    assertThat(e.nativeEngine).isNull();
    assertThat(e.description).startsWith("Java");
  }

  @Test
  void aLoadedNativeEngineIsChosenOnlyAfterItsKnownAnswer() {
    NativeEcdh.Loaded loaded = NativeEcdh.loadAccp();
    ScalarMultiplier.Engine e = ScalarMultiplier.Engine.choose(loaded);
    assertThat(e.nativeEngine).isSameAs(loaded.engine().orElseThrow());
  }

  @Test
  void theNativeEngineRefusesPointsOffTheCurveWithTheSameMessage() {
    byte[] g = CurvePoint.GENERATOR.encode();
    g[64] ^= 1;
    for (ScalarMultiplier m :
        new ScalarMultiplier[] {ScalarMultiplier.of(K), ScalarMultiplier.inJava(K)}) {
      assertThatThrownBy(() -> m.multiplyToX(g))
          .isInstanceOf(InvalidPointException.class)
          .hasMessageContaining("not on the P-256 curve");
      assertThatThrownBy(() -> m.multiplyToX(new byte[] {0}))
          .isInstanceOf(InvalidPointException.class)
          .hasMessageContaining("identity");
      assertThatThrownBy(() -> m.multiplyToX(new byte[64]))
          .isInstanceOf(InvalidPointException.class)
          .hasMessageContaining("65 bytes");
    }
  }

  @Test
  void compressedXWithNoPointIsRefusedByBothEngines() {
    int refused = 0;
    for (int i = 1; i < 40; i++) {
      byte[] e = new byte[CurvePoint.COMPRESSED_LENGTH];
      e[0] = 2;
      e[32] = (byte) i;
      boolean javaRefused = refuses(ScalarMultiplier.inJava(K), e);
      assertThat(refuses(ScalarMultiplier.of(K), e)).isEqualTo(javaRefused);
      refused += javaRefused ? 1 : 0;
    }
    assertThat(refused).isGreaterThan(5);
  }

  private static boolean refuses(ScalarMultiplier m, byte[] e) {
    try {
      m.multiplyToX(e);
      return false;
    } catch (InvalidPointException ex) {
      return true;
    }
  }
}
