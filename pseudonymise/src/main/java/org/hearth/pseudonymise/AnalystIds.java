package org.hearth.pseudonymise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hearth.pseudonymise.keys.ProjectKey;
import org.hearth.pseudonymise.keys.SecretAccess;

/**
 * Project-scoped analyst ids for whatever the link job resolves (households, persons, records):
 * HMAC-SHA-256 under the project's key over a kind and the entity's canonical linkage-domain name,
 * truncated to 128 bits. Two projects' ids for the same household never match. Not thread-safe.
 */
public final class AnalystIds {
  private final String project;
  private final Mac mac;

  public AnalystIds(ProjectKey key) {
    this.project = key.project();
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.key(SecretAccess.reveal()), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
    }
  }

  public String project() {
    return project;
  }

  /** 32 hex digits. */
  public String of(String kind, String canonical) {
    mac.update(kind.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    byte[] full = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(full, 0, Pseudonym.AnalystId.LENGTH);
  }
}
