package org.hearth.pseudonymise.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.keys.PartnerRegistry.KeyVersion;
import org.hearth.pseudonymise.keys.PartnerRegistry.Status;
import org.hearth.pseudonymise.manifest.ManifestVerifier.Verdict;
import org.junit.jupiter.api.Test;

class ManifestContentTest {
  private static final KeyAuthority KA = new KeyAuthority(new MasterSecret(new byte[32]));
  private static final byte[] DIGEST = new byte[32];

  private static ManifestContent manifest() {
    return new ManifestContent(
        "basildon-bc", "housing-benefits", "x-1", "2026-Q1", "FULL", 1000, DIGEST, "abcd", 1);
  }

  @Test
  void theExtractsPlaceInItsDatasetIsSignedAndAnUnsequencedManifestSignsAsBefore() {
    var key = KA.signingKey("basildon-bc", 1);
    ManifestContent placed = placed(7, "x-0", false);
    byte[] sig = placed.sign(key);
    assertThat(placed.verify(sig, key.generatePublicKey())).isTrue();
    for (ManifestContent t :
        new ManifestContent[] {
          placed(8, "x-0", false), placed(7, "x-9", false), placed(7, "x-0", true), manifest()
        }) {
      assertThat(t.verify(sig, key.generatePublicKey())).as(t.toString()).isFalse();
    }
    // a confirmation cannot be added to a signature made without one
    assertThat(placed(0, "", true).verify(manifest().sign(key), key.generatePublicKey())).isFalse();
    // defaults encode as domain v1: what older edges signed still verifies
    assertThat(placed(0, "", false).canonicalEncoding()).isEqualTo(manifest().canonicalEncoding());
    assertThat(new String(manifest().canonicalEncoding(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("hearth-extract-manifest-v1");
  }

  @Test
  void fieldCollisionRatesAreSignedAndCannotBeAddedOrChanged() {
    var key = KA.signingKey("basildon-bc", 1);
    ManifestContent measured = withRates(Map.of("FORENAME", 0.01, "SURNAME", 0.004));
    byte[] sig = measured.sign(key);
    assertThat(measured.verify(sig, key.generatePublicKey())).isTrue();
    assertThat(
            withRates(Map.of("FORENAME", 0.01, "SURNAME", 0.0041))
                .verify(sig, key.generatePublicKey()))
        .isFalse();
    assertThat(withRates(Map.of("FORENAME", 0.01)).verify(sig, key.generatePublicKey())).isFalse();
    // a signature made without rates does not cover a manifest with rates added
    assertThat(measured.verify(placed(7, "x-0", false).sign(key), key.generatePublicKey()))
        .isFalse();
    assertThat(new String(measured.canonicalEncoding(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("hearth-extract-manifest-v3");
    // no rates: exactly the v2 encoding, so edges that measure none sign as before
    assertThat(withRates(Map.of()).canonicalEncoding())
        .isEqualTo(placed(7, "x-0", false).canonicalEncoding());
  }

  private static ManifestContent withRates(Map<String, Double> rates) {
    return new ManifestContent(
        "basildon-bc",
        "housing-benefits",
        "x-1",
        "2026-Q1",
        "FULL",
        1000,
        DIGEST,
        "abcd",
        1,
        7,
        "x-0",
        false,
        rates);
  }

  private static ManifestContent placed(long sequence, String replaces, boolean confirm) {
    return new ManifestContent(
        "basildon-bc",
        "housing-benefits",
        "x-1",
        "2026-Q1",
        "FULL",
        1000,
        DIGEST,
        "abcd",
        1,
        sequence,
        replaces,
        confirm);
  }

  @Test
  void signaturesVerifyAndEveryFieldIsCovered() {
    var key = KA.signingKey("basildon-bc", 1);
    byte[] sig = manifest().sign(key);
    assertThat(manifest().verify(sig, key.generatePublicKey())).isTrue();
    byte[] otherDigest = DIGEST.clone();
    otherDigest[31] = 1;
    ManifestContent[] tampered = {
      new ManifestContent(
          "basildon-bd", "housing-benefits", "x-1", "2026-Q1", "FULL", 1000, DIGEST, "abcd", 1),
      new ManifestContent(
          "basildon-bc", "housing-benefit", "x-1", "2026-Q1", "FULL", 1000, DIGEST, "abcd", 1),
      new ManifestContent(
          "basildon-bc", "housing-benefits", "x-2", "2026-Q1", "FULL", 1000, DIGEST, "abcd", 1),
      new ManifestContent(
          "basildon-bc", "housing-benefits", "x-1", "2026-Q2", "FULL", 1000, DIGEST, "abcd", 1),
      new ManifestContent(
          "basildon-bc", "housing-benefits", "x-1", "2026-Q1", "DELTA", 1000, DIGEST, "abcd", 1),
      new ManifestContent(
          "basildon-bc", "housing-benefits", "x-1", "2026-Q1", "FULL", 999, DIGEST, "abcd", 1),
      new ManifestContent(
          "basildon-bc",
          "housing-benefits",
          "x-1",
          "2026-Q1",
          "FULL",
          1000,
          otherDigest,
          "abcd",
          1),
      new ManifestContent(
          "basildon-bc", "housing-benefits", "x-1", "2026-Q1", "FULL", 1000, DIGEST, "abce", 1),
      new ManifestContent(
          "basildon-bc", "housing-benefits", "x-1", "2026-Q1", "FULL", 1000, DIGEST, "abcd", 2),
    };
    for (ManifestContent t : tampered) {
      assertThat(t.verify(sig, key.generatePublicKey())).as(t.toString()).isFalse();
    }
    assertThat(manifest().verify(sig, KA.signingKey("essex-cc", 1).generatePublicKey())).isFalse();
    assertThat(manifest().verify(new byte[3], key.generatePublicKey())).isFalse();
  }

  @Test
  void fieldBoundariesCannotShift() {
    var a = new ManifestContent("ab", "c", "x", "p", "FULL", 1, DIGEST, "f", 1);
    var b = new ManifestContent("a", "bc", "x", "p", "FULL", 1, DIGEST, "f", 1);
    assertThat(a.canonicalEncoding()).isNotEqualTo(b.canonicalEncoding());
  }

  @Test
  void verifierChecksTheRegistry() {
    var k1 = KA.signingKey("basildon-bc", 1);
    PartnerRegistry reg =
        new PartnerRegistry(
            Map.of(
                "basildon-bc",
                Map.of(1, new KeyVersion(1, Status.ACTIVE, k1.generatePublicKey()))));
    byte[] sig = manifest().sign(k1);
    assertThat(new ManifestVerifier(reg).verify(manifest(), sig)).isEqualTo(Verdict.VALID);
    assertThat(new ManifestVerifier(reg.revoke("basildon-bc", 1)).verify(manifest(), sig))
        .isEqualTo(Verdict.REVOKED_KEY_VERSION);
    assertThat(new ManifestVerifier(PartnerRegistry.empty()).verify(manifest(), sig))
        .isEqualTo(Verdict.UNKNOWN_PARTNER_OR_VERSION);
    sig[0] ^= 1;
    assertThat(new ManifestVerifier(reg).verify(manifest(), sig)).isEqualTo(Verdict.BAD_SIGNATURE);
  }
}
