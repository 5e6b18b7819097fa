package org.hearth.synthetic;

import java.time.LocalDate;
import java.util.List;

/** One partner dataset: its columns, conventions and how its rows arise from the county. */
interface Dataset {
  /** How the partner's file is written. */
  enum Format {
    CSV_UTF8("csv"),
    CSV_UTF8_BOM("csv"),
    CSV_WINDOWS_1252("csv"),
    XLSX("xlsx");

    final String extension;

    Format(String extension) {
      this.extension = extension;
    }
  }

  record Column(String name, String meaning) {}

  /** Where a row goes, with the truth about whom it describes (-1 for no person). */
  interface Rows {
    void row(int person, int household, String... values);
  }

  /** What a dataset needs to know about the quarter being written. */
  record Quarter(int index, String label, LocalDate start, LocalDate end) {}

  String id();

  String description();

  List<Column> columns();

  /** Datasets kept by each district council are written once per district. */
  boolean perDistrict();

  String partner(Geography.District district);

  Format format(Geography.District district);

  void rows(County county, Quarter quarter, Geography.District district, Rows out);
}
