package org.hearth.link.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.link.resolve.LinkageGraphTest.a;
import static org.hearth.link.resolve.LinkageGraphTest.addr;
import static org.hearth.link.resolve.LinkageGraphTest.nameDob;
import static org.hearth.link.resolve.LinkageGraphTest.nhs;
import static org.hearth.link.resolve.LinkageGraphTest.rec;
import static org.hearth.link.resolve.LinkageGraphTest.uprn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batching reads and writes changes nothing resolution decides. */
class WriteBackStoreTest {

  @Test
  void nothingReachesTheStoreBehindUntilFlushed() {
    MemoryStore behind = new MemoryStore();
    WriteBackStore store = new WriteBackStore(behind);
    new LinkageGraph(store)
        .apply(
            List.of(rec("1", a(addr("1 high st")), nhs("1"))),
            List.of(),
            new LinkageGraphTest.Table());
    assertThat(behind.size()).isZero();
    store.flush();
    assertThat(behind.record("p|d|1")).isNotNull();
    assertThat(behind.assignment("p|d|1")).isNotNull();
  }

  @Test
  void itHoldsABoundedNumberOfEntriesAndLosesNoWrite() {
    MemoryStore behind = new MemoryStore();
    WriteBackStore store = new WriteBackStore(behind);
    int n = WriteBackStore.MAX_ENTRIES + 10;
    for (int i = 0; i < n; i++) {
      Postings.add(store, "k" + i, "r" + i);
    }
    // past the bound it wrote back: the store behind already holds the early writes
    assertThat(Postings.all(behind, "k0")).containsExactly("r0");
    for (int i = 0; i < n; i += 997) {
      assertThat(Postings.all(store, "k" + i)).containsExactly("r" + i);
    }
    store.flush();
    assertThat(Postings.all(behind, "k" + (n - 1))).containsExactly("r" + (n - 1));
  }

  @Test
  void resolutionThroughTheCacheMatchesResolutionWithout() {
    Random random = new Random(11);
    List<List<LinkRecord>> batches = new ArrayList<>();
    List<List<String>> retractions = new ArrayList<>();
    for (int b = 0; b < 40; b++) {
      List<LinkRecord> batch = new ArrayList<>();
      List<String> gone = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        int n = random.nextInt(300);
        int home = random.nextInt(80);
        String[] address =
            random.nextBoolean()
                ? a(addr(home + " high st"))
                : a(uprn("u" + home), addr(home + " high st"));
        batch.add(
            rec(
                "r" + random.nextInt(600),
                random.nextInt(10) == 0 ? a() : address,
                random.nextBoolean() ? nhs("n" + n) : nameDob("p" + n)));
        if (random.nextInt(5) == 0) {
          gone.add("p|d|r" + random.nextInt(600));
        }
      }
      batches.add(batch);
      retractions.add(gone);
    }
    MemoryStore plain = new MemoryStore();
    MemoryStore behind = new MemoryStore();
    WriteBackStore cached = new WriteBackStore(behind);
    LinkageGraph direct = new LinkageGraph(plain);
    LinkageGraph through = new LinkageGraph(cached);
    LinkageGraphTest.Table a = new LinkageGraphTest.Table();
    LinkageGraphTest.Table b = new LinkageGraphTest.Table();
    for (int i = 0; i < batches.size(); i++) {
      direct.apply(batches.get(i), retractions.get(i), a);
      through.apply(batches.get(i), retractions.get(i), b);
      cached.flush();
    }
    assertThat(b.rows).isEqualTo(a.rows);
    assertThat(behind.size()).isEqualTo(plain.size());
    for (String id : plain.recordIds()) {
      assertThat(behind.assignment(id)).isEqualTo(plain.assignment(id));
    }
  }
}
