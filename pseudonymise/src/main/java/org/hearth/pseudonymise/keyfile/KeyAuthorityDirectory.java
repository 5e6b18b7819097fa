package org.hearth.pseudonymise.keyfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.pseudonymise.keys.PartnerId;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.keys.PartnerRegistry.KeyVersion;
import org.hearth.pseudonymise.keys.PartnerRegistry.Status;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.keys.SecretAccess;

/**
 * The key authority's working directory:
 *
 * <pre>
 *   master.sealed                       the master secret (sealed, mode 600)
 *   registry.json                       partners, key versions, status, signing public keys
 *   projects.txt                        projects that have analyst-id keys
 *   issued/&lt;partner&gt;/&lt;partner&gt;.v&lt;N&gt;.key.pem       to hand to the partner (mode 600)
 *   issued/&lt;partner&gt;/&lt;partner&gt;.v&lt;N&gt;.signing.pem   to hand to the partner (mode 600)
 * </pre>
 */
public final class KeyAuthorityDirectory {
  static final String MASTER_TYPE = "MASTER SECRET";
  private final Path dir;
  private final KeyAuthority authority;

  private KeyAuthorityDirectory(Path dir, KeyAuthority authority) {
    this.dir = dir;
    this.authority = authority;
  }

  /** What an issue or rotation wrote, for the operator to hand over. */
  public record Issued(String partner, int version, Path keyFile, Path signingKeyFile) {}

  public static KeyAuthorityDirectory init(Path dir, char[] password) {
    Path master = dir.resolve("master.sealed");
    if (Files.exists(master)) {
      throw new KeyFileException(master + " already exists; a key authority is set up there");
    }
    MasterSecret secret = MasterSecret.generate(new SecureRandom());
    SealedFile.write(master, MASTER_TYPE, secret.bytes(SecretAccess.reveal()), password, false);
    RegistryFile.write(PartnerRegistry.empty(), dir.resolve("registry.json"));
    writeProjects(dir, List.of());
    return new KeyAuthorityDirectory(dir, new KeyAuthority(secret));
  }

  public static KeyAuthorityDirectory open(Path dir, char[] password) {
    Path master = dir.resolve("master.sealed");
    if (!Files.exists(master)) {
      throw new KeyFileException(
          "no key authority in " + dir + " (run 'hearth keys init --dir " + dir + "' first)");
    }
    return new KeyAuthorityDirectory(
        dir, new KeyAuthority(new MasterSecret(SealedFile.read(master, MASTER_TYPE, password))));
  }

  public Path dir() {
    return dir;
  }

  public PartnerRegistry registry() {
    return RegistryFile.read(dir.resolve("registry.json"));
  }

  public List<String> projects() {
    try {
      Path f = dir.resolve("projects.txt");
      return Files.exists(f)
          ? Files.readAllLines(f).stream().map(String::trim).filter(s -> !s.isEmpty()).toList()
          : List.of();
    } catch (java.io.IOException e) {
      throw new KeyFileException("could not read projects.txt: " + e.getMessage(), e);
    }
  }

  /** Issues version 1 to a new partner. */
  public Issued issuePartner(String partner, char[] partnerPassword) {
    PartnerId.require(partner, "partner");
    if (registry().latestVersion(partner) != 0) {
      throw new KeyFileException(
          "partner '" + partner + "' already has keys; use 'hearth keys rotate' for a new version");
    }
    return issue(partner, 1, partnerPassword);
  }

  /** Issues the next key version; older versions stay active until revoked. */
  public Issued rotate(String partner, char[] partnerPassword) {
    int latest = registry().latestVersion(partner);
    if (latest == 0) {
      throw new KeyFileException(
          "partner '" + partner + "' has no keys yet; use 'hearth keys issue-partner'");
    }
    return issue(partner, latest + 1, partnerPassword);
  }

  private Issued issue(String partner, int version, char[] partnerPassword) {
    PartnerKey key = authority.partnerKey(partner, version);
    Ed25519PrivateKeyParameters signing = authority.signingKey(partner, version);
    Path out = dir.resolve("issued").resolve(partner);
    Path keyFile = out.resolve(partner + ".v" + version + ".key.pem");
    Path signingFile = out.resolve(partner + ".v" + version + ".signing.pem");
    PartnerKeyFile.write(key, keyFile, partnerPassword);
    SigningKeyFiles.writePrivate(signing, partner, version, signingFile, partnerPassword);
    RegistryFile.write(
        registry()
            .with(partner, new KeyVersion(version, Status.ACTIVE, signing.generatePublicKey())),
        dir.resolve("registry.json"));
    return new Issued(partner, version, keyFile, signingFile);
  }

  /** Revokes one version, or every version when {@code version} is empty (withdrawal). */
  public List<Integer> revoke(String partner, java.util.OptionalInt version) {
    PartnerRegistry r = registry();
    Map<Integer, KeyVersion> versions = r.partners().get(partner);
    if (versions == null) {
      throw new KeyFileException("partner '" + partner + "' is unknown to this key authority");
    }
    List<Integer> revoked = new ArrayList<>();
    for (int v :
        version.isPresent() ? List.of(version.getAsInt()) : List.copyOf(versions.keySet())) {
      r = r.revoke(partner, v);
      revoked.add(v);
    }
    RegistryFile.write(r, dir.resolve("registry.json"));
    return revoked;
  }

  /** Adds a project for analyst ids. */
  public void addProject(String project) {
    PartnerId.require(project, "project");
    List<String> projects = new ArrayList<>(projects());
    if (!projects.contains(project)) {
      projects.add(project);
      writeProjects(dir, projects);
    }
  }

  /**
   * The link job's bundle: factors of active versions, revocation markers without factors for
   * revoked ones (that absence is the crypto-shredding), and the project keys.
   */
  public RekeyBundle bundle() {
    Map<String, Map<Integer, RekeyBundle.Entry>> partners = new TreeMap<>();
    registry()
        .partners()
        .forEach(
            (partner, versions) -> {
              Map<Integer, RekeyBundle.Entry> entries = new TreeMap<>();
              versions.forEach(
                  (n, v) ->
                      entries.put(
                          n,
                          v.status() == Status.REVOKED
                              ? RekeyBundle.Entry.revokedVersion()
                              : new RekeyBundle.Entry(authority.rekeyFactor(partner, n), false)));
              partners.put(partner, entries);
            });
    Map<String, org.hearth.pseudonymise.keys.ProjectKey> projects = new TreeMap<>();
    for (String p : projects()) {
      projects.put(p, authority.projectKey(p));
    }
    return new RekeyBundle(partners, projects);
  }

  private static void writeProjects(Path dir, List<String> projects) {
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("projects.txt"), projects);
    } catch (java.io.IOException e) {
      throw new KeyFileException("could not write projects.txt: " + e.getMessage(), e);
    }
  }
}
