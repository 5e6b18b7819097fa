package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher refuses a Java older than 17 in one line, before building anything. */
class LauncherScriptTest {
  private static final Path SCRIPT = Path.of("..", "hearth").toAbsolutePath().normalize();

  @Test
  void javaOlderThan17IsRefusedInOneLine(@TempDir Path bin) throws Exception {
    assertThat(run(bin, "openjdk version \"11.0.21\" 2023-10-17"))
        .isEqualTo(
            "hearth: Java 11 found (java); Hearth needs JDK 17 or newer: install one or set JAVA_HOME");
    assertThat(run(bin, "java version \"1.8.0_392\"")).startsWith("hearth: Java 8 found");
  }

  private static String run(Path bin, String versionLine) throws Exception {
    Path fake = bin.resolve("java");
    Files.writeString(fake, "#!/bin/sh\necho '" + versionLine + "' >&2\nexit 0\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "--version");
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    return out;
  }
}
