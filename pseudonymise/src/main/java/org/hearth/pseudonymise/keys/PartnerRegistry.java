package org.hearth.pseudonymise.keys;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The public record of partners: their key versions, whether each is active or revoked, and each
 * version's manifest-signing public key; and, per dataset, which partners may publish it and how
 * far one full extract may shrink it. Holds nothing secret; the link job verifies manifests against
 * it. Immutable.
 */
public final class PartnerRegistry {
  public enum Status {
    ACTIVE,
    REVOKED
  }

  /** One key version of a partner. */
  public record KeyVersion(int version, Status status, Ed25519PublicKeyParameters signingKey) {}

  /** How far one full extract may shrink a dataset unless its manifest confirms it: 50%. */
  public static final int DEFAULT_MAX_SHRINK_PERCENT = 50;

  /**
   * What the platform allows of one dataset.
   *
   * @param publishers the partners that may publish it; empty: any partner in the registry
   * @param maxShrinkPercent the most of the dataset's records one full extract may retract without
   *     the partner's confirmation (0-100)
   */
  public record DatasetRule(Set<String> publishers, int maxShrinkPercent) {
    public static final DatasetRule OPEN = new DatasetRule(Set.of(), DEFAULT_MAX_SHRINK_PERCENT);

    public DatasetRule {
      publishers = Collections.unmodifiableSet(new TreeSet<>(publishers));
      if (maxShrinkPercent < 0 || maxShrinkPercent > 100) {
        throw new IllegalArgumentException("a shrink limit is a percentage, 0 to 100");
      }
    }
  }

  private final Map<String, Map<Integer, KeyVersion>> partners;
  private final Map<String, DatasetRule> datasets;

  public PartnerRegistry(Map<String, Map<Integer, KeyVersion>> partners) {
    this(partners, Map.of());
  }

  public PartnerRegistry(
      Map<String, Map<Integer, KeyVersion>> partners, Map<String, DatasetRule> datasets) {
    Map<String, Map<Integer, KeyVersion>> p = new TreeMap<>();
    partners.forEach((k, v) -> p.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    this.partners = Collections.unmodifiableMap(p);
    this.datasets = Collections.unmodifiableMap(new TreeMap<>(datasets));
  }

  /** The datasets the registry has rules for; any other dataset is {@link DatasetRule#OPEN}. */
  public Map<String, DatasetRule> datasets() {
    return datasets;
  }

  public DatasetRule dataset(String dataset) {
    return datasets.getOrDefault(dataset, DatasetRule.OPEN);
  }

  /**
   * Whether the partner may publish the dataset: a dataset the registry names publishers for is
   * theirs alone; any other is open to every partner (a partner's own dataset needs no entry).
   */
  public boolean mayPublish(String partner, String dataset) {
    Set<String> p = dataset(dataset).publishers();
    return p.isEmpty() || p.contains(partner);
  }

  /** The same registry with the dataset's rule set (replacing any before). */
  public PartnerRegistry withDataset(String dataset, DatasetRule rule) {
    Map<String, DatasetRule> d = new TreeMap<>(datasets);
    d.put(dataset, rule);
    return new PartnerRegistry(partners, d);
  }

  public static PartnerRegistry empty() {
    return new PartnerRegistry(Map.of());
  }

  public Map<String, Map<Integer, KeyVersion>> partners() {
    return partners;
  }

  public Optional<KeyVersion> version(String partner, int version) {
    return Optional.ofNullable(partners.getOrDefault(partner, Map.of()).get(version));
  }

  /** The newest version, active or not; 0 when the partner is unknown. */
  public int latestVersion(String partner) {
    var versions = partners.get(partner);
    return versions == null || versions.isEmpty()
        ? 0
        : ((TreeMap<Integer, KeyVersion>) new TreeMap<>(versions)).lastKey();
  }

  public PartnerRegistry with(String partner, KeyVersion v) {
    Map<String, Map<Integer, KeyVersion>> p = copy();
    p.computeIfAbsent(partner, k -> new TreeMap<>()).put(v.version(), v);
    return new PartnerRegistry(p, datasets);
  }

  public PartnerRegistry revoke(String partner, int version) {
    KeyVersion v =
        version(partner, version)
            .orElseThrow(
                () ->
                    new UnknownKeyException(
                        "partner '" + partner + "' has no key version " + version));
    return with(partner, new KeyVersion(version, Status.REVOKED, v.signingKey()));
  }

  private Map<String, Map<Integer, KeyVersion>> copy() {
    Map<String, Map<Integer, KeyVersion>> p = new TreeMap<>();
    partners.forEach((k, v) -> p.put(k, new TreeMap<>(v)));
    return p;
  }
}
