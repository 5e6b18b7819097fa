package org.hearth.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hearth.pseudonymise.curve.CurvePoint;
import org.hearth.pseudonymise.curve.InvalidPointException;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.keys.UnknownKeyException;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;

/** The properties pseudonymisation.md asks of per-partner keys and re-keying. */
class PseudonymisationProperties {

  @Property(tries = 60)
  void partnersProduceDifferentPseudonymsThatLinkAfterRekeying(
      @ForAll("authorities") KeyAuthority ka,
      @ForAll("partnerPairs") String[] partners,
      @ForAll("matchKeys") MatchKey key) {
    PartnerKey p = ka.partnerKey(partners[0], 1);
    PartnerKey q = ka.partnerKey(partners[1], 1);
    Pseudonym.Partner pp = p.pseudonymise(key);
    Pseudonym.Partner qp = q.pseudonymise(key);
    assertThat(pp.point()).isNotEqualTo(qp.point());

    Rekeyer rekeyer =
        new Rekeyer(bundle(ka, partners[0], 1).with(ka.rekeyFactor(partners[1], 1)), 16);
    assertThat(rekeyer.rekey(pp)).isEqualTo(rekeyer.rekey(qp));
    assertThat(rekeyer.rekey(pp).point()).hasSize(CurvePoint.X_LENGTH);
    assertThat(pp.point()).hasSize(CurvePoint.ENCODED_LENGTH);
  }

