package org.hearth.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.junit.jupiter.api.Test;

/**
 * A driver loaded by a job's own class loader is deregistered when that loader is released. As on a
 * TaskManager, the driver and Hearth's classes come from one child loader: DriverManager shows and
 * deregisters a driver only for code from the loader that loaded it.
 */
class JdbcDriverReleaseTest {
  @Test
  void deregistersTheDriversTheJobsLoaderLoaded() throws Exception {
    URL[] jobJar = {
      locationOf(org.postgresql.Driver.class),
      locationOf(JdbcDriverRelease.class),
      locationOf(RuntimeContext.class)
    };
    try (URLClassLoader job = new URLClassLoader(jobJar, ClassLoader.getPlatformClassLoader())) {
      // loading the class registers it, as the job jar's copy does on a TaskManager
      Class.forName("org.postgresql.Driver", true, job);
      Method release =
          Class.forName(JdbcDriverRelease.class.getName(), true, job)
              .getDeclaredMethod("deregisterLoadedBy", ClassLoader.class);
      release.setAccessible(true);

      assertThat(release.invoke(null, job)).as("deregistered the first time").isEqualTo(1);
      assertThat(release.invoke(null, job)).as("nothing left to deregister").isEqualTo(0);
    }
  }

  private static URL locationOf(Class<?> c) throws Exception {
    return c.getProtectionDomain().getCodeSource().getLocation();
  }
}
