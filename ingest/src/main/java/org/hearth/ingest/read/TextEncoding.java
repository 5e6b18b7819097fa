package org.hearth.ingest.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hearth.ingest.read.ExtractReader.ExtractFileException;

/**
 * The character encoding of a text extract, decided before a character of it is parsed.
 *
 * <p>A byte order mark decides (UTF-32 LE/BE, UTF-8, UTF-16 BE/LE, checked in that order because
 * the UTF-32 LE mark begins with the UTF-16 LE one). Without one, the NUL bytes of the first 8 KiB
 * decide UTF-16 or UTF-32: text in those encodings has a zero in the high byte of nearly every
 * character of a CSV (digits, commas, Latin letters), always at the same offsets, which text in a
 * single-byte encoding never has. Otherwise the whole file must be UTF-8, or else Windows-1252
 * (what legacy council systems write). Every byte is checked before reading, so a file is never
 * read half in one encoding: a file mixing UTF-8 with another encoding, or holding bytes that are
 * text in none, is refused with the line where it goes wrong.
 */
record TextEncoding(Charset charset, int bomLength, String label) {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final int SAMPLE = 8192;

  /** A reader of the file's text after its byte order mark; malformed input is an error. */
  Reader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.skipNBytes(bomLength);
    return new InputStreamReader(in, strict(charset));
  }

  static TextEncoding detect(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SAMPLE);
    }
    refuseBinary(file, head);
    TextEncoding bom = fromBom(head);
    if (bom != null) {
      requireDecodes(file, bom, "it starts with a " + bom.charset.name() + " byte order mark");
      return bom;
    }
    TextEncoding wide = fromNulPattern(head);
    if (wide != null) {
      requireDecodes(
          file, wide, "its NUL bytes are laid out as " + wide.charset.name() + " text is");
      return wide;
    }
    Scan utf8 = scan(file, StandardCharsets.UTF_8, 0);
    if (utf8.errorLine == 0) {
      return new TextEncoding(StandardCharsets.UTF_8, 0, "UTF-8");
    }
    for (byte b : head) {
      if (b == 0) {
        throw new ExtractFileException(
            file,
            "is not a text file (it holds NUL bytes, and bytes that are not UTF-8): if it is a"
                + " spreadsheet, save it as CSV UTF-8");
      }
    }
    if (utf8.nonAscii > 0) {
      throw new ExtractFileException(
          file,
          "mixes character encodings: line "
              + utf8.errorLine
              + " is not UTF-8 although other lines are; save it again as CSV UTF-8");
    }
    Scan cp1252 = scan(file, WINDOWS_1252, 0);
    if (cp1252.errorLine != 0) {
      throw new ExtractFileException(
          file,
          "holds bytes on line "
              + cp1252.errorLine
              + " that are text neither in UTF-8 nor in Windows-1252; save it again as CSV UTF-8");
    }
    return new TextEncoding(WINDOWS_1252, 0, "windows-1252");
  }

  private static TextEncoding fromBom(byte[] b) {
    if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
      return new TextEncoding(UTF_32LE, 4, "UTF-32LE with BOM");
    }
    if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
      return new TextEncoding(UTF_32BE, 4, "UTF-32BE with BOM");
    }
    if (starts(b, 0xEF, 0xBB, 0xBF)) {
      return new TextEncoding(StandardCharsets.UTF_8, 3, "UTF-8 with BOM");
    }
    if (starts(b, 0xFE, 0xFF)) {
      return new TextEncoding(StandardCharsets.UTF_16BE, 2, "UTF-16BE with BOM");
    }
    if (starts(b, 0xFF, 0xFE)) {
      return new TextEncoding(StandardCharsets.UTF_16LE, 2, "UTF-16LE with BOM");
    }
    return null;
  }

  /**
   * UTF-32 or UTF-16 from where the zero bytes sit, by offset modulo 4: a CSV's characters are
   * nearly all below U+0100 (one non-zero byte per code unit) and never U+0000-prefixed, so one set
   * of offsets is almost all zero and the other almost never.
   */
  private static TextEncoding fromNulPattern(byte[] b) {
    int n = b.length - b.length % 4;
    if (n < 4) {
      n = b.length - b.length % 2;
    }
    if (n < 2) {
      return null;
    }
    int[] zeros = new int[4];
    int[] all = new int[4];
    for (int i = 0; i < n; i++) {
      all[i % 4]++;
      if (b[i] == 0) {
        zeros[i % 4]++;
      }
    }
    double[] z = new double[4];
    for (int k = 0; k < 4; k++) {
      z[k] = all[k] == 0 ? 0 : (double) zeros[k] / all[k];
    }
    if (n >= 4 && z[2] > 0.95 && z[3] > 0.95 && z[0] < 0.05) {
      return new TextEncoding(UTF_32LE, 0, "UTF-32LE without BOM");
    }
    if (n >= 4 && z[0] > 0.95 && z[1] > 0.95 && z[3] < 0.05) {
      return new TextEncoding(UTF_32BE, 0, "UTF-32BE without BOM");
    }
    double even = (zeros[0] + zeros[2]) / (double) Math.max(1, all[0] + all[2]);
    double odd = (zeros[1] + zeros[3]) / (double) Math.max(1, all[1] + all[3]);
    if (odd > 0.3 && even < 0.02) {
      return new TextEncoding(StandardCharsets.UTF_16LE, 0, "UTF-16LE without BOM");
    }
    if (even > 0.3 && odd < 0.02) {
      return new TextEncoding(StandardCharsets.UTF_16BE, 0, "UTF-16BE without BOM");
    }
    return null;
  }

  /**
   * Files that are not text at all, by their first bytes: said as what they are, because a workbook
   * or an archive read as CSV would be published as garbage rows.
   */
  private static void refuseBinary(Path file, byte[] b) throws ExtractFileException {
    if (starts(b, 0x50, 0x4B, 0x03, 0x04) || starts(b, 0x50, 0x4B, 0x05, 0x06)) {
      throw new ExtractFileException(
          file,
          "is a zip archive (an .xlsx workbook?), not a CSV file: an .xlsx workbook must be named"
              + " .xlsx");
    }
    if (starts(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      throw new ExtractFileException(
          file,
          "is an Excel 97-2003 or password-protected workbook, not a CSV file: save it"
              + " unencrypted as .xlsx or as CSV UTF-8");
    }
    if (starts(b, 0x25, 0x50, 0x44, 0x46)) {
      throw new ExtractFileException(file, "is a PDF document, not a CSV file");
    }
    if (starts(b, 0x1F, 0x8B)) {
      throw new ExtractFileException(
          file, "is gzip-compressed, not a CSV file: decompress it first");
    }
  }

  /** Refuses a file that its byte order mark or NUL pattern names but that does not decode. */
  private static void requireDecodes(Path file, TextEncoding e, String why) throws IOException {
    Scan s = scan(file, e.charset, e.bomLength);
    if (s.errorLine != 0) {
      throw new ExtractFileException(
          file,
          "is not valid "
              + e.charset.name()
              + " from line "
              + s.errorLine
              + " (expected because "
              + why
              + "): it is damaged or truncated; save it again as CSV UTF-8");
    }
    if (s.chars == 0) {
      throw new ExtractFileException(
          file, "is empty: it holds only a byte order mark and no header row");
    }
  }

  /**
   * What a strict decode of the whole file found: the line of the first malformed byte (0 if none),
   * the non-ASCII characters that did decode (so a file mixing UTF-8 with another encoding shows as
   * both) and how many characters there were.
   */
  private record Scan(long errorLine, long nonAscii, long chars) {}

  /** Decodes the whole file in constant memory, skipping past malformed bytes to the end. */
  private static Scan scan(Path file, Charset cs, int skip) throws IOException {
    CharsetDecoder d = strict(cs);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long lines = 1;
    long errorLine = 0;
    long nonAscii = 0;
    long chars = 0;
    try (InputStream s = Files.newInputStream(file)) {
      s.skipNBytes(skip);
      boolean eof = false;
      while (true) {
        if (!eof) {
          int n = s.read(in.array(), in.position(), in.remaining());
          eof = n == -1;
          if (!eof) {
            in.position(in.position() + n);
          }
        }
        in.flip();
        CoderResult r = d.decode(in, out, eof);
        if (r.isError()) {
          in.position(in.position() + r.length());
        } else if (eof && r.isUnderflow()) {
          r = d.flush(out);
        }
        out.flip();
        chars += out.remaining();
        while (out.hasRemaining()) {
          char c = out.get();
          if (c == '\n') {
            lines++;
          } else if (c > 0x7F) {
            nonAscii++;
          }
        }
        out.clear();
        if (r.isError() && errorLine == 0) {
          errorLine = lines;
        }
        in.compact();
        if (eof && r.isUnderflow() && in.position() == 0) {
          return new Scan(errorLine, nonAscii, chars);
        }
      }
    }
  }

  private static CharsetDecoder strict(Charset cs) {
    return cs.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static boolean starts(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    byte[] p = new byte[prefix.length];
    for (int i = 0; i < prefix.length; i++) {
      p[i] = (byte) prefix[i];
    }
    return Arrays.equals(b, 0, p.length, p, 0, p.length);
  }
}
