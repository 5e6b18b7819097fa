package org.hearth.link;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hearth.link.rekey.LocalTrust;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;

/** A key authority for tests, and the registry and sealed bundle the link job trusts. */
public final class TestTrust {
  public static final List<String> PARTNERS =
      List.of("basildon-council", "essex-police", "leaky-council", "thurrock-council");
  public static final KeyAuthority AUTHORITY = authority();

  private TestTrust() {}

  /** Every test partner but thurrock-council, which the registry and bundle do not know. */
  public static LocalTrust write(Path dir) {
    return LocalTrust.write(
        AUTHORITY,
        PARTNERS.subList(0, 3),
        List.of(LinkSettings.DEFAULT_PROJECT),
        dir.resolve("trust"));
  }

  public static LinkSettings settings(
      LocalTrust trust,
      String bootstrap,
      String group,
      String jdbcUrl,
      String jdbcUser,
      String jdbcPassword) {
    return new LinkSettings(
        bootstrap,
        Map.of(),
        group,
        true,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        trust.registryJson(),
        trust.bundle(),
        LinkSettings.DEFAULT_PROJECT,
        Duration.ofSeconds(30));
  }

  private static KeyAuthority authority() {
    try {
      return new KeyAuthority(
          new MasterSecret(
              MessageDigest.getInstance("SHA-256")
                  .digest("hearth-link-tests".getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
