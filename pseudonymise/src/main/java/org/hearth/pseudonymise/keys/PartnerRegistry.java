package org.hearth.pseudonymise.keys;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The public record of partners: their key versions, whether each is active or revoked, and each
 * version's manifest-signing public key. Holds nothing secret; the link job verifies manifests
 * against it. Immutable.
 */
public final class PartnerRegistry {
  public enum Status {
    ACTIVE,
    REVOKED
  }

  /** One key version of a partner. */
  public record KeyVersion(int version, Status status, Ed25519PublicKeyParameters signingKey) {}

  private final Map<String, Map<Integer, KeyVersion>> partners;

  public PartnerRegistry(Map<String, Map<Integer, KeyVersion>> partners) {
    Map<String, Map<Integer, KeyVersion>> p = new TreeMap<>();
    partners.forEach((k, v) -> p.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    this.partners = Collections.unmodifiableMap(p);
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
    return new PartnerRegistry(p);
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
