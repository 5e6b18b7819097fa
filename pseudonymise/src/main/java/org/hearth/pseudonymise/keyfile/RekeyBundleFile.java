package org.hearth.pseudonymise.keyfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.pseudonymise.keys.ProjectKey;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.keys.RekeyBundle.Entry;
import org.hearth.pseudonymise.keys.RekeyFactor;
import org.hearth.pseudonymise.keys.SecretAccess;

/** The link job's re-key bundle, sealed with a password (see {@link SealedFile}). */
public final class RekeyBundleFile {
  static final String TYPE = "REKEY BUNDLE";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RekeyBundleFile() {}

  public static void write(RekeyBundle bundle, Path file, char[] password) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "hearth-rekey-bundle-v1");
    ObjectNode partners = root.putObject("partners");
    for (String partner : bundle.partners()) {
      ObjectNode vs = partners.putObject(partner);
      bundle
          .versions(partner)
          .forEach(
              (n, e) -> {
                ObjectNode v = vs.putObject(Integer.toString(n));
                v.put("revoked", e.revoked());
                if (!e.revoked()) {
                  v.put("factor", e.factor().factor(SecretAccess.reveal()).toString(16));
                }
              });
    }
    ObjectNode projects = root.putObject("projects");
    for (String project : bundle.projects()) {
      projects.put(
          project, HexFormat.of().formatHex(bundle.projectKey(project).key(SecretAccess.reveal())));
    }
    try {
      SealedFile.write(file, TYPE, JSON.writeValueAsBytes(root), password, true);
    } catch (IOException e) {
      throw new KeyFileException("could not encode the re-key bundle", e);
    }
  }

  public static RekeyBundle read(Path file, char[] password) {
    byte[] plain = SealedFile.read(file, TYPE, password);
    try {
      JsonNode root = JSON.readTree(plain);
      Map<String, Map<Integer, Entry>> partners = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("partners").fields();
          it.hasNext(); ) {
        var p = it.next();
        Map<Integer, Entry> versions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> vi = p.getValue().fields(); vi.hasNext(); ) {
          var v = vi.next();
          int n = Integer.parseInt(v.getKey());
          versions.put(
              n,
              v.getValue().path("revoked").asBoolean()
                  ? Entry.revokedVersion()
                  : new Entry(
                      new RekeyFactor(
                          p.getKey(), n, new BigInteger(v.getValue().path("factor").asText(), 16)),
                      false));
        }
        partners.put(p.getKey(), versions);
      }
      Map<String, ProjectKey> projects = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("projects").fields();
          it.hasNext(); ) {
        var p = it.next();
        projects.put(
            p.getKey(), new ProjectKey(p.getKey(), HexFormat.of().parseHex(p.getValue().asText())));
      }
      return new RekeyBundle(partners, projects);
    } catch (IOException | RuntimeException e) {
      throw new KeyFileException(file + " holds a damaged re-key bundle", e);
    }
  }
}
