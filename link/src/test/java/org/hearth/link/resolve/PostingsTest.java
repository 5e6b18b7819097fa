package org.hearth.link.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Postings in blocks hold exactly the set of records added and not removed. */
class PostingsTest {

  @Property(tries = 200)
  void blocksHoldExactlyTheHoldersAddedAndNotRemoved(
      @ForAll @Size(max = 600) List<@IntRange(min = 0, max = 300) Integer> ops,
      @ForAll boolean throughCache) {
    MemoryStore behind = new MemoryStore();
    WriteBackStore cached = new WriteBackStore(behind);
    LinkageGraph.Store store = throughCache ? cached : behind;
    Map<String, Set<String>> expected = new HashMap<>();
    for (int op : ops) {
      // three keys, one of them common enough to need several blocks
      String key = "k" + (op % 3 == 0 ? 0 : op % 7);
      String id = "r" + (op / 2);
      Set<String> holders = expected.computeIfAbsent(key, k -> new LinkedHashSet<>());
      if (holders.contains(id)) {
        Postings.remove(store, key, id);
        holders.remove(id);
      } else {
        Postings.add(store, key, id);
        holders.add(id);
      }
    }
    cached.flush();
    for (var e : expected.entrySet()) {
      assertThat(Postings.size(behind, e.getKey())).isEqualTo(e.getValue().size());
      assertThat(Postings.all(behind, e.getKey()))
          .containsExactlyInAnyOrderElementsOf(e.getValue());
    }
  }

  @Test
  void everyBlockButTheLastIsFullAndAnEmptyPostingLeavesNothing() {
    MemoryStore store = new MemoryStore();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < Postings.BLOCK * 3 + 5; i++) {
      ids.add("r" + i);
      Postings.add(store, "k", "r" + i);
    }
    assertThat(store.postingBlock("k", 0)).hasSize(Postings.BLOCK);
    assertThat(store.postingBlock("k", 3)).hasSize(5);
    Postings.remove(store, "k", "r7");
    assertThat(store.postingBlock("k", 0)).hasSize(Postings.BLOCK).doesNotContain("r7");
    assertThat(store.postingBlock("k", 3)).hasSize(4);
    ids.remove("r7");
    for (String id : ids) {
      Postings.remove(store, "k", id);
    }
    assertThat(store.size()).isZero();
  }

  @Test
  void removingAHolderTheKeyDoesNotHaveChangesNothing() {
    MemoryStore store = new MemoryStore();
    Postings.add(store, "k", "a");
    Postings.remove(store, "k", "b");
    Postings.remove(store, "other", "a");
    assertThat(Postings.all(store, "k")).containsExactly("a");
    assertThat(Postings.size(store, "other")).isZero();
  }
}
