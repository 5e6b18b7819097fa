package org.hearth.link;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.ingest.ExtractPlace;
import org.hearth.ingest.SyntheticExtract;
import org.hearth.link.rekey.LocalTrust;
import org.hearth.pseudonymise.keyfile.RegistryFile;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.pseudonymise.keys.PartnerRegistry;

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
        Duration.ofSeconds(30),
        // the ITs re-read the topics with a fresh group to prove replays land the same; those
        // that test the landing zone turn it on
        false);
  }

  /** A synthetic extract of a test partner that names its place in the dataset's sequence. */
  public static SyntheticExtract.Extract extract(
      String partner, String dataset, String period, int n, long sequence, boolean confirmShrink) {
    return SyntheticExtract.build(
        AUTHORITY.partnerKey(partner, 1),
        AUTHORITY.signingKey(partner, 1),
        dataset,
        period,
        n,
        new ExtractPlace(sequence, "", confirmShrink));
  }

  /**
   * The registry with a dataset's publishers and/or shrink limit set, as an operator writes it
   * ({@code hearth keys dataset}).
   */
  public static String withDatasets(
      String registryJson, String dataset, List<String> publishers, Integer maxShrinkPercent) {
    PartnerRegistry r = RegistryFile.parse(registryJson, "test registry");
    return RegistryFile.toJson(
        r.withDataset(
            dataset,
            new PartnerRegistry.DatasetRule(
                publishers == null ? Set.of() : Set.copyOf(publishers),
                maxShrinkPercent == null
                    ? PartnerRegistry.DEFAULT_MAX_SHRINK_PERCENT
                    : maxShrinkPercent)));
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
