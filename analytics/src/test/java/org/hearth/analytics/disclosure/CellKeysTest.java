package org.hearth.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.hearth.analytics.disclosure.CellKeys.Cell;
import org.hearth.analytics.disclosure.CellKeys.Perturber;
import org.junit.jupiter.api.Test;

class CellKeysTest {
  private static final PerturbationTable T = PerturbationTable.HEARTH_1;

  @Test
  void aCellsKeyIsTheSumOfItsRecordsKeysModuloOneInAnyOrder() {
    Random r = new Random(3);
    List<Double> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      keys.add((r.nextLong() >>> 11) / (double) PerturbationTable.POSITIONS);
    }
    Cell a = new Cell();
    keys.forEach(k -> a.add(CellKeys.ofRecordKey(k)));
    Collections.shuffle(keys, r);
    Cell b = new Cell();
    keys.forEach(k -> b.add(CellKeys.ofRecordKey(k)));
    assertThat(b.key()).isEqualTo(a.key());
    assertThat(b.count()).isEqualTo(500);
    double sum = 0;
    for (double k : keys) {
      sum += k;
    }
    assertThat(a.key() / (double) PerturbationTable.POSITIONS)
        .isCloseTo(sum - Math.floor(sum), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(CellKeys.add(PerturbationTable.POSITIONS - 1, 2)).isEqualTo(1);
  }

  /** A table of cells, each with records of random keys. */
  private static TreeMap<String, Cell> cells(Random r, int n) {
    TreeMap<String, Cell> cells = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      Cell c = new Cell();
      for (int k = 0; k < 20 + i; k++) {
        c.add(r.nextLong() >>> 11);
      }
      cells.put("cell " + i, c);
    }
    return cells;
  }

  @Test
  void removingOneRecordRedrawsEveryCellNotOnlyItsOwn() {
    TreeMap<String, Cell> before = cells(new Random(5), 200);
    TreeMap<String, Cell> after = cells(new Random(5), 200);
    // the same records: the same figures
    Perturber p1 = new Perturber(T, CellKeys.publicationKey(before));
    assertThat(new Perturber(T, CellKeys.publicationKey(after)).published(after.get("cell 7")))
        .isEqualTo(p1.published(before.get("cell 7")));
    // one record leaves cell 0
    Cell shrunk = new Cell();
    Random r = new Random(5);
    for (int k = 0; k < 19; k++) {
      shrunk.add(r.nextLong() >>> 11);
    }
    after.put("cell 0", shrunk);
    Perturber p2 = new Perturber(T, CellKeys.publicationKey(after));
    int changed = 0;
    for (int i = 1; i < 200; i++) {
      changed +=
          p1.published(before.get("cell " + i)) != p2.published(after.get("cell " + i)) ? 1 : 0;
    }
    // a fresh uniform draw equals the old one a fifth of the time
    assertThat(changed).isBetween(130, 190);

    // the cell key method alone (no publication key) leaves every other cell as it was: the
    // cells that did change are exactly those the record was in
    Perturber plain = new Perturber(T, new byte[0]);
    for (int i = 1; i < 200; i++) {
      assertThat(plain.published(after.get("cell " + i)))
          .isEqualTo(plain.published(before.get("cell " + i)));
    }
  }

  @Test
  void positionsAreUniform() {
    Perturber p = new Perturber(T, new byte[] {1, 2, 3});
    Random r = new Random(9);
    int[] buckets = new int[10];
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      long pos = p.position(r.nextLong() >>> 11);
      assertThat(pos).isBetween(0L, PerturbationTable.POSITIONS - 1);
      buckets[(int) (pos * 10 / PerturbationTable.POSITIONS)]++;
    }
    double chi = 0;
    for (int b : buckets) {
      chi += Math.pow(b - n / 10.0, 2) / (n / 10.0);
    }
    // 9 degrees of freedom: 27.9 is the 0.1% point
    assertThat(chi).isLessThan(27.9);
  }
}
