package org.hearth.link.resolve;

import java.util.HashMap;
import java.util.Map;

/** A {@link LinkageGraph.Store} in maps: for the plaintext baseline and for tests. */
public final class MemoryStore implements LinkageGraph.Store {
  private final Map<String, LinkRecord> records = new HashMap<>();
  private final Map<String, String[]> holders = new HashMap<>();
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
  public String[] holders(String keyId) {
    return holders.get(keyId);
  }

  @Override
  public void putHolders(String keyId, String[] ids) {
    if (ids.length == 0) {
      holders.remove(keyId);
    } else {
      holders.put(keyId, ids);
    }
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
    return records.size() + holders.size() + assignments.size();
  }
}
