package org.hearth.ingest;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * Record key (16 bytes) -> 128-bit content digest and the row that carried it, in primitive arrays
 * with open addressing: about 56 bytes a record where boxed maps took about 300, so a million-row
 * extract's duplicate check and delta state stay small.
 */
final class RecordKeyTable {
  private long[] k1;
  private long[] k2;
  private long[] d1;
  private long[] d2;
  private long[] rows;
  private boolean[] used;
  private int size;

  RecordKeyTable() {
    this(1 << 12);
  }

  private RecordKeyTable(int capacity) {
    k1 = new long[capacity];
    k2 = new long[capacity];
    d1 = new long[capacity];
    d2 = new long[capacity];
    rows = new long[capacity];
    used = new boolean[capacity];
  }

  int size() {
    return size;
  }

  /** Adds or replaces; returns false when the key was already there. */
  boolean put(ByteBuffer key, ByteBuffer digest) {
    return put(key, digest, -1);
  }

  /**
   * Adds or replaces, remembering the source row that first carried the key (-1: not known);
   * returns false when the key was already there.
   */
  boolean put(ByteBuffer key, ByteBuffer digest, long row) {
    if ((size + 1) * 4L > used.length * 3L) {
      grow();
    }
    long a = key.getLong(key.position());
    long b = key.getLong(key.position() + 8);
    int i = slot(a, b);
    boolean fresh = !used[i];
    if (fresh) {
      used[i] = true;
      k1[i] = a;
      k2[i] = b;
      rows[i] = row;
      size++;
    }
    d1[i] = digest.getLong(digest.position());
    d2[i] = digest.getLong(digest.position() + 8);
    return fresh;
  }

  boolean contains(ByteBuffer key) {
    return used[slot(key.getLong(key.position()), key.getLong(key.position() + 8))];
  }

  /** The source row that first carried the key, or -1 when absent or not known. */
  long row(ByteBuffer key) {
    int i = slot(key.getLong(key.position()), key.getLong(key.position() + 8));
    return used[i] ? rows[i] : -1;
  }

  /** The digest's first 16 bytes, when the key is present. */
  ByteBuffer digest(ByteBuffer key) {
    int i = slot(key.getLong(key.position()), key.getLong(key.position() + 8));
    return used[i] ? ByteBuffer.allocate(16).putLong(0, d1[i]).putLong(8, d2[i]) : null;
  }

  void forEach(BiConsumer<ByteBuffer, ByteBuffer> each) {
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        each.accept(
            ByteBuffer.allocate(16).putLong(0, k1[i]).putLong(8, k2[i]),
            ByteBuffer.allocate(16).putLong(0, d1[i]).putLong(8, d2[i]));
      }
    }
  }

  private int slot(long a, long b) {
    int mask = used.length - 1;
    int i = (int) (Rng64.mix(a ^ Long.rotateLeft(b, 29))) & mask;
    while (used[i] && (k1[i] != a || k2[i] != b)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    RecordKeyTable bigger = new RecordKeyTable(used.length * 2);
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        int j = bigger.slot(k1[i], k2[i]);
        bigger.used[j] = true;
        bigger.k1[j] = k1[i];
        bigger.k2[j] = k2[i];
        bigger.d1[j] = d1[i];
        bigger.d2[j] = d2[i];
        bigger.rows[j] = rows[i];
      }
    }
    k1 = bigger.k1;
    k2 = bigger.k2;
    d1 = bigger.d1;
    d2 = bigger.d2;
    rows = bigger.rows;
    used = bigger.used;
  }

  /** A 64-bit finaliser: record keys are HMAC output already, this only spreads the bits. */
  private static final class Rng64 {
    static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
      return z ^ (z >>> 33);
    }
  }

  @Override
  public String toString() {
    return "RecordKeyTable[" + size + " keys]";
  }
}
