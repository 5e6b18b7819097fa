package org.hearth.link.rekey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.hearth.pseudonymise.keyfile.RegistryFile;
import org.hearth.pseudonymise.keyfile.RekeyBundleFile;
import org.hearth.pseudonymise.keyfile.SecureFiles;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.keys.PartnerRegistry.KeyVersion;
import org.hearth.pseudonymise.keys.PartnerRegistry.Status;
import org.hearth.pseudonymise.keys.RekeyBundle;

/**
 * What the link job trusts, made on this machine from a key authority: the public partner registry,
 * and the sealed re-key bundle with a random password in a file only this user can read. For the
 * demo and for tests; a deployment gets both from {@code hearth keys}.
 *
 * @param registryJson the partner registry's JSON
 * @param bundle where tasks load the sealed bundle from
 */
public record LocalTrust(String registryJson, BundleSource bundle) {

  /** Key version 1 of every partner, and a key for each project. */
  public static LocalTrust write(
      KeyAuthority authority, Collection<String> partners, Collection<String> projects, Path dir) {
    return write(authority, partners, projects, Map.of(), dir);
  }

  /** The same, each dataset of {@code publishers} given to its partners alone. */
  public static LocalTrust write(
      KeyAuthority authority,
      Collection<String> partners,
      Collection<String> projects,
      Map<String, Set<String>> publishers,
      Path dir) {
    PartnerRegistry registry = PartnerRegistry.empty();
    for (var d : publishers.entrySet()) {
      registry =
          registry.withDataset(
              d.getKey(),
              new PartnerRegistry.DatasetRule(
                  d.getValue(), PartnerRegistry.DEFAULT_MAX_SHRINK_PERCENT));
    }
    RekeyBundle bundle = RekeyBundle.empty();
    for (String p : partners) {
      registry =
          registry.with(
              p, new KeyVersion(1, Status.ACTIVE, authority.signingKey(p, 1).generatePublicKey()));
      bundle = bundle.with(authority.rekeyFactor(p, 1));
    }
    for (String project : projects) {
      bundle = bundle.with(authority.projectKey(project));
    }
    return write(registry, bundle, dir);
  }

  public static LocalTrust write(PartnerRegistry registry, RekeyBundle bundle, Path dir) {
    try {
      Files.createDirectories(dir);
      byte[] secret = new byte[24];
      new SecureRandom().nextBytes(secret);
      char[] password =
          Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
      Path passwordFile = dir.resolve("rekey-bundle.password");
      SecureFiles.writePrivate(passwordFile, new String(password), true);
      Path bundleFile = dir.resolve("rekey-bundle.sealed");
      RekeyBundleFile.write(bundle, bundleFile, password);
      return new LocalTrust(
          RegistryFile.toJson(registry),
          new BundleSource(bundleFile.toString(), passwordFile.toString()));
    } catch (IOException e) {
      throw new IllegalStateException("could not write the link job's keys under " + dir, e);
    }
  }
}
