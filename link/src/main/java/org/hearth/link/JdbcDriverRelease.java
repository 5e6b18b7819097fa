package org.hearth.link;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The PostgreSQL driver in the job jar registers itself with {@link DriverManager}, which lives in
 * the TaskManager's (and JobManager's) system class loader: that registration pins the job's class
 * loader, so every submission leaked its classes (metaspace grew ~20 MB a job until the JobManager
 * died of it, measured on a session cluster). When the job's class loader is released, the drivers
 * it loaded are deregistered.
 */
public final class JdbcDriverRelease {
  private JdbcDriverRelease() {}

  /**
   * Idempotent per task manager and job: Flink keeps one hook per name. Only where the job has a
   * class loader of its own: in a MiniCluster the job's classes are the application's, and
   * deregistering the application's driver when one job ends broke every job after it.
   */
  public static void register(RuntimeContext context) {
    ClassLoader jobLoader = JdbcDriverRelease.class.getClassLoader();
    if (jobLoader == RuntimeContext.class.getClassLoader()) {
      return;
    }
    context.registerUserCodeClassLoaderReleaseHookIfAbsent(
        "hearth-deregister-jdbc-drivers", () -> deregisterLoadedBy(jobLoader));
  }

  /** Deregisters every driver the class loader loaded; returns how many. */
  static int deregisterLoadedBy(ClassLoader loader) {
    int n = 0;
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass().getClassLoader() == loader) {
        try {
          DriverManager.deregisterDriver(d);
          n++;
        } catch (SQLException | SecurityException e) {
          // nothing to do: the class loader stays pinned, as before
        }
      }
    }
    return n;
  }
}
