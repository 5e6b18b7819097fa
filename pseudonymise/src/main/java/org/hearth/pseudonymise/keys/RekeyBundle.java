package org.hearth.pseudonymise.keys;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the link job holds: re-key factors per partner and key version (with their revocation
 * status) and the project keys for analyst ids. Never a partner key, never k_L. Immutable; changes
 * return a new bundle.
 */
public final class RekeyBundle {
  /**
   * A key version's factor, or only the fact that it was revoked: a revoked version's factor is not
   * kept, which is what makes revocation crypto-shredding.
   */
  public record Entry(RekeyFactor factor, boolean revoked) {
    public Entry {
      if (revoked) {
        factor = null;
      } else if (factor == null) {
        throw new IllegalArgumentException("an active key version needs its factor");
      }
    }

    public static Entry revokedVersion() {
      return new Entry(null, true);
    }
  }

  private final Map<String, Map<Integer, Entry>> partners;
  private final Map<String, ProjectKey> projects;

  public RekeyBundle(Map<String, Map<Integer, Entry>> partners, Map<String, ProjectKey> projects) {
    Map<String, Map<Integer, Entry>> p = new TreeMap<>();
    partners.forEach((k, v) -> p.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    this.partners = Collections.unmodifiableMap(p);
    this.projects = Collections.unmodifiableMap(new TreeMap<>(projects));
  }

  public static RekeyBundle empty() {
    return new RekeyBundle(Map.of(), Map.of());
  }

  /** The usable factor, or a clear refusal. */
  public RekeyFactor factor(String partner, int version) {
    Map<Integer, Entry> versions = partners.get(partner);
    if (versions == null) {
      throw new UnknownKeyException(
          "partner '" + partner + "' is not in the re-key bundle (unknown or withdrawn)");
    }
    Entry e = versions.get(version);
    if (e == null) {
      throw new UnknownKeyException(
          "partner '" + partner + "' has no key version " + version + " in the re-key bundle");
    }
    if (e.revoked()) {
      throw new UnknownKeyException(
          "key version " + version + " of partner '" + partner + "' has been revoked");
    }
    return e.factor();
  }

  public ProjectKey projectKey(String project) {
    ProjectKey k = projects.get(project);
    if (k == null) {
      throw new UnknownKeyException("project '" + project + "' has no key in the re-key bundle");
    }
    return k;
  }

  public Set<String> partners() {
    return partners.keySet();
  }

  public Map<Integer, Entry> versions(String partner) {
    return partners.getOrDefault(partner, Map.of());
  }

  public Set<String> projects() {
    return projects.keySet();
  }

  public RekeyBundle with(RekeyFactor f) {
    Map<String, Map<Integer, Entry>> p = copy();
    p.computeIfAbsent(f.partner(), k -> new TreeMap<>()).put(f.version(), new Entry(f, false));
    return new RekeyBundle(p, projects);
  }

  public RekeyBundle with(ProjectKey k) {
    Map<String, ProjectKey> pk = new TreeMap<>(projects);
    pk.put(k.project(), k);
    return new RekeyBundle(partners, pk);
  }

  public RekeyBundle revoke(String partner, int version) {
    factor(partner, version);
    Map<String, Map<Integer, Entry>> p = copy();
    p.get(partner).put(version, Entry.revokedVersion());
    return new RekeyBundle(p, projects);
  }

  /** Crypto-shredding: without its factors a partner's pseudonyms link to nothing. */
  public RekeyBundle withoutPartner(String partner) {
    Map<String, Map<Integer, Entry>> p = copy();
    p.remove(partner);
    return new RekeyBundle(p, projects);
  }

  private Map<String, Map<Integer, Entry>> copy() {
    Map<String, Map<Integer, Entry>> p = new TreeMap<>();
    partners.forEach((k, v) -> p.put(k, new TreeMap<>(v)));
    return p;
  }

  @Override
  public String toString() {
    return "RekeyBundle[partners=" + partners.keySet() + ", projects=" + projects.keySet() + "]";
  }
}
