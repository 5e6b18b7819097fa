package org.hearth.link.rekey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.hearth.link.PartnerEvent;
import org.hearth.link.TestTrust;
import org.hearth.link.resolve.KeyId;
import org.hearth.link.resolve.LinkRecord;
import org.hearth.link.verify.ExtractGate;
import org.hearth.link.verify.ExtractHeader;
import org.hearth.link.verify.ExtractOutcome;
import org.hearth.link.verify.LinkedExtract;
import org.hearth.link.verify.VerifiedExtract;
import org.hearth.pseudonymise.curve.CurvePoint;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-keying as Flink runs it: on several workers, in order, into one domain for all partners. */
class RekeyFunctionTest {
  @TempDir static Path dir;
  static LocalTrust trust;

  static final String POLICE = "essex-police";
  static final String COUNCIL = "basildon-council";

  @BeforeAll
  static void keys() {
    trust = TestTrust.write(dir);
  }

  @Test
  void manyWorkersGiveWhatOneWorkerGivesInSequenceOrder() throws Exception {
    VerifiedExtract e = extract(POLICE, 3 * RekeyFunction.RUN + 17, -1);
    LinkedExtract one = only(run(e, 1));
    LinkedExtract four = only(run(e, 4));
    assertThat(four.upserts()).hasSize(e.records().length);
    for (int i = 0; i < e.records().length; i++) {
      LinkRecord a = one.upserts()[i];
      LinkRecord b = four.upserts()[i];
      assertThat(b.sequence()).isEqualTo(i);
      assertThat(b.id()).isEqualTo(a.id());
      assertThat(b.addressKeys()).containsExactly(a.addressKeys());
      assertThat(b.personKeys()).containsExactly(a.personKeys());
    }
  }

  @Test
  void twoPartnersPseudonymsOfOneKeyMeetAndAKeyThatNeverLinksIsCarriedByItsLetter()
      throws Exception {
    LinkRecord police = only(run(extract(POLICE, 600, -1), 3)).upserts()[421];
    LinkRecord council = only(run(extract(COUNCIL, 600, -1), 2)).upserts()[421];
    assertThat(police.personKeys()[0]).startsWith("N").isEqualTo(council.personKeys()[0]);
    assertThat(police.addressKeys()).containsExactly(council.addressKeys());
    assertThat(police.personKeys()[1]).isEqualTo(KeyId.carried(MatchKeyType.SURNAME_YOB));
    assertThat(police.id()).isNotEqualTo(council.id());
  }

  @Test
  void compressedPseudonymsOfEarlierReleasesMeetTodaysInTheFreshState() throws Exception {
    // re-linking retained topics after the upgrade: one partner's extract is from before 0.2
    LinkRecord police = only(run(extract(POLICE, 600, -1, true), 2)).upserts()[421];
    LinkRecord council = only(run(extract(COUNCIL, 600, -1, false), 2)).upserts()[421];
    assertThat(police.personKeys()[0]).startsWith("N").isEqualTo(council.personKeys()[0]);
    assertThat(police.addressKeys()).containsExactly(council.addressKeys());
  }

  @Test
  void anInvalidPointAnywhereRefusesTheChunkWithTheRuleAndNothingElse() throws Exception {
    var h = run(extract(POLICE, 2 * RekeyFunction.RUN + 5, RekeyFunction.RUN + 3), 3);
    LinkedExtract refused = only(h);
    assertThat(refused.refusal()).isEqualTo(RekeyFunction.INVALID_PSEUDONYM);
    assertThat(refused.size()).isZero();
    assertThat(refused.last()).isTrue();
    // the resolver quarantines the extract when its last chunk arrives, not this step
    assertThat(outcomes(h)).isEmpty();
    assertThat(h.getSideOutput(ExtractGate.INCIDENTS)).isNull();
  }

  @Test
  void aPartnerTheBundleDoesNotHoldIsRefusedNotACrash() throws Exception {
    var h = run(extract("thurrock-council", 10, -1), 2);
    assertThat(only(h).refusal()).isEqualTo("unknown-key-version");
  }

  private static List<ExtractOutcome> outcomes(
      OneInputStreamOperatorTestHarness<VerifiedExtract, LinkedExtract> h) {
    List<ExtractOutcome> out = new ArrayList<>();
    var q = h.getSideOutput(ExtractGate.OUTCOMES);
    if (q != null) {
      q.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }

  private static LinkedExtract only(
      OneInputStreamOperatorTestHarness<VerifiedExtract, LinkedExtract> h) {
    assertThat(h.extractOutputValues()).hasSize(1);
    return h.extractOutputValues().get(0);
  }

  private static OneInputStreamOperatorTestHarness<VerifiedExtract, LinkedExtract> run(
      VerifiedExtract e, int threads) throws Exception {
    var h =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(new RekeyFunction(trust.bundle(), 64, threads)));
    h.open();
    h.processElement(new StreamRecord<>(e));
    h.close();
    return h;
  }

  /**
   * Records with an NHS number, a surname and year of birth and a UPRN shared by three; the record
   * at {@code corrupt} (when not -1) carries a point that is not on the curve.
   */
  static VerifiedExtract extract(String partner, int n, int corrupt) {
    return extract(partner, n, corrupt, false);
  }

  static VerifiedExtract extract(String partner, int n, int corrupt, boolean compressed) {
    PartnerKey key = TestTrust.AUTHORITY.partnerKey(partner, 1);
    PartnerEvent[] records = new PartnerEvent[n];
    for (int i = 0; i < n; i++) {
      ByteArrayOutputStream keys = new ByteArrayOutputStream();
      add(
          keys,
          key,
          MatchKey.of(MatchKeyType.NHS_NUMBER, Long.toString(9990000000L + i)),
          compressed);
      add(
          keys,
          key,
          MatchKey.of(MatchKeyType.SURNAME_YOB, "SMITH|" + (1950 + i % 60) + "|F"),
          compressed);
      add(keys, key, MatchKey.of(MatchKeyType.UPRN, Long.toString(100000000L + i / 3)), compressed);
      byte[] k = keys.toByteArray();
      if (i == corrupt) {
        for (int j = 3; j < 2 + k[1]; j++) {
          k[j] = (byte) 0xff; // x >= p: no point
        }
      }
      records[i] =
          new PartnerEvent(
              PartnerEvent.Kind.RECORD,
              partner,
              "housing-benefits",
              partner + ".hb.1",
              i,
              "UPSERT",
              1,
              key.recordKey("housing-benefits", "case-" + i).key(),
              k,
              Map.of("band", Integer.toString(i % 5)),
              new byte[32],
              null,
              -1);
    }
    return VerifiedExtract.whole(
        new ExtractHeader(
            partner, "housing-benefits", partner + ".hb.1", "2026-Q1", "FULL", 1, n, 0),
        records);
  }

  /** One match key as {@link PartnerEvent#matchKeys} lays it out: type, length, point. */
  private static void add(
      ByteArrayOutputStream out, PartnerKey key, MatchKey k, boolean compressed) {
    byte[] point = key.pseudonymise(k).point();
    if (compressed) {
      point = CurvePoint.decode(point).encodeCompressed();
    }
    out.write(org.hearth.events.MatchKeyType.valueOf(k.type().name()).ordinal());
    out.write(point.length);
    out.writeBytes(point);
  }
}
