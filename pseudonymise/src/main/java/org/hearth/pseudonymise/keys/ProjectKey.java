package org.hearth.pseudonymise.keys;

import java.util.Arrays;

/** K_A: the per-project key that turns linkage pseudonyms into analyst ids. */
public final class ProjectKey {
  private final String project;
  private final byte[] key;

  public ProjectKey(String project, byte[] key) {
    this.project = PartnerId.require(project, "project");
    if (key.length != 32) {
      throw new IllegalArgumentException("project key must be 32 bytes");
    }
    this.key = key.clone();
  }

  public String project() {
    return project;
  }

  public byte[] key(SecretAccess access) {
    SecretAccess.check(access);
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProjectKey p && p.project.equals(project) && Arrays.equals(p.key, key);
  }

  @Override
  public int hashCode() {
    return project.hashCode();
  }

  @Override
  public String toString() {
    return "ProjectKey[project=" + project + ", secret]";
  }
}
