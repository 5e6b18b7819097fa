package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordKeyTableTest {

  private static ByteBuffer random16(Random r) {
    byte[] b = new byte[16];
    r.nextBytes(b);
    return ByteBuffer.wrap(b);
  }

  @Test
  void behavesLikeAMapThroughManyResizes() {
    Random r = new Random(7);
    RecordKeyTable t = new RecordKeyTable();
    Map<ByteBuffer, ByteBuffer> reference = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      ByteBuffer k = random16(r);
      ByteBuffer d = random16(r);
      assertThat(t.put(k, d)).isTrue();
      reference.put(k, d);
    }
    ByteBuffer first = reference.keySet().iterator().next();
    ByteBuffer replaced = random16(r);
    assertThat(t.put(first, replaced)).as("a second put of a key is not fresh").isFalse();
    reference.put(first, replaced);
    assertThat(t.size()).isEqualTo(reference.size());
    reference.forEach(
        (k, d) -> {
          assertThat(t.contains(k)).isTrue();
          assertThat(t.digest(k)).isEqualTo(d);
        });
    assertThat(t.contains(random16(r))).isFalse();
    assertThat(t.digest(random16(r))).isNull();
    Map<ByteBuffer, ByteBuffer> seen = new HashMap<>();
    t.forEach(seen::put);
    assertThat(seen).isEqualTo(reference);
  }
}
