package org.hearth.link.resolve;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LinkageGraph.Store} in front of another for the length of one change: each entry is read
 * from the store behind at most once and written back at most once, on {@link #flush}. One extract
 * touches the same household and key postings many times; with RocksDB each of those touches would
 * otherwise be a native read or write and a serialisation.
 *
 * <p>What it holds is bounded: past {@link #MAX_ENTRIES} it writes back and starts again, so a
 * change that touches the whole graph (re-estimating the scoring model, re-resolving every person)
 * never holds a county's state on the heap.
 */
public final class WriteBackStore implements LinkageGraph.Store {
  private static final Object ABSENT = new Object();

  /** Entries held before writing back; a county's graph is millions. */
  static final int MAX_ENTRIES = 50_000;

  private final LinkageGraph.Store behind;
  private final Map<String, Object> records = new HashMap<>();
  private final Map<String, Object> sizes = new HashMap<>();
  private final Map<String, Object> blocks = new HashMap<>();
  private final Map<String, Object> assignments = new HashMap<>();
  private final Set<String> dirtyRecords = new LinkedHashSet<>();
  private final Set<String> dirtySizes = new LinkedHashSet<>();
  private final Set<String> dirtyBlocks = new LinkedHashSet<>();
  private final Set<String> dirtyAssignments = new LinkedHashSet<>();

  public WriteBackStore(LinkageGraph.Store behind) {
    this.behind = behind;
  }

  @Override
  public LinkRecord record(String id) {
    return (LinkRecord) read(records, id, behind::record);
  }

  @Override
  public void putRecord(LinkRecord r) {
    write(records, dirtyRecords, r.id(), r);
  }

  @Override
  public void removeRecord(String id) {
    write(records, dirtyRecords, id, ABSENT);
  }

  @Override
  public int postingSize(String keyId) {
    Integer n = (Integer) read(sizes, keyId, behind::postingSize);
    return n == null ? 0 : n;
  }

  @Override
  public void putPostingSize(String keyId, int size) {
    write(sizes, dirtySizes, keyId, size == 0 ? ABSENT : size);
  }

  @Override
  public String[] postingBlock(String keyId, int block) {
    return (String[])
        read(blocks, MemoryStore.blockKey(keyId, block), x -> behind.postingBlock(keyId, block));
  }

  @Override
  public void putPostingBlock(String keyId, int block, String[] ids) {
    write(blocks, dirtyBlocks, MemoryStore.blockKey(keyId, block), ids.length == 0 ? ABSENT : ids);
  }

  @Override
  public LinkageGraph.Assignment assignment(String id) {
    return (LinkageGraph.Assignment) read(assignments, id, behind::assignment);
  }

  @Override
  public void putAssignment(String id, LinkageGraph.Assignment a) {
    write(assignments, dirtyAssignments, id, a);
  }

  @Override
  public void removeAssignment(String id) {
    write(assignments, dirtyAssignments, id, ABSENT);
  }

  /** Writes back first: the store behind is the one that can list its records. */
  @Override
  public Iterable<String> recordIds() {
    flush();
    return behind.recordIds();
  }

  /** Writes every changed entry to the store behind and forgets the rest. */
  public void flush() {
    for (String id : dirtyRecords) {
      Object v = records.get(id);
      if (v == ABSENT) {
        behind.removeRecord(id);
      } else {
        behind.putRecord((LinkRecord) v);
      }
    }
    for (String k : dirtySizes) {
      Object v = sizes.get(k);
      behind.putPostingSize(k, v == ABSENT ? 0 : (Integer) v);
    }
    for (String k : dirtyBlocks) {
      Object v = blocks.get(k);
      int at = k.lastIndexOf('#');
      behind.putPostingBlock(
          k.substring(0, at),
          Integer.parseInt(k.substring(at + 1)),
          v == ABSENT ? new String[0] : (String[]) v);
    }
    for (String id : dirtyAssignments) {
      Object v = assignments.get(id);
      if (v == ABSENT) {
        behind.removeAssignment(id);
      } else {
        behind.putAssignment(id, (LinkageGraph.Assignment) v);
      }
    }
    records.clear();
    sizes.clear();
    blocks.clear();
    assignments.clear();
    dirtyRecords.clear();
    dirtySizes.clear();
    dirtyBlocks.clear();
    dirtyAssignments.clear();
  }

  private Object read(
      Map<String, Object> cache, String key, java.util.function.Function<String, ?> load) {
    Object v = cache.get(key);
    if (v == null) {
      Object loaded = load.apply(key);
      v = loaded == null ? ABSENT : loaded;
      cache.put(key, v);
      bound();
    }
    return v == ABSENT ? null : v;
  }

  private void write(Map<String, Object> cache, Set<String> dirty, String key, Object v) {
    cache.put(key, v);
    dirty.add(key);
    bound();
  }

  /** Holds at most {@link #MAX_ENTRIES}: beyond, writes back and forgets (reads reload them). */
  private void bound() {
    if (records.size() + sizes.size() + blocks.size() + assignments.size() > MAX_ENTRIES) {
      flush();
    }
  }
}
