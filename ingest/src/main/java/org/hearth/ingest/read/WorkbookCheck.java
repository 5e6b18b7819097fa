package org.hearth.ingest.read;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.hearth.ingest.read.ExtractReader.ExtractFileException;

/**
 * Reads an .xlsx file once, in bounded memory, before fastexcel-reader is allowed near it, and
 * refuses it with one line when it is not a workbook that reader can read in bounded memory.
 *
 * <p>fastexcel-reader keeps every shared string it has read, builds each cell's text and each row
 * whole, sizes a row by its last cell's column, and trusts the zip: one 300 MiB string, a cell
 * reference past column XFD or a shared-string index past the table's end is an {@code
 * OutOfMemoryError}. This check walks the parts that reader will read (content types, workbook, its
 * relationships, the shared strings and the first sheet) with Woodstox, whose limits bound every
 * text node and attribute, counts what the reader would hold, and stops at the first limit, so a
 * bomb is refused after a few megabytes, not after it has been expanded. An OLE2 file (an encrypted
 * workbook, or Excel 97-2003) and anything that is not a zip are told apart by their first bytes.
 */
final class WorkbookCheck {

  /** What may be read; the defaults are Excel's own limits where it has one. */
  record Limits(
      int maxCellChars,
      int maxFormulaChars,
      long maxRowChars,
      long maxSharedStringsBytes,
      long maxStoredFormulaChars,
      long maxExpandedBytes,
      long bombFloorBytes,
      int maxRatio,
      int maxEntries,
      int maxRun) {
    static final Limits DEFAULT =
        new Limits(
            32_767, // characters in a cell (Excel's limit)
            8_192, // characters in a formula (Excel's limit)
            4L << 20, // characters of cell text in one row
            256L << 20, // estimated heap for the shared strings table
            16L << 20, // characters of shared and array formulas the reader keeps
            2L << 30, // bytes of XML expanded from the parts read
            16L << 20, // bytes a part may expand before its compression ratio is judged
            200, // expansion ratio beyond which a part is a zip bomb
            10_000, // zip entries
            1 << 20); // bytes without a break (a name, a token): XML parsers buffer them whole
  }

  /** What the check learnt on the way. */
  record Result(List<String> sheetNames, int mergedRanges) {}

