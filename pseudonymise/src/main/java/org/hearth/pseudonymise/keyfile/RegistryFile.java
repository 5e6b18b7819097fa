package org.hearth.pseudonymise.keyfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.keys.PartnerRegistry.DatasetRule;
import org.hearth.pseudonymise.keys.PartnerRegistry.KeyVersion;
import org.hearth.pseudonymise.keys.PartnerRegistry.Status;

/** The partner registry as JSON: public, so plain and readable by anyone auditing it. */
public final class RegistryFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RegistryFile() {}

  public static void write(PartnerRegistry registry, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, toJson(registry));
    } catch (IOException e) {
      throw new KeyFileException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The registry as the JSON text {@link #write} stores. */
  public static String toJson(PartnerRegistry registry) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "hearth-partner-registry-v1");
    ObjectNode partners = root.putObject("partners");
    registry
        .partners()
        .forEach(
            (partner, versions) -> {
              ObjectNode vs = partners.putObject(partner).putObject("versions");
              versions.forEach(
                  (n, v) ->
                      vs.putObject(Integer.toString(n))
                          .put("status", v.status().name().toLowerCase())
                          .put(
                              "signingKeyEd25519",
                              Base64.getEncoder().encodeToString(v.signingKey().getEncoded())));
            });
    if (!registry.datasets().isEmpty()) {
      ObjectNode datasets = root.putObject("datasets");
      registry
          .datasets()
          .forEach(
              (dataset, rule) -> {
                ObjectNode d = datasets.putObject(dataset);
                rule.publishers().forEach(d.putArray("publishers")::add);
                d.put("maxShrinkPercent", rule.maxShrinkPercent());
              });
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new KeyFileException("could not encode the partner registry", e);
    }
  }

  public static PartnerRegistry read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new KeyFileException(
          file + " is not a readable partner registry: " + e.getMessage(), e);
    }
  }

  /** Parses {@link #toJson} text; {@code source} names it in errors. */
  public static PartnerRegistry parse(String json, String source) {
    try {
      JsonNode root = JSON.readTree(json);
      if (!"hearth-partner-registry-v1".equals(root.path("format").asText())) {
        throw new KeyFileException(source + " is not a Hearth partner registry");
      }
      Map<String, Map<Integer, KeyVersion>> partners = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("partners").fields();
          it.hasNext(); ) {
        var p = it.next();
        Map<Integer, KeyVersion> versions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> vi = p.getValue().path("versions").fields();
            vi.hasNext(); ) {
          var v = vi.next();
          int n = Integer.parseInt(v.getKey());
          versions.put(
              n,
              new KeyVersion(
                  n,
                  Status.valueOf(v.getValue().path("status").asText().toUpperCase()),
                  new Ed25519PublicKeyParameters(
                      Base64.getDecoder().decode(v.getValue().path("signingKeyEd25519").asText()),
                      0)));
        }
        partners.put(p.getKey(), versions);
      }
      Map<String, DatasetRule> datasets = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("datasets").fields();
          it.hasNext(); ) {
        var d = it.next();
        java.util.Set<String> publishers = new java.util.TreeSet<>();
        d.getValue().path("publishers").forEach(p -> publishers.add(p.asText()));
        datasets.put(
            d.getKey(),
            new DatasetRule(
                publishers,
                d.getValue()
                    .path("maxShrinkPercent")
                    .asInt(PartnerRegistry.DEFAULT_MAX_SHRINK_PERCENT)));
      }
      return new PartnerRegistry(partners, datasets);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KeyFileException k) {
        throw k;
      }
      throw new KeyFileException(
          source + " is not a readable partner registry: " + e.getMessage(), e);
    }
  }
}
