package org.hearth.events;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Between the envelope's attribute strings (what the edge validates and the platform stores) and a
 * dataset's typed record. Yes-no values are {@code Y}/{@code N} as strings and booleans typed;
 * dates ISO strings and Avro dates; integers decimal strings and longs. The round trip gives back
 * the same strings.
 */
final class TypedAttributes {
  private TypedAttributes() {}

  /** The record as its dataset's typed record. */
  static GenericRecord typed(PartnerRecord r, Schema record) {
    Schema attributes = record.getField("attributes").schema();
    GenericRecord a = new GenericData.Record(attributes);
    for (var e : r.getAttributes().entrySet()) {
      Schema.Field f = attributes.getField(e.getKey());
      if (f == null) {
        throw new IllegalArgumentException(
            "attribute '"
                + e.getKey()
                + "' is not in the "
                + record.getProp(DatasetSchemas.DATASET_PROPERTY)
                + " record");
      }
      a.put(f.pos(), value(f, e.getValue(), record));
    }
    GenericRecord out = new GenericData.Record(record);
    for (Schema.Field f : record.getFields()) {
      out.put(f.pos(), f.name().equals("attributes") ? a : r.get(f.name()));
    }
    return out;
  }

  /** The typed record as the envelope, its attributes as the strings they were. */
  static PartnerRecord envelope(GenericRecord g) {
    Map<String, String> attributes = new LinkedHashMap<>();
    GenericRecord a = (GenericRecord) g.get("attributes");
    for (Schema.Field f : a.getSchema().getFields()) {
      Object v = a.get(f.pos());
      if (v != null) {
        attributes.put(f.name(), string(type(f), v));
      }
    }
    List<MatchKeyPseudonym> keys = new ArrayList<>();
    for (Object k : (List<?>) g.get("matchKeys")) {
      GenericRecord m = (GenericRecord) k;
      keys.add(
          new MatchKeyPseudonym(
              MatchKeyType.valueOf(m.get("type").toString()),
              (java.nio.ByteBuffer) m.get("pseudonym")));
    }
    return PartnerRecord.newBuilder()
        .setPartner(g.get("partner").toString())
        .setDataset(g.get("dataset").toString())
        .setExtractId(g.get("extractId").toString())
        .setSequence((Long) g.get("sequence"))
        .setOperation(Operation.valueOf(g.get("operation").toString()))
        .setRecordKey((java.nio.ByteBuffer) g.get("recordKey"))
        .setKeyVersion((Integer) g.get("keyVersion"))
        .setMatchKeys(keys)
        .setAttributes(attributes)
        .build();
  }

  private static Object value(Schema.Field f, String s, Schema record) {
    Schema t = type(f);
    try {
      return switch (t.getType()) {
        case BOOLEAN -> {
          if (!s.equals("Y") && !s.equals("N")) {
            throw new IllegalArgumentException();
          }
          yield s.equals("Y");
        }
        case LONG -> Long.parseLong(s);
        case INT -> {
          if (!(t.getLogicalType() instanceof LogicalTypes.Date)) {
            yield Integer.parseInt(s);
          }
          yield (int) LocalDate.parse(s).toEpochDay();
        }
        default -> s;
      };
    } catch (IllegalArgumentException | DateTimeParseException x) {
      throw new IllegalArgumentException(
          "attribute '"
              + f.name()
              + "' of the "
              + record.getProp(DatasetSchemas.DATASET_PROPERTY)
              + " record must be "
              + describe(t));
    }
  }

  private static String string(Schema t, Object v) {
    return switch (t.getType()) {
      case BOOLEAN -> (Boolean) v ? "Y" : "N";
      case INT ->
          t.getLogicalType() instanceof LogicalTypes.Date
              ? LocalDate.ofEpochDay((Integer) v).toString()
              : v.toString();
      default -> v.toString();
    };
  }

  private static String describe(Schema t) {
    return switch (t.getType()) {
      case BOOLEAN -> "Y or N";
      case LONG, INT ->
          t.getLogicalType() instanceof LogicalTypes.Date ? "a date (yyyy-MM-dd)" : "an integer";
      default -> "text";
    };
  }

  /** The field's type without its null branch. */
  private static Schema type(Schema.Field f) {
    Schema s = f.schema();
    if (s.getType() == Schema.Type.UNION) {
      for (Schema b : s.getTypes()) {
        if (b.getType() != Schema.Type.NULL) {
          return b;
        }
      }
    }
    return s;
  }
}
