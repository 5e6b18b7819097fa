package org.hearth.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The typed records partner datasets travel as. Each built-in dataset's attributes are a record of
 * their own (checked in under {@code src/main/avro/datasets}, derived from the dataset's contract);
 * on the wire it sits in the {@link PartnerRecord} envelope in place of the untyped attribute map.
 * A dataset without a schema here travels in the envelope as it is.
 */
public final class DatasetSchemas {
  /** Namespace of the per-dataset records. */
  public static final String NAMESPACE = "org.hearth.events.datasets";

  /** Schema property naming the dataset an attributes record belongs to. */
  public static final String DATASET_PROPERTY = "hearth.dataset";

  /**
   * Every built-in dataset's attributes record, read from the checked-in schema as written (the
   * generated classes' copies carry Java-only properties); a test checks each still fits its
   * contract.
   */
  private static final List<String> BUILT_IN =
      List.of(
          "ChildrensSocialCareAttributes",
          "DaHomelessnessAttributes",
          "DrugAlcoholTreatmentAttributes",
          "HousingBenefitsAttributes",
          "PoliceIncidentsAttributes",
          "SchoolReadinessAttributes",
          "SupportingFamiliesAttributes",
          "SupportingFamiliesClaimsAttributes",
          "YouthOffendingAttributes");

  private static final Map<String, Schema> ATTRIBUTES = new HashMap<>();
  private static final Map<String, Schema> RECORDS = new HashMap<>();
  private static final Map<Long, Schema> BY_FINGERPRINT = new HashMap<>();

  static {
    for (String name : BUILT_IN) {
      Schema a = load(name);
      String dataset = a.getProp(DATASET_PROPERTY);
      Schema r = record(a);
      ATTRIBUTES.put(dataset, a);
      RECORDS.put(dataset, r);
      BY_FINGERPRINT.put(SchemaNormalization.parsingFingerprint64(r), r);
    }
  }

  private DatasetSchemas() {}

  private static Schema load(String name) {
    try (InputStream in =
        DatasetSchemas.class.getResourceAsStream("/org/hearth/events/datasets/" + name + ".avsc")) {
      if (in == null) {
        throw new IllegalStateException("the built-in schema " + name + " is not on the classpath");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the built-in schema " + name, e);
    }
  }

  /** The name of a dataset's attributes record: school-readiness is SchoolReadinessAttributes. */
  public static String attributesRecordName(String dataset) {
    StringBuilder b = new StringBuilder();
    for (String part : dataset.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    if (b.length() == 0 || !Character.isLetter(b.charAt(0))) {
      b.insert(0, "Dataset");
    }
    return b.append("Attributes").toString();
  }

  /** Datasets with a typed record. */
  public static List<String> datasets() {
    List<String> out = new ArrayList<>(ATTRIBUTES.keySet());
    Collections.sort(out);
    return out;
  }

  /** The dataset's attributes record, if the platform has one. */
  public static Optional<Schema> attributes(String dataset) {
    return Optional.ofNullable(ATTRIBUTES.get(dataset));
  }

  /** The dataset's whole record (envelope and typed attributes), if the platform has one. */
  public static Optional<Schema> record(String dataset) {
    return Optional.ofNullable(RECORDS.get(dataset));
  }

  /** The whole record a fingerprint names, if it is one of the datasets' typed records. */
  static Optional<Schema> byFingerprint(long fingerprint) {
    return Optional.ofNullable(BY_FINGERPRINT.get(fingerprint));
  }

  /** The envelope with the typed attributes record in place of the attribute map. */
  public static Schema record(Schema attributes) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : PartnerRecord.getClassSchema().getFields()) {
      if (f.name().equals("attributes")) {
        fields.add(
            new Schema.Field(
                "attributes", attributes, "generalised quasi-identifiers and attributes, typed"));
      } else {
        fields.add(new Schema.Field(f, f.schema()));
      }
    }
    String name = attributes.getName().replaceAll("Attributes$", "") + "Record";
    Schema r =
        Schema.createRecord(
            name,
            "One " + attributes.getProp(DATASET_PROPERTY) + " record as it leaves the partner.",
            NAMESPACE,
            false,
            fields);
    r.addProp(DATASET_PROPERTY, attributes.getProp(DATASET_PROPERTY));
    return r;
  }
}
