package org.hearth.link.resolve;

import java.util.Arrays;

/**
 * Which records hold a match key, kept as a size and fixed-size blocks of record ids in the {@link
 * LinkageGraph.Store}. A common key (a phonetic name pair in a county) is held by thousands of
 * records; kept as one array, every record added to it read, copied and re-serialised the whole
 * array (measured: the county's resolver spent minutes in that). In blocks an addition touches the
 * size and the last block, and the "too common" test reads the size alone.
 */
final class Postings {
  private Postings() {}

  /**
   * Ids per block. Equal to {@link LinkageGraph#MAX_BLOCK}, so every key that makes candidate pairs
   * is one block.
   */
  static final int BLOCK = LinkageGraph.MAX_BLOCK;

  static int size(LinkageGraph.Store store, String key) {
    return store.postingSize(key);
  }

  /** Every holder of the key, in no particular order (empty when none). */
  static String[] all(LinkageGraph.Store store, String key) {
    int n = store.postingSize(key);
    if (n == 0) {
      return new String[0];
    }
    String[] out = new String[n];
    int at = 0;
    for (int b = 0; at < n; b++) {
      String[] block = store.postingBlock(key, b);
      if (block == null) {
        throw corrupt(key, b);
      }
      System.arraycopy(block, 0, out, at, block.length);
      at += block.length;
    }
    return out;
  }

  /** Adds a holder the key does not have yet. */
  static void add(LinkageGraph.Store store, String key, String id) {
    int n = store.postingSize(key);
    int b = n / BLOCK;
    String[] next;
    if (n % BLOCK == 0) {
      next = new String[] {id};
    } else {
      String[] block = store.postingBlock(key, b);
      if (block == null) {
        throw corrupt(key, b);
      }
      next = Arrays.copyOf(block, block.length + 1);
      next[block.length] = id;
    }
    store.putPostingBlock(key, b, next);
    store.putPostingSize(key, n + 1);
  }

  /** Removes a holder: the last holder takes its place, so blocks stay full. */
  static void remove(LinkageGraph.Store store, String key, String id) {
    int n = store.postingSize(key);
    if (n == 0) {
      return;
    }
    int lastBlock = (n - 1) / BLOCK;
    String[] last = store.postingBlock(key, lastBlock);
    if (last == null) {
      throw corrupt(key, lastBlock);
    }
    String moved = last[last.length - 1];
    for (int b = 0; b <= lastBlock; b++) {
      String[] block = b == lastBlock ? last : store.postingBlock(key, b);
      if (block == null) {
        throw corrupt(key, b);
      }
      int at = indexOf(block, id);
      if (at < 0) {
        continue;
      }
      if (b != lastBlock) {
        String[] filled = block.clone();
        filled[at] = moved;
        store.putPostingBlock(key, b, filled);
      } else {
        last = last.clone();
        last[at] = moved;
      }
      store.putPostingBlock(key, lastBlock, Arrays.copyOf(last, last.length - 1));
      store.putPostingSize(key, n - 1);
      return;
    }
  }

  private static int indexOf(String[] block, String id) {
    for (int i = 0; i < block.length; i++) {
      if (block[i].equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static IllegalStateException corrupt(String key, int block) {
    // the key id is a digest of a pseudonym, never an identifier, and the block number locates it
    return new IllegalStateException(
        "the resolver's state lacks block " + block + " of a key posting of type " + key.charAt(0));
  }
}