  @Property(tries = 40)
  void compressedPseudonymsOfEarlierReleasesLinkWithTodaysUncompressedOnes(
      @ForAll("authorities") KeyAuthority ka,
      @ForAll("partnerPairs") String[] partners,
      @ForAll("matchKeys") MatchKey key) {
    Pseudonym.Partner today = ka.partnerKey(partners[0], 1).pseudonymise(key);
    Pseudonym.Partner other = ka.partnerKey(partners[1], 1).pseudonymise(key);
    // an earlier release published the same point compressed, with whichever y k_p * H(m) had
    CurvePoint full = CurvePoint.decode(other.point());
    CurvePoint negated =
        CurvePoint.fromAffine(
            full.x(),
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16)
                .subtract(full.y()));
    Rekeyer rekeyer =
        new Rekeyer(bundle(ka, partners[0], 1).with(ka.rekeyFactor(partners[1], 1)), 16);
    for (CurvePoint legacy : new CurvePoint[] {full, negated}) {
      Pseudonym.Partner old =
          new Pseudonym.Partner(partners[1], 1, other.type(), legacy.encodeCompressed());
      assertThat(rekeyer.rekey(old)).isEqualTo(rekeyer.rekey(today));
    }
  }

  @Property(tries = 40)
  void rotationLeavesLinkagePseudonymsAndAnalystIdsUnchanged(
      @ForAll("authorities") KeyAuthority ka,
      @ForAll("matchKeys") MatchKey key,
      @ForAll @IntRange(min = 1, max = 20) int version) {
    PartnerKey old = ka.partnerKey("basildon-bc", version);
    PartnerKey rotated = ka.partnerKey("basildon-bc", version + 1);
    assertThat(old.pseudonymise(key).point()).isNotEqualTo(rotated.pseudonymise(key).point());
    RekeyBundle b =
        bundle(ka, "basildon-bc", version)
            .with(ka.rekeyFactor("basildon-bc", version + 1))
            .with(ka.projectKey("school-readiness"));
    Rekeyer r = new Rekeyer(b, 16);
    Pseudonym.Linkage before = r.rekey(old.pseudonymise(key));
    Pseudonym.Linkage after = r.rekey(rotated.pseudonymise(key));
    assertThat(after).isEqualTo(before);
    assertThat(r.analystId("school-readiness", after))
        .isEqualTo(r.analystId("school-readiness", before));
  }

  @Property(tries = 30)
  void revokedVersionsAndWithdrawnPartnersCannotBeRekeyed(
      @ForAll("authorities") KeyAuthority ka, @ForAll("matchKeys") MatchKey key) {
    PartnerKey v1 = ka.partnerKey("essex-police", 1);
    RekeyBundle b = bundle(ka, "essex-police", 1).with(ka.rekeyFactor("essex-police", 2));
    Pseudonym.Partner p = v1.pseudonymise(key);
    assertThatThrownBy(() -> new Rekeyer(b.revoke("essex-police", 1), 16).rekey(p))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessage("key version 1 of partner 'essex-police' has been revoked");
    assertThatThrownBy(() -> new Rekeyer(b.withoutPartner("essex-police"), 16).rekey(p))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("not in the re-key bundle");
    assertThatThrownBy(
            () -> new Rekeyer(b, 16).rekey(ka.partnerKey("essex-police", 3).pseudonymise(key)))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("no key version 3");
    // the other version still works: revocation is per version
    assertThat(
            new Rekeyer(b.revoke("essex-police", 1), 16)
                .rekey(ka.partnerKey("essex-police", 2).pseudonymise(key)))
        .isNotNull();
  }

  @Property(tries = 40)
  void analystIdsDifferBetweenProjects(
      @ForAll("authorities") KeyAuthority ka, @ForAll("matchKeys") MatchKey key) {
    RekeyBundle b =
        bundle(ka, "essex-cc", 1)
            .with(ka.projectKey("school-readiness"))
            .with(ka.projectKey("domestic-abuse"));
    Rekeyer r = new Rekeyer(b, 16);
    Pseudonym.Linkage l = r.rekey(ka.partnerKey("essex-cc", 1).pseudonymise(key));
    Pseudonym.AnalystId a = r.analystId("school-readiness", l);
    Pseudonym.AnalystId d = r.analystId("domestic-abuse", l);
    assertThat(a.id()).hasSize(16).isNotEqualTo(d.id());
    assertThatThrownBy(() -> r.analystId("unknown-project", l))
        .isInstanceOf(UnknownKeyException.class);
  }

  @Property(tries = 200)
  void invalidPseudonymEncodingsAreRejected(@ForAll byte[] junk) {
    Assume.that(junk.length != 33 || (junk[0] != 2 && junk[0] != 3));
    assertThatThrownBy(() -> new Pseudonym.Partner("essex-cc", 1, MatchKeyType.UPRN, junk))
        .isInstanceOf(InvalidPointException.class);
  }

  @Property(tries = 20)
  void theIdentityAndOutOfRangeScalarsAreRejected(@ForAll("outOfRange") BigInteger k) {
    assertThatThrownBy(() -> new PartnerKey("essex-cc", 1, k, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, n-1]");
    assertThatThrownBy(
            () -> new Pseudonym.Partner("essex-cc", 1, MatchKeyType.UPRN, new byte[] {0}))
        .isInstanceOf(InvalidPointException.class)
        .hasMessageContaining("identity");
  }

  private static RekeyBundle bundle(KeyAuthority ka, String partner, int version) {
    return RekeyBundle.empty().with(ka.rekeyFactor(partner, version));
  }

  @Provide
  Arbitrary<KeyAuthority> authorities() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(32)
        .map(b -> new KeyAuthority(new MasterSecret(b)));
  }

  @Provide
  Arbitrary<String[]> partnerPairs() {
    Arbitrary<String> id =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    return Combinators.combine(id, id)
        .filter((a, b) -> !a.equals(b))
        .as((a, b) -> new String[] {a, b});
  }

  @Provide
  Arbitrary<MatchKey> matchKeys() {
    return Combinators.combine(
            Arbitraries.of(MatchKeyType.class),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(40))
        .as(MatchKey::of);
  }

  @Provide
  Arbitrary<BigInteger> outOfRange() {
    return Arbitraries.of(
        BigInteger.ZERO,
        BigInteger.ONE.negate(),
        CurvePoint.ORDER,
        CurvePoint.ORDER.add(BigInteger.TEN),
        BigInteger.ONE.shiftLeft(300));
  }
}
