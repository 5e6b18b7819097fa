package org.hearth.analytics.features;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes a {@link FeatureSet} as CSV or Parquet with a data dictionary beside it, and reads such a
 * pair back. The dictionary (CSV: column, type, role, description) is what tells a reader which
 * columns are ids, which are features and which is the label.
 */
public final class FeatureExport {
  private static final String PROJECT_METADATA = "hearth.project";

  private FeatureExport() {}

  public enum Format {
    CSV("csv"),
    PARQUET("parquet");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }

    public static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      for (Format f : values()) {
        if (name.endsWith("." + f.extension)) {
          return f;
        }
      }
      throw new IllegalArgumentException(
          "cannot tell the format of " + file.getFileName() + ": expected .csv or .parquet");
    }
  }

  /** The dictionary written beside a feature file: features.parquet -> features.dictionary.csv. */
  public static Path dictionaryOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".dictionary.csv");
  }

  /** Writes the rows and the dictionary; returns the dictionary's path. */
  public static Path write(FeatureSet set, Path file, Format format) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    switch (format) {
      case CSV -> writeCsv(set, file);
      case PARQUET -> writeParquet(set, file);
    }
    Path dictionary = dictionaryOf(file);
    try (CsvWriter w = csv(dictionary)) {
      w.writeRecord("project", "column", "type", "role", "description");
      for (FeatureSet.Column c : set.columns()) {
        w.writeRecord(
            set.project(),
            c.name(),
            c.type().name().toLowerCase(Locale.ROOT),
            c.role().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            c.description());
      }
    }
    return dictionary;
  }

  private static CsvWriter csv(Path file) throws IOException {
    return CsvWriter.builder()
        .lineDelimiter(LineDelimiter.CRLF)
        .build(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  private static void writeCsv(FeatureSet set, Path file) throws IOException {
    try (CsvWriter w = csv(file)) {
      w.writeRecord(set.columns().stream().map(FeatureSet.Column::name).toList());
      List<String> values = new ArrayList<>(set.columns().size());
      for (Object[] row : set.rows()) {
        values.clear();
        for (Object v : row) {
          values.add(v == null ? "" : v.toString());
        }
        w.writeRecord(values);
      }
    }
  }

  private static Schema avroSchema(FeatureSet set) {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record("Features").namespace("org.hearth.features").fields();
    for (FeatureSet.Column c : set.columns()) {
      fields =
          switch (c.type()) {
            case STRING ->
                fields.name(c.name()).doc(c.description()).type().optional().stringType();
            case BOOLEAN ->
                fields.name(c.name()).doc(c.description()).type().booleanType().noDefault();
          };
    }
    return fields.endRecord();
  }

  private static void writeParquet(FeatureSet set, Path file) throws IOException {
    Schema schema = avroSchema(set);
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withSchema(schema)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withExtraMetaData(Map.of(PROJECT_METADATA, set.project()))
            .build()) {
      for (Object[] row : set.rows()) {
        GenericRecord r = new GenericData.Record(schema);
        for (int i = 0; i < row.length; i++) {
          r.put(i, row[i]);
        }
        w.write(r);
      }
    }
  }

  /** Reads a feature file and its dictionary back into a feature set. */
  public static FeatureSet read(Path file) throws IOException {
    Path dictionary = dictionaryOf(file);
    if (!Files.isRegularFile(dictionary)) {
      throw new IOException("no data dictionary " + dictionary.getFileName() + " beside " + file);
    }
    String project = null;
    List<FeatureSet.Column> columns = new ArrayList<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(dictionary)) {
      boolean header = true;
      for (CsvRecord rec : r) {
        if (header) {
          header = false;
          continue;
        }
        project = rec.getField(0);
        columns.add(
            new FeatureSet.Column(
                rec.getField(1),
                FeatureSet.Type.valueOf(rec.getField(2).toUpperCase(Locale.ROOT)),
                FeatureSet.Role.valueOf(rec.getField(3).toUpperCase(Locale.ROOT).replace('-', '_')),
                rec.getField(4)));
      }
    }
    List<Object[]> rows =
        switch (Format.of(file)) {
          case CSV -> readCsv(file, columns);
          case PARQUET -> readParquet(file, columns);
        };
    return new FeatureSet(project, columns, rows);
  }

  private static List<Object[]> readCsv(Path file, List<FeatureSet.Column> columns)
      throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(file)) {
      boolean header = true;
      for (CsvRecord rec : r) {
        if (header) {
          header = false;
          for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).name().equals(rec.getField(i))) {
              throw new IOException(
                  file.getFileName() + ": column " + (i + 1) + " is not " + columns.get(i).name());
            }
          }
          continue;
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          String v = rec.getField(i);
          row[i] =
              columns.get(i).type() == FeatureSet.Type.BOOLEAN
                  ? (Object) Boolean.parseBoolean(v)
                  : (v.isEmpty() ? null : v);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<Object[]> readParquet(Path file, List<FeatureSet.Column> columns)
      throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> r =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
      for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          Object v = rec.get(columns.get(i).name());
          row[i] = v instanceof CharSequence cs ? cs.toString() : v;
        }
        rows.add(row);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return rows;
  }
}
