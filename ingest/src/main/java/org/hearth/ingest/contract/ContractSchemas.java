package org.hearth.ingest.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.hearth.events.DatasetSchemas;
import org.hearth.ingest.contract.DatasetContract.Field;
import org.hearth.ingest.contract.DatasetContract.Generalisation;
import org.hearth.ingest.contract.DatasetContract.Role;

/**
 * The typed Avro record a contract's attributes travel as: one optional field per attribute and per
 * generalised output the edge publishes, typed by the contract (yes-no as boolean, integer as long,
 * date as a date, the rest as strings). The built-in datasets' records are checked in to the events
 * module; a contract for one of them must derive a record the platform's can carry.
 */
public final class ContractSchemas {
  private ContractSchemas() {}

  /** The attributes record the contract's rows are published as. */
  public static Schema attributes(DatasetContract c) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Field f : c.fields()) {
      if (f.role() == Role.ATTRIBUTE) {
        fields.add(optional(f.outputName(), attributeType(f), "column " + f.column()));
      } else if ((f.role() == Role.IDENTIFIER || f.role() == Role.QUASI_IDENTIFIER)
          && f.generalise() == Generalisation.POSTCODE_GEOGRAPHY) {
        String out = f.outputName();
        String from = "generalised from column " + f.column();
        fields.add(optional(out + "_sector", string(), from + ": postcode sector"));
        fields.add(optional(out + "_ward", string(), from + ": ward code"));
        fields.add(optional(out + "_lsoa", string(), from + ": LSOA code"));
        fields.add(
            optional(
                out + "_no_fixed_abode",
                Schema.create(Schema.Type.BOOLEAN),
                from + ": a no-fixed-abode pseudo-postcode"));
      } else if ((f.role() == Role.IDENTIFIER || f.role() == Role.QUASI_IDENTIFIER)
          && f.generalise() == Generalisation.DATE_OF_BIRTH) {
        String out = f.outputName();
        String from = "generalised from column " + f.column();
        fields.add(optional(out + "_month", string(), from + ": year and month, yyyy-MM"));
        fields.add(
            optional(
                out.equals("birth") ? "age" : out + "_age",
                Schema.create(Schema.Type.LONG),
                from + ": age in years at the end of the extract period"));
      }
    }
    Schema s =
        Schema.createRecord(
            DatasetSchemas.attributesRecordName(c.dataset()),
            "Attributes of a " + c.dataset() + " record as the edge publishes them.",
            DatasetSchemas.NAMESPACE,
            false,
            fields);
    s.addProp(DatasetSchemas.DATASET_PROPERTY, c.dataset());
    return s;
  }

  /**
   * Why the contract's records cannot be published under the platform's schema for its dataset (an
   * output the platform's record lacks, or has with another type); empty when they can, or when the
   * platform has no schema for the dataset (its records then travel untyped).
   */
  public static Optional<String> unpublishable(DatasetContract c) {
    Optional<Schema> platform = DatasetSchemas.attributes(c.dataset());
    if (platform.isEmpty()) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    for (Schema.Field f : attributes(c).getFields()) {
      Schema.Field p = platform.get().getField(f.name());
      if (p == null) {
        problems.add("'" + f.name() + "' is not in it");
      } else if (!p.schema().equals(f.schema())) {
        problems.add("'" + f.name() + "' has another type there");
      }
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "the contract's outputs do not fit the platform's "
                + c.dataset()
                + " record: "
                + String.join(", ", problems));
  }

  private static Schema attributeType(Field f) {
    return switch (f.type()) {
      case YES_NO -> Schema.create(Schema.Type.BOOLEAN);
      case INTEGER -> Schema.create(Schema.Type.LONG);
      case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      default -> string();
    };
  }

  private static Schema string() {
    return Schema.create(Schema.Type.STRING);
  }

  private static Schema.Field optional(String name, Schema type, String doc) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "output name '" + name + "' cannot be an Avro field name: give the field an 'as'");
    }
    return new Schema.Field(
        name,
        Schema.createUnion(Schema.create(Schema.Type.NULL), type),
        doc,
        JsonProperties.NULL_VALUE);
  }
}
