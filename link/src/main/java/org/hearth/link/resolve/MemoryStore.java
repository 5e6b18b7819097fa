package org.hearth.link.resolve;

import java.util.HashMap;
import java.util.Map;

/** A {@link LinkageGraph.Store} in maps: for the plaintext baseline and for tests. */
public final class MemoryStore implements LinkageGraph.Store {
  private final Map<String, LinkRecord> records = new HashMap<>();
  private final Map<String, Integer> postingSizes = new HashMap<>();
  private final Map<String, String[]> postingBlocks = new HashMap<>();
  private final Map<String, LinkageGraph.Assignment> assignments = new HashMap<>();

  @Override
  public LinkRecord record(String id) {
    return records.get(id);
  }

  @Override
  public void putRecord(LinkRecord r) {
    records.put(r.id(), r);
  }

  @Override
  public void removeRecord(String id) {
    records.remove(id);
  }

  @Override
  public int postingSize(String keyId) {
    return postingSizes.getOrDefault(keyId, 0);
  }

  @Override
  public void putPostingSize(String keyId, int size) {
    if (size == 0) {
      postingSizes.remove(keyId);
    } else {
      postingSizes.put(keyId, size);
    }
  }

  @Override
  public String[] postingBlock(String keyId, int block) {
    return postingBlocks.get(blockKey(keyId, block));
  }

  @Override
  public void putPostingBlock(String keyId, int block, String[] ids) {
    if (ids.length == 0) {
      postingBlocks.remove(blockKey(keyId, block));
    } else {
      postingBlocks.put(blockKey(keyId, block), ids);
    }
  }

  /** Where a posting's block is kept in a map of blocks: the key id, then the block number. */
  static String blockKey(String keyId, int block) {
    return keyId + '#' + block;
  }

  @Override
  public LinkageGraph.Assignment assignment(String id) {
    return assignments.get(id);
  }

  @Override
  public void putAssignment(String id, LinkageGraph.Assignment a) {
    assignments.put(id, a);
  }

  @Override
  public void removeAssignment(String id) {
    assignments.remove(id);
  }

  @Override
  public Iterable<String> recordIds() {
    return records.keySet();
  }

  /** How many entries of each kind are held: zero everywhere once everything is retracted. */
  public int size() {
    return records.size() + postingSizes.size() + postingBlocks.size() + assignments.size();
  }
}
