package org.hearth.pseudonymise;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hearth.pseudonymise.keys.ProjectKey;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.keys.SecretAccess;

/**
 * The link job's translator: partner pseudonyms into linkage pseudonyms (r_p * P), linkage
 * pseudonyms into analyst ids. Repeated pseudonyms (a shared address, next quarter's extract) are
 * served from a bounded cache. Not thread-safe: one per Flink subtask.
 */
public final class Rekeyer {
  private final RekeyBundle bundle;
  private final Map<CacheKey, byte[]> cache;

  public Rekeyer(RekeyBundle bundle, int cacheEntries) {
    this.bundle = bundle;
    this.cache =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<CacheKey, byte[]> eldest) {
            return size() > cacheEntries;
          }
        };
  }

  /**
   * @throws org.hearth.pseudonymise.keys.UnknownKeyException when the partner is unknown to the
   *     bundle or its key version was revoked (or never issued)
   */
  public Pseudonym.Linkage rekey(Pseudonym.Partner p) {
    var factor = bundle.factor(p.partner(), p.keyVersion());
    CacheKey key = new CacheKey(p.partner(), p.keyVersion(), p.point());
    byte[] linked = cache.get(key);
    if (linked == null) {
      linked = factor.multiply(p.point());
      cache.put(key, linked);
    }
    return new Pseudonym.Linkage(p.type(), linked);
  }

  public Pseudonym.AnalystId analystId(String project, Pseudonym.Linkage linkage) {
    ProjectKey k = bundle.projectKey(project);
    byte[] mac = Pseudonym.hmac(k.key(SecretAccess.reveal()), linkage.point());
    return new Pseudonym.AnalystId(project, Arrays.copyOf(mac, Pseudonym.AnalystId.LENGTH));
  }

  private record CacheKey(String partner, int version, byte[] point) {
    @Override
    public boolean equals(Object o) {
      return o instanceof CacheKey c
          && c.version == version
          && c.partner.equals(partner)
          && Arrays.equals(c.point, point);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(point) * 31 + version;
    }
  }
}