  static final int MAX_COLUMN = 16_384; // XFD
  static final int MAX_ROW = 1_048_576;
  private static final String REL_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final byte[] OLE2 = {
    (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
  };
  private static final XMLInputFactory XML = factory();
  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");
  private static final java.util.regex.Pattern CELL =
      java.util.regex.Pattern.compile("\\$?([A-Za-z]{1,3})\\$?(\\d{1,7})");
  static final String ENCRYPTED =
      "is a password-protected (encrypted) workbook, which cannot be read: save it without a"
          + " password (File > Info > Protect Workbook > Encrypt with Password, cleared) and"
          + " publish that";

  /** The OLE2 compound file signature: Excel 97-2003, or an encrypted workbook of any age. */
  static boolean isOle2(byte[] head) {
    return head.length >= 8 && java.util.Arrays.equals(head, 0, 8, OLE2, 0, 8);
  }

  private final Path file;
  private final Limits limits;
  private long expanded;

  private WorkbookCheck(Path file, Limits limits) {
    this.file = file;
    this.limits = limits;
  }

  static Result check(Path file) throws IOException {
    return check(file, Limits.DEFAULT);
  }

  static Result check(Path file, Limits limits) throws IOException {
    return new WorkbookCheck(file, limits).run();
  }

  private Result run() throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(8);
    }
    if (head.length == 0) {
      throw refuse("is empty: there is no workbook in it");
    }
    if (isOle2(head)) {
      throw refuse(
          encrypted(file)
              ? ENCRYPTED
              : "is an Excel 97-2003 workbook under an .xlsx name: save it as .xlsx or CSV UTF-8");
    }
    if (head.length < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
      throw refuse(
          looksLikeText(file)
              ? "is not an .xlsx workbook but a text file (a CSV file?): name it .csv"
              : "is not an .xlsx workbook (it does not start as one): save it from Excel as"
                  + " .xlsx");
    }
    ZipFile zip;
    try {
      zip = ZipFile.builder().setFile(file.toFile()).get();
    } catch (IOException | RuntimeException e) {
      throw refuse(
          "is damaged: its zip structure is incomplete or broken (a truncated copy or"
              + " download?): copy or save it again from Excel");
    }
    try (zip) {
      return inspect(zip);
    }
  }

  private Result inspect(ZipFile zip) throws IOException {
    int entries = 0;
    for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); e.nextElement()) {
      if (++entries > limits.maxEntries) {
        throw refuse("has more than " + limits.maxEntries + " parts, far more than a workbook has");
      }
    }
    ZipArchiveEntry types = entry(zip, "[Content_Types].xml");
    if (types == null) {
      throw refuse(
          entry(zip, "mimetype") != null
              ? "is an OpenDocument file, not an .xlsx workbook: save it as .xlsx or CSV UTF-8"
              : "is a zip archive but not an .xlsx workbook (it has no [Content_Types].xml)");
    }
    Map<String, String> parts = new HashMap<>();
    scan(
        zip,
        types,
        r -> {
          if ("Override".equals(r.getLocalName())) {
            String type = r.getAttributeValue(null, "ContentType");
            String name = r.getAttributeValue(null, "PartName");
            if (type != null && name != null) {
              parts.putIfAbsent(type, name);
            }
          }
        },
        null);
    if (parts.keySet().stream().anyMatch(t -> t.contains("sheet.binary"))) {
      throw refuse("is a binary workbook (.xlsb), not .xlsx: save it as .xlsx or CSV UTF-8");
    }
    String workbookName =
        parts.getOrDefault(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            parts.getOrDefault(
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "/xl/workbook.xml"));
    ZipArchiveEntry workbook = entry(zip, workbookName);
    if (workbook == null) {
      throw refuse(
          "is a zip archive but not an Excel workbook (it has no workbook part): save it from"
              + " Excel as .xlsx");
    }
    String relsName = workbookName.replaceFirst("^(.*/)([^/]+)$", "$1_rels/$2.rels");
    ZipArchiveEntry rels = entry(zip, relsName);
    if (rels == null) {
      throw refuse("is damaged: the workbook's list of parts (" + relsName + ") is missing");
    }
    String folder = relsName.substring(0, relsName.indexOf("_rel"));
    Map<String, String> targets = new HashMap<>();
    scan(
        zip,
        rels,
        r -> {
          if ("Relationship".equals(r.getLocalName())) {
            String id = r.getAttributeValue(null, "Id");
            String target = r.getAttributeValue(null, "Target");
            if (id != null && target != null) {
              targets.put(id, target.startsWith("/") ? target : folder + target);
            }
          }
        },
        null);
    List<String> sheetNames = new ArrayList<>();
    List<String> sheetIds = new ArrayList<>();
    scan(
        zip,
        workbook,
        r -> {
          if ("sheet".equals(r.getLocalName())) {
            String name = r.getAttributeValue(null, "name");
            sheetNames.add(name == null ? "" : name);
            sheetIds.add(r.getAttributeValue(REL_NS, "id"));
          }
        },
        null);
    if (sheetNames.isEmpty()) {
      throw refuse("has no sheets");
    }
    String firstSheet = sheetIds.get(0) == null ? null : targets.get(sheetIds.get(0));
    ZipArchiveEntry sheet = firstSheet == null ? null : entry(zip, firstSheet);
    if (sheet == null) {
      throw refuse("is damaged: its first sheet's part is missing");
    }
    String sharedName =
        parts.get("application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
    ZipArchiveEntry shared = sharedName == null ? null : entry(zip, sharedName);
    SharedStrings sst = new SharedStrings();
    if (shared != null) {
      scan(zip, shared, sst::start, sst);
    }
    SheetCells cells = new SheetCells();
    scan(zip, sheet, cells::start, cells);
    if (cells.maxSharedIndex >= sst.count) {
      throw refuse(
          "is damaged: its first sheet refers to shared string "
              + (cells.maxSharedIndex + 1)
              + " but the workbook has "
              + (shared == null ? "no shared strings table" : "only " + sst.count));
    }
    return new Result(List.copyOf(sheetNames), cells.merged);
  }

  /** Receives each start element of a part. */
  private interface Starts {
    void start(XMLStreamReader r) throws ExtractFileException;
  }

  /** Receives text and end elements, for the parts whose text the reader keeps. */
  private interface Texts {
    void text(int length) throws ExtractFileException;

    void end(String localName) throws ExtractFileException;
  }

  /** The shared strings table as fastexcel-reader keeps it: each string and the list of them. */
  private final class SharedStrings implements Texts {
    int count;
    private long current = -1; // characters of the open <si>, or -1 outside one
    private int phonetic; // depth inside <rPh>, whose text the reader skips
    private long bytes;

    void start(XMLStreamReader r) {
      switch (r.getLocalName()) {
        case "si" -> current = 0;
        case "rPh" -> phonetic++;
        default -> {}
      }
    }

    @Override
    public void text(int length) throws ExtractFileException {
      if (current < 0 || phonetic > 0) {
        return;
      }
      current += length;
      if (current > limits.maxCellChars) {
        throw refuse(
            "has a text of more than "
                + limits.maxCellChars
                + " characters (string "
                + (count + 1)
                + " of its shared strings), more than Excel allows in a cell: it is damaged or"
                + " was not written by Excel");
      }
    }

    @Override
    public void end(String name) throws ExtractFileException {
      if ("rPh".equals(name)) {
        phonetic--;
      } else if ("si".equals(name) && current >= 0) {
        count++;
        // a String and its slot in the reader's list, at two bytes a character
        bytes += 64 + 2 * current;
        current = -1;
        if (bytes > limits.maxSharedStringsBytes) {
          throw refuse(
              "has more shared text than can be read in bounded memory (over "
                  + size(limits.maxSharedStringsBytes)
                  + "): save the sheet as CSV UTF-8 and publish that");
        }
      }
    }
  }

  /** The first sheet's cells and rows, as fastexcel-reader builds them. */
  private final class SheetCells implements Texts {
    long maxSharedIndex = -1;
    int merged;
    private String cellRef; // the open <c>'s reference, or null outside one
    private String cellType;
    private long rowNumber;
    private int cellsInRow;
    private long rowChars;
    private long value; // characters of the open cell's value
    private long formula = -1; // characters of its open <f>, or -1 outside one
    private boolean keptFormula; // a shared or array formula the reader keeps for later cells
    private long keptFormulas;
    private boolean inCell;
    private boolean inV;
    private final StringBuilder index = new StringBuilder();

    void start(XMLStreamReader r) throws ExtractFileException {
      switch (r.getLocalName()) {
        case "row" -> {
          String n = r.getAttributeValue(null, "r");
          rowNumber = n == null ? rowNumber + 1 : rowNumber(n);
          cellsInRow = 0;
          rowChars = 0;
        }
        case "c" -> {
          inCell = true;
          cellRef = r.getAttributeValue(null, "r");
          if (cellRef != null) {
            checkReference(cellRef);
          }
          if (++cellsInRow > MAX_COLUMN) {
            throw refuse(
                "has more than "
                    + MAX_COLUMN
                    + " cells in row "
                    + rowNumber
                    + ", more than Excel's columns: it is damaged or was not written by Excel");
          }
          cellType = r.getAttributeValue(null, "t");
          checkType(cellType);
          value = 0;
        }
        case "v" -> {
          inV = true;
          index.setLength(0);
        }
        case "f" -> {
          formula = 0;
          keptFormula = r.getAttributeValue(null, "ref") != null;
        }
        case "mergeCell" -> merged++;
        default -> {}
      }
    }

    @Override
    public void text(int length) throws ExtractFileException {
      if (!inCell) {
        return; // between cells: the reader skips it unread
      }
      rowChars += length;
      if (rowChars > limits.maxRowChars) {
        throw refuse(
            "has more than "
                + limits.maxRowChars
                + " characters in row "
                + rowNumber
                + ": it is damaged or was not written by Excel");
      }
      if (formula >= 0) {
        formula += length;
        if (formula > limits.maxFormulaChars) {
          throw refuse(
              "has a formula of more than "
                  + limits.maxFormulaChars
                  + " characters in "
                  + where()
                  + ", more than Excel allows: it is damaged or was not written by Excel");
        }
        if (keptFormula && (keptFormulas += length) > limits.maxStoredFormulaChars) {
          throw refuse(
              "has more shared formulas than can be read in bounded memory: save the sheet as"
                  + " CSV UTF-8 and publish that");
        }
        return;
      }
      value += length;
      if (value > limits.maxCellChars) {
        throw refuse(
            "has more than "
                + limits.maxCellChars
                + " characters in "
                + where()
                + ", more than Excel allows in a cell: it is damaged or was not written by"
                + " Excel");
      }
    }

    /** Receives the text of a shared-string cell's value: its index into the table. */
    void indexText(XMLStreamReader r) {
      if (inV && "s".equals(cellType) && index.length() < 16) {
        index.append(r.getTextCharacters(), r.getTextStart(), Math.min(16, r.getTextLength()));
      }
    }

    @Override
    public void end(String name) throws ExtractFileException {
      switch (name) {
        case "v" -> {
          inV = false;
          if ("s".equals(cellType)) {
            String i = index.toString().strip();
            if (!DIGITS.matcher(i).matches() || i.length() > 10) {
              throw refuse(
                  "is damaged: "
                      + where()
                      + " refers to a shared string by something that is not a number");
            }
            maxSharedIndex = Math.max(maxSharedIndex, Long.parseLong(i));
          }
        }
        case "f" -> formula = -1;
        case "c" -> {
          inCell = false;
          cellRef = null;
        }
        default -> {}
      }
    }

    private String where() {
      return cellRef != null ? "cell " + cellRef : "a cell of row " + rowNumber;
    }

    private long rowNumber(String n) throws ExtractFileException {
      if (!DIGITS.matcher(n).matches()
          || n.length() > 7
          || Long.parseLong(n) < 1
          || Long.parseLong(n) > MAX_ROW) {
        throw refuse(
            "is damaged: a row number after row "
                + rowNumber
                + " is not one Excel has (1 to "
                + MAX_ROW
                + ")");
      }
      return Long.parseLong(n);
    }

    /** fastexcel-reader sizes each row by its last cell's column: a column past XFD is refused. */
    private void checkReference(String ref) throws ExtractFileException {
      java.util.regex.Matcher m = CELL.matcher(ref);
      if (!m.matches()) {
        throw refuse(
            "is damaged: a cell of row "
                + rowNumber
                + " has a reference that is not a cell address");
      }
      int column = 0;
      for (char ch : m.group(1).toUpperCase(Locale.ROOT).toCharArray()) {
        column = column * 26 + (ch - 'A' + 1);
      }
      long row = Long.parseLong(m.group(2));
      if (column > MAX_COLUMN || row < 1 || row > MAX_ROW) {
        throw refuse(
            "refers to a cell ("
                + ref
                + ") beyond the last one Excel has (XFD"
                + MAX_ROW
                + "): it is damaged or was not written by Excel");
      }
    }

    private void checkType(String t) throws ExtractFileException {
      if (t == null) {
        return;
      }
      switch (t) {
        case "b", "e", "n", "s", "str", "inlineStr" -> {}
        case "d" ->
            throw refuse(
                "has a cell ("
                    + where()
                    + ") stored as an ISO 8601 date, which this reader cannot read: save the"
                    + " workbook from Excel as .xlsx, or as CSV UTF-8");
        default -> throw refuse("is damaged: " + where() + " has a cell type Excel does not write");
      }
    }
  }

  /**
   * Streams one part through Woodstox: every start element to {@code starts}, text lengths and end
   * elements to {@code texts}. Refuses a DTD (Excel never writes one; it is how entity expansion
   * and external entities get in), and turns every failure into one line naming the part.
   */
  private void scan(ZipFile zip, ZipArchiveEntry entry, Starts starts, Texts texts)
      throws ExtractFileException {
    String part = printable(entry.getName());
    try (InputStream raw = zip.getInputStream(entry);
        Guarded in = new Guarded(raw, part)) {
      XMLStreamReader r = XML.createXMLStreamReader(in);
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.DTD ->
              throw refuse(
                  "has a document type declaration (DTD) in its part "
                      + part
                      + ", which Excel never writes and this reader never expands: it was not"
                      + " written by Excel");
          case XMLStreamConstants.START_ELEMENT -> starts.start(r);
          case XMLStreamConstants.END_ELEMENT -> {
            if (texts != null) {
              texts.end(r.getLocalName());
            }
          }
          case XMLStreamConstants.CHARACTERS,
              XMLStreamConstants.CDATA,
              XMLStreamConstants.SPACE -> {
            if (texts != null) {
              if (texts instanceof SheetCells s) {
                s.indexText(r);
              }
              texts.text(r.getTextLength());
            }
          }
          default -> {}
        }
      }
      r.close();
    } catch (ExtractFileException e) {
      throw e;
    } catch (UnsupportedZipFeatureException e) {
      throw refuse(
          "has a part ("
              + part
              + ") stored in a way this reader cannot open (zip encryption or an unusual"
              + " compression method): save it again from Excel as .xlsx");
    } catch (IOException | XMLStreamException | RuntimeException e) {
      throw classify(e, part);
    }
  }

  /** What went wrong with a part, in words of our own: parser messages can quote the file. */
  private ExtractFileException classify(Exception e, String part) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Refused r) {
        return refuse(r.getMessage());
      }
      if (t instanceof ExtractFileException x) {
        return x;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ZipException
          || t instanceof DataFormatException
          || t instanceof EOFException
          || t instanceof UnsupportedZipFeatureException) {
        return refuse(
            "is damaged: its part "
                + part
                + " cannot be decompressed (a corrupt or truncated copy?): copy or save it again"
                + " from Excel");
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof XMLStreamException x) {
        String m = x.getMessage() == null ? "" : x.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("limit")) {
          return refuse(
              "has XML in its part "
                  + part
                  + " beyond this reader's limits (an element, attribute or text far larger than"
                  + " Excel writes): it was not written by Excel");
        }
        Location l = x.getLocation();
        return refuse(
            "is damaged: its part "
                + part
                + " is not well-formed XML"
                + (l == null || l.getLineNumber() < 0
                    ? ""
                    : " (line " + l.getLineNumber() + ", column " + l.getColumnNumber() + ")")
                + ": copy or save it again from Excel");
      }
    }
    if (e instanceof IOException) {
      return refuse(
          "is damaged: its part " + part + " cannot be read: copy or save it again from Excel");
    }
    return refuse("is damaged: its part " + part + " cannot be read as workbook XML");
  }

  /** A limit crossed inside the decompressed stream, where only an IOException can be thrown. */
  private static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * The decompressed bytes of one part: counts them against the total, judges the expansion ratio
   * from the zip stream's own counters, and refuses a run of bytes with no break that an XML parser
   * would buffer whole (an element or attribute name has no limit in either parser).
   */
  private final class Guarded extends FilterInputStream {
    private final String part;
    private final byte[] one = new byte[1];
    private long run;

    Guarded(InputStream in, String part) {
      super(in);
      this.part = part;
    }

    @Override
    public int read() throws IOException {
      int n = read(one, 0, 1);
      return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n <= 0) {
        return n;
      }
      expanded += n;
      if (expanded > limits.maxExpandedBytes) {
        throw new Refused(
            "expands to more than "
                + size(limits.maxExpandedBytes)
                + " of XML: too large to read here; save the sheet as CSV UTF-8 and publish"
                + " that");
      }
      if (in instanceof InputStreamStatistics s
          && s.getUncompressedCount() > limits.bombFloorBytes
          && s.getUncompressedCount()
              > (long) limits.maxRatio * Math.max(1, s.getCompressedCount())) {
        throw new Refused(
            "has a part ("
                + part
                + ") that expands more than "
                + limits.maxRatio
                + " times: a zip bomb, not a workbook");
      }
      for (int i = off; i < off + n; i++) {
        byte c = b[i];
        if (c == '<' || c == '>' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '"'
            || c == '\'' || c == '=') {
          run = 0;
        } else if (++run > limits.maxRun) {
          throw new Refused(
              "has XML in its part "
                  + part
                  + " with an unbroken run of more than "
                  + size(limits.maxRun)
                  + " (a name or token no workbook has): it was not written by Excel");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // through read(), so skipped bytes are counted and checked like read ones
      return Math.max(0, read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192)));
    }
  }

  /** The entry as fastexcel-reader finds it: exact name, else case-insensitively. */
  private static ZipArchiveEntry entry(ZipFile zip, String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    ZipArchiveEntry e = zip.getEntry(n);
    if (e != null) {
      return e;
    }
    for (ZipArchiveEntry x : Collections.list(zip.getEntries())) {
      if (x.getName().equalsIgnoreCase(n)) {
        return x;
      }
    }
    return null;
  }

  /**
   * An OLE2 compound file holding an encrypted OOXML package has streams named EncryptionInfo and
   * EncryptedPackage; their names sit in its directory in UTF-16LE. Anything else OLE2 is an Excel
   * 97-2003 workbook (or another Office 97 document).
   */
  static boolean encrypted(Path file) throws IOException {
    byte[] needle = "EncryptedPackage".getBytes(StandardCharsets.UTF_16LE);
    byte[] buf = new byte[1 << 16];
    int keep = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf, keep, buf.length - keep)) > 0) {
        int end = keep + n;
        for (int i = 0; i + needle.length <= end; i++) {
          if (java.util.Arrays.equals(buf, i, i + needle.length, needle, 0, needle.length)) {
            return true;
          }
        }
        keep = Math.min(needle.length - 1, end);
        System.arraycopy(buf, end - keep, buf, 0, keep);
      }
    }
    return false;
  }

  /** Whether the first 4 KiB are text: no NUL and valid UTF-8 (or plain single-byte text). */
  private static boolean looksLikeText(Path file) throws IOException {
    byte[] b;
    try (InputStream in = Files.newInputStream(file)) {
      b = in.readNBytes(4096);
    }
    for (byte x : b) {
      if (x == 0 || (x >= 1 && x < 9) || (x > 13 && x < 32)) {
        return false;
      }
    }
    return true;
  }

  private static String size(long bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }

  private ExtractFileException refuse(String problem) {
    return new ExtractFileException(file, problem);
  }

  /** A part name as the message shows it: the zip may hold any bytes there. */
  private static String printable(String name) {
    String s = name.replaceAll("[^\\x20-\\x7E]", "?");
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static XMLInputFactory factory() {
    WstxInputFactory f = new WstxInputFactory();
    f.configureForLowMemUsage();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, 1 << 20);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 64 * 1024);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 256);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 256);
    return f;
  }
}
