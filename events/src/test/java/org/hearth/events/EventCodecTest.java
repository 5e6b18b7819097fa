package org.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/** Records of a dataset with a typed record travel as it; others in the envelope. */
class EventCodecTest {
  static PartnerRecord record(String dataset, Map<String, String> attributes) {
    return PartnerRecord.newBuilder()
        .setPartner("basildon-council")
        .setDataset(dataset)
        .setExtractId("x1")
        .setSequence(7)
        .setOperation(Operation.UPSERT)
        .setRecordKey(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setKeyVersion(2)
        .setMatchKeys(
            List.of(new MatchKeyPseudonym(MatchKeyType.UPRN, ByteBuffer.wrap(new byte[33]))))
        .setAttributes(attributes)
        .build();
  }

  static final Map<String, String> SCHOOL =
      Map.of(
          "free_school_meals", "Y",
          "age", "5",
          "birth_month", "2020-09",
          "ethnicity", "WBRI",
          "assessment_date", "2026-03-31");

  @Test
  void aBuiltInDatasetTravelsAsItsTypedRecordAndComesBackAsTheSameStrings() throws IOException {
    assertThat(DatasetSchemas.attributes("school-readiness")).isPresent();
    Map<String, String> attributes = new java.util.HashMap<>(SCHOOL);
    attributes.keySet().retainAll(fields("school-readiness"));
    PartnerRecord r = record("school-readiness", attributes);
    byte[] typed = EventCodec.encode(r);

    assertThat(fingerprint(typed))
        .isEqualTo(
            SchemaNormalization.parsingFingerprint64(
                DatasetSchemas.record("school-readiness").get()))
        .isNotEqualTo(SchemaNormalization.parsingFingerprint64(PartnerRecord.getClassSchema()));
    assertThat(EventCodec.decodeRecord(typed)).isEqualTo(r);
    // typed values are not their strings on the wire: a boolean is one byte, not "Y"
    assertThat(typed.length).isLessThan(bytes(r).length);
    assertThat(EventCodec.recordSchemaFingerprint("school-readiness"))
        .isEqualTo(String.format("%016x", fingerprint(typed)));
  }

  @Test
  void datesRoundTripThroughTheDateType() throws IOException {
    PartnerRecord r =
        record("supporting-families", Map.of("date_closed", "2025-06-30", "age", "41"));
    assertThat(
            DatasetSchemas.attributes("supporting-families")
                .get()
                .getField("date_closed")
                .schema()
                .getTypes()
                .get(1)
                .getLogicalType()
                .getName())
        .isEqualTo("date");
    assertThat(EventCodec.decodeRecord(EventCodec.encode(r)).getAttributes())
        .isEqualTo(r.getAttributes());
  }

  @Test
  void aDatasetWithoutATypedRecordTravelsInTheEnvelope() throws IOException {
    PartnerRecord r = record("subject-requests", Map.of("request", "restrict"));
    byte[] envelope = EventCodec.encode(r);
    assertThat(fingerprint(envelope))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(PartnerRecord.getClassSchema()));
    assertThat(EventCodec.decodeRecord(envelope)).isEqualTo(r);
  }

  @Test
  void anAttributeTheRecordDoesNotHaveOrAValueOfTheWrongTypeIsRefusedByName() {
    assertThatThrownBy(
            () -> EventCodec.encode(record("school-readiness", Map.of("shoe_size", "4"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'shoe_size'")
        .hasMessageContaining("school-readiness");
    assertThatThrownBy(
            () ->
                EventCodec.encode(
                    record("school-readiness", Map.of("free_school_meals", "sometimes"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'free_school_meals'")
        .hasMessageContaining("Y or N")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sometimes"));
  }

  @Test
  void aManifestWrittenWithTheReleasedSchemaDecodesWithoutAPlaceInItsDataset() throws IOException {
    org.apache.avro.Schema released;
    try (var in = getClass().getResourceAsStream("/released/ExtractManifest.avsc")) {
      released = new org.apache.avro.Schema.Parser().parse(in);
    }
    assertThat(released.getField("sequence")).isNull();
    var old = new org.apache.avro.generic.GenericData.Record(released);
    old.put("partner", "basildon-council");
    old.put("dataset", "housing-benefits");
    old.put("extractId", "x1");
    old.put("period", "2026-Q1");
    old.put(
        "mode",
        new org.apache.avro.generic.GenericData.EnumSymbol(
            released.getField("mode").schema(), "FULL"));
    old.put("recordCount", 3L);
    old.put("contentDigest", ByteBuffer.wrap(new byte[32]));
    old.put("schemaFingerprint", "abcd");
    old.put("keyVersion", 1);
    old.put("signature", ByteBuffer.wrap(new byte[64]));
    byte[] bytes =
        new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), released)
            .encode(old)
            .array();
    ExtractManifest m = EventCodec.decodeManifest(bytes);
    assertThat(m.getExtractId()).isEqualTo("x1");
    assertThat(m.getSequence()).isZero();
    assertThat(m.getReplaces()).isEmpty();
    assertThat(m.getConfirmShrink()).isFalse();
  }

  @Test
  void aValueOfAnUnknownSchemaIsAnErrorNotAGuess() {
    byte[] v = EventCodec.encode(record("school-readiness", Map.of()));
    v[5] ^= 0x5a;
    assertThatThrownBy(() -> EventCodec.decodeRecord(v))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown record schema");
  }

  private static List<String> fields(String dataset) {
    return DatasetSchemas.attributes(dataset).get().getFields().stream()
        .map(org.apache.avro.Schema.Field::name)
        .toList();
  }

  private static byte[] bytes(PartnerRecord r) throws IOException {
    ByteBuffer b = r.toByteBuffer();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static long fingerprint(byte[] value) {
    return ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
