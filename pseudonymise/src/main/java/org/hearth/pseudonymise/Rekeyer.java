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
    return new Pseudonym.Linkage(p.type(), rekeyPoint(p.partner(), p.keyVersion(), p.point()));
  }

  /**
   * The bulk path: a SEC1 point in, its linkage point out, looked up in the cache before it is
   * decoded. A point that misses the cache is strictly decoded by the multiplication.
   *
   * @throws org.hearth.pseudonymise.curve.InvalidPointException for a point not on the curve
   */
  public byte[] rekeyPoint(String partner, int keyVersion, byte[] point) {
    CacheKey key = new CacheKey(partner, keyVersion, point);
    byte[] linked = cache.get(key);
    if (linked == null) {
      linked = bundle.factor(partner, keyVersion).multiply(point);
      cache.put(key, linked);
    }
    return linked;
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
