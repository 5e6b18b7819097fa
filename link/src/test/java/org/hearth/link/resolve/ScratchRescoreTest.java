package org.hearth.link.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.link.resolve.LinkageGraphTest.*;

import java.util.List;
import org.hearth.link.resolve.scoring.FieldCollisions;
import org.junit.jupiter.api.Test;

class ScratchRescoreTest {
  @Test
  void rescoreWritesNothingUnchanged() {
    LinkageGraph g = new LinkageGraph(new WriteBackStore(new MemoryStore()));
    Table t = new Table();
    g.apply(List.of(rec("1", a(addr("1 high st")), nhs("1")), rec("2", a(addr("2 high st")), nhs("2"))), List.of(), t);
    Table t2 = new Table();
    g.rescore(g.estimate(FieldCollisions.TYPICAL), t2);
    System.err.println("RESCORE WRITES " + t2.writes + " " + t2.rows + " before " + t.rows);
  }
}
