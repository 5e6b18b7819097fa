package org.hearth.analytics.disclosure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;

/**
 * Record keys and cell keys of the cell key method, as integers on the 2^-53 grid so that sums
 * modulo 1 are exact and do not depend on the order records are read in.
 *
 * <p>A cell's key is the sum of its records' keys modulo 1. Where a cell's noise is looked up also
 * depends on the publication's key, a digest of every perturbed cell of the publication (name,
 * count and key): the same records always give the same figures, and any change to the records of a
 * publication redraws the noise of every cell, not only of the cells the changed record is in.
 * Without that, a republication after one child's records are removed would leave every cell
 * without the child exactly as it was and change (nearly always) the cells with the child, which
 * gives the child away as surely as unperturbed counts do.
 */
public final class CellKeys {
  private static final long MASK = PerturbationTable.POSITIONS - 1;

  private CellKeys() {}

  /** A record key in [0,1), as stored in linked.contributions.record_key, on the 2^-53 grid. */
  public static long ofRecordKey(double key) {
    if (!(key >= 0 && key < 1)) {
      throw new IllegalArgumentException("a record key is in [0,1)");
    }
    return (long) Math.floor(key * PerturbationTable.POSITIONS);
  }

  /** The sum of two keys modulo 1. */
  public static long add(long a, long b) {
    return (a + b) & MASK;
  }

  /** A cell being counted: how many records and the sum of their keys modulo 1. */
  public static final class Cell {
    private long count;
    private long key;

    public Cell add(long recordKey) {
      count++;
      key = CellKeys.add(key, recordKey);
      return this;
    }

    public long count() {
      return count;
    }

    public long key() {
      return key;
    }
  }

  /** The publication's key: a digest of every perturbed cell, in name order. */
  public static byte[] publicationKey(SortedMap<String, Cell> cells) {
    MessageDigest d = sha256();
    d.update("hearth-publication-key-1".getBytes(StandardCharsets.UTF_8));
    ByteBuffer b = ByteBuffer.allocate(16);
    for (Map.Entry<String, Cell> e : cells.entrySet()) {
      d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      b.clear();
      b.putLong(e.getValue().count()).putLong(e.getValue().key());
      d.update(b.array());
    }
    return d.digest();
  }

  /** Perturbs cells of one publication. */
  public static final class Perturber {
    private final PerturbationTable ptable;
    private final byte[] publicationKey;

    public Perturber(PerturbationTable ptable, byte[] publicationKey) {
      this.ptable = ptable;
      this.publicationKey = publicationKey.clone();
    }

    public PerturbationTable ptable() {
      return ptable;
    }

    /** The published count of a cell. */
    public long published(Cell c) {
      return published(c.count(), c.key());
    }

    public long published(long count, long cellKey) {
      return ptable.perturb(count, position(cellKey));
    }

    /** Where the cell looks its noise up: uniform in [0, 2^53), fixed by cell and publication. */
    long position(long cellKey) {
      MessageDigest d = sha256();
      d.update("hearth-cell-position-1".getBytes(StandardCharsets.UTF_8));
      d.update(publicationKey);
      d.update(ByteBuffer.allocate(8).putLong(cellKey).array());
      return ByteBuffer.wrap(d.digest()).getLong() >>> 11;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
