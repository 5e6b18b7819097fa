package org.hearth.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock("system-properties")
class PlatformSupportTest {

  @Test
  void unsupportedPlatformsAreToldToUseAnExternalServer() {
    String os = System.getProperty("os.name");
    String arch = System.getProperty("os.arch");
    try {
      System.setProperty("os.name", "Mac OS X");
      System.setProperty("os.arch", "aarch64");
      assertThatThrownBy(EmbeddedPostgresServer::requireSupportedPlatform)
          .isInstanceOf(HearthException.class)
          .hasMessageContaining("Linux x86-64 only")
          .hasMessageContaining("mac os x/aarch64")
          .hasMessageContaining("hearth.postgres.jdbc-url");
      System.setProperty("os.name", "Linux");
      System.setProperty("os.arch", "amd64");
      assertThatCode(EmbeddedPostgresServer::requireSupportedPlatform).doesNotThrowAnyException();
    } finally {
      System.setProperty("os.name", os);
      System.setProperty("os.arch", arch);
    }
  }
}
