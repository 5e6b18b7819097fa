package org.hearth.link.rekey;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TaskManager without the bundle fails the job once, saying why, instead of restarting. */
class BundleSourceTest {
  @TempDir Path dir;

  @Test
  void aMissingPasswordFileStopsTheJobForGood() {
    BundleSource s =
        new BundleSource(dir.resolve("rekey.bundle").toString(), dir.resolve("nope").toString());
    assertThatThrownBy(s::load)
        .isInstanceOf(SuppressRestartsException.class)
        .rootCause()
        .hasMessageContaining("password file")
        .hasMessageContaining("every TaskManager needs the bundle");
  }

  @Test
  void aMissingBundleStopsTheJobForGood() throws Exception {
    Path password = Files.writeString(dir.resolve("bundle.password"), "secret");
    BundleSource s = new BundleSource(dir.resolve("absent.bundle").toString(), password.toString());
    assertThatThrownBy(s::load)
        .isInstanceOf(SuppressRestartsException.class)
        .rootCause()
        .hasMessageContaining("absent.bundle")
        .hasMessageNotContaining("secret");
  }
}
