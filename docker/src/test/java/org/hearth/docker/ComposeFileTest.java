package org.hearth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.runtime.EmbeddedKafka;
import org.hearth.runtime.HearthConfig;
import org.hearth.runtime.HearthConfigLoader;
import org.hearth.runtime.KafkaAccess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file, checked without a Docker engine: parsed with the {@code .env} it is read with,
 * every image pinned, ports, volumes, mounts and dependencies consistent, the Kafka cluster's
 * listeners and principals agreeing with what the code expects, and the operator settings that
 * {@code scripts/init-secrets.sh} writes loadable by Hearth and pointing at services that exist.
 */
class ComposeFileTest {
  static final Path DOCKER = Path.of(System.getProperty("user.dir"));
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

  @TempDir static Path secrets;
  static Map<String, String> env;
  static Map<String, Object> compose;
  static Map<String, Map<String, Object>> services;

  @BeforeAll
  static void load() throws Exception {
    env = readEnv(DOCKER.resolve(".env"));
    String text = Files.readString(DOCKER.resolve("compose.yml"));
    Matcher m = VARIABLE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    List<String> undefined = new ArrayList<>();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) {
        undefined.add(m.group(1));
        value = "";
      }
      m.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    m.appendTail(resolved);
    assertThat(undefined).as("variables compose.yml uses that .env does not define").isEmpty();
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    compose = new Yaml(options).load(resolved.toString());
    services = map(compose.get("services"));
    initSecrets(secrets);
  }

  /** Runs scripts/init-secrets.sh into the given directory. */
  static void initSecrets(Path into) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", DOCKER.resolve("scripts/init-secrets.sh").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("HEARTH_SECRETS_DIR", into.toString());
    Process init = pb.start();
    assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(init.exitValue()).as("init-secrets.sh").isZero();
  }

  @Test
  void everySecretIsReadableByItsOwnerOnly() throws IOException {
    List<Path> all;
    try (var walk = Files.walk(secrets)) {
      all = walk.filter(p -> !p.equals(secrets)).toList();
    }
    assertThat(all).as("what init-secrets.sh wrote").hasSizeGreaterThanOrEqualTo(6);
    for (Path p : all) {
      String mode =
          java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
      assertThat(mode).as(secrets.relativize(p).toString()).isIn("rw-------", "rwx------");
    }
  }

  @Test
  void everyImageIsPinnedAndEveryHearthImageIsBuiltHere() {
    Set<String> built = new HashSet<>();
    services.forEach(
        (name, s) -> {
          String image = (String) s.get("image");
          assertPinned(name, image);
          if (s.containsKey("build")) {
            Map<String, Object> build = map(s.get("build"));
            Path dockerfile =
                DOCKER
                    .resolve((String) build.get("context"))
                    .resolve((String) build.get("dockerfile"));
            assertThat(dockerfile).as(name + "'s Dockerfile").isRegularFile();
            built.add(image);
            checkDockerfile(name, dockerfile, build);
          }
        });
    services.forEach(
        (name, s) -> {
          String image = (String) s.get("image");
          if (image.startsWith("hearth/")) {
            assertThat(built).as(name + " runs an image this file builds").contains(image);
          }
        });
  }

  private static void assertPinned(String what, String image) {
    assertThat(image).as(what + " has an image").isNotBlank();
    assertThat(image).as(what + " names a tag").contains(":");
    String tag = image.substring(image.lastIndexOf(':') + 1);
    assertThat(tag).as(what + "'s tag").isNotIn("latest", "").doesNotContain("/");
  }

  /** Its ARGs are passed and its COPY sources exist after a build ({@code target/docker}). */
  private static void checkDockerfile(String service, Path dockerfile, Map<String, Object> build) {
    List<String> lines = readLines(dockerfile);
    Map<String, Object> args = build.containsKey("args") ? map(build.get("args")) : Map.of();
    for (String line : lines) {
      String[] words = line.trim().split("\\s+");
      if (words[0].equals("ARG")) {
        assertThat(args).as(service + " passes build arg " + words[1]).containsKey(words[1]);
        assertThat(args.get(words[1]).toString()).as(words[1]).isNotBlank();
      }
      if (words[0].equals("FROM")) {
        Matcher arg = VARIABLE.matcher(words[1]);
        String base = arg.matches() ? String.valueOf(args.get(arg.group(1))) : words[1];
        assertPinned(service + "'s base image", base);
      }
      if (words[0].equals("COPY")) {
        Path source = DOCKER.resolve(words[1]);
        assertThat(Files.exists(source))
            .as(service + ": COPY " + words[1] + " (run ./mvnw package first)")
            .isTrue();
      }
    }
  }

  @Test
  void hostPortsAreUniqueAndReachAListeningPort() {
    Map<String, String> taken = new HashMap<>();
    services.forEach(
        (name, s) -> {
          for (Object p : list(s.get("ports"))) {
            String[] parts = p.toString().split(":");
            String host = parts[parts.length - 2];
            String container = parts[parts.length - 1];
            assertThat(taken.put(host, name)).as("host port " + host + " used twice").isNull();
            assertThat(listeningPorts(name, s))
                .as(name + " listens on " + container)
                .contains(container);
          }
        });
    assertThat(taken).containsKeys("19092", "19093", "19094", "15432", "8081");
  }

  private static Set<String> listeningPorts(String name, Map<String, Object> s) {
    Set<String> ports = new HashSet<>();
    if (name.startsWith("kafka-")) {
      Matcher m = Pattern.compile(":(\\d+)").matcher(environment(s).get("KAFKA_LISTENERS"));
      while (m.find()) {
        ports.add(m.group(1));
      }
    } else if (name.equals("postgres")) {
      ports.add("5432");
    } else if (name.equals("jobmanager")) {
      ports.add("8081");
    }
    return ports;
  }

  @Test
  void volumesMountsAndDependenciesAreConsistent() {
    Set<String> declared = map(compose.get("volumes")).keySet();
    Set<String> used = new HashSet<>();
    services.forEach(
        (name, s) -> {
          for (Object v : list(s.get("volumes"))) {
            String source = v.toString().split(":")[0];
            if (source.startsWith("./")) {
              Path onHost =
                  source.startsWith("./secrets/")
                      ? secrets.resolve(source.substring("./secrets/".length()))
                      : DOCKER.resolve(source.substring(2));
              assertThat(Files.exists(onHost))
                  .as(name + " mounts " + source + " (init-secrets.sh or the repository makes it)")
                  .isTrue();
            } else {
              assertThat(declared).as(name + " uses volume " + source).contains(source);
              used.add(source);
            }
          }
          for (Object f : list(s.get("env_file"))) {
            String file = f.toString();
            assertThat(file).startsWith("./secrets/");
            assertThat(secrets.resolve(file.substring("./secrets/".length()))).isRegularFile();
          }
          for (String dependency : dependencies(s)) {
            assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
          }
        });
    assertThat(used)
        .as("every declared volume is used")
        .containsExactlyInAnyOrderElementsOf(declared);
    // no cycles: each service's dependencies can be started before it
    Set<String> started = new HashSet<>();
    while (started.size() < services.size()) {
      int before = started.size();
      services.forEach(
          (name, s) -> {
            if (started.containsAll(dependencies(s))) {
              started.add(name);
            }
          });
      assertThat(started.size())
          .as("a dependency cycle among " + services.keySet())
          .isGreaterThan(before);
    }
  }

  @Test
  void theKafkaClusterIsThreeVotersWithTheAccessRulesTheCodeExpects() {
    Map<String, Map<String, Object>> brokers = new LinkedHashMap<>();
    services.forEach(
        (name, s) -> {
          if (name.startsWith("kafka-")) {
            brokers.put(name, s);
          }
        });
    assertThat(brokers).hasSize(3);
    Set<String> ids = new HashSet<>();
    brokers.forEach(
        (name, s) -> {
          Map<String, String> e = environment(s);
          assertThat(e.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
              .contains(e.get("KAFKA_NODE_ID") + "@" + name + ":9093");
          assertThat(ids.add(e.get("KAFKA_NODE_ID"))).as("node ids differ").isTrue();
          assertThat(e.get("KAFKA_ADVERTISED_LISTENERS"))
              .contains("CLIENT://" + name + ":9092", "INTERNAL://" + name + ":9091");
          assertThat(e.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
          assertThat(e.get("KAFKA_AUTHORIZER_CLASS_NAME")).endsWith("StandardAuthorizer");
          assertThat(e.get("KAFKA_SUPER_USERS"))
              .contains("User:" + EmbeddedKafka.ADMIN)
              .doesNotContain(KafkaAccess.LINK_JOB)
              .doesNotContain("partner-");
          assertThat(e.get("KAFKA_LISTENER_NAME_CLIENT_SASL_ENABLED_MECHANISMS"))
              .isEqualTo("SCRAM-SHA-512");
          assertThat(Integer.parseInt(e.get("KAFKA_MIN_INSYNC_REPLICAS")))
              .isLessThan(Integer.parseInt(e.get("KAFKA_DEFAULT_REPLICATION_FACTOR")));
          assertThat(e.get("KAFKA_OPTS")).contains("/etc/kafka/secrets/kafka_server_jaas.conf");
          assertThat(Long.parseLong(e.get("KAFKA_LOG_RETENTION_HOURS")))
              .as(
                  "brokers keep partner extracts for the longest seeded retention rule (12 months"
                      + " after the last extract) plus at most a quarter")
              .isBetween(365L * 24, (365L + 92) * 24);
        });
    String jaas = read(secrets.resolve("kafka/kafka_server_jaas.conf"));
    for (String listener : List.of("client", "internal", "controller", "external")) {
      assertThat(jaas).contains(listener + ".KafkaServer");
    }
    assertThat(jaas).contains("user_" + EmbeddedKafka.ADMIN + "=");
  }

  @Test
  void theOperatorSettingsLoadAndPointAtTheseServices() {
    HearthConfig c =
        HearthConfigLoader.load(
            Optional.of(secrets.resolve("operator.properties")), Map.of(), Map.of());
    for (String hostPort : c.kafka().bootstrapServers().orElseThrow().split(",")) {
      String host = hostPort.split(":")[0];
      assertThat(services).containsKey(host);
      assertThat(hostPort).endsWith(":9091"); // the operator is a super user on INTERNAL
    }
    assertThat(c.kafka().clientProperties().get("sasl.jaas.config"))
        .contains("username=\"" + EmbeddedKafka.ADMIN + "\"");
    assertThat(c.postgres().jdbcUrl().orElseThrow()).startsWith("jdbc:postgresql://postgres:5432/");
    assertThat(c.postgres().password().value())
        .isEqualTo(read(secrets.resolve("postgres/postgres-password")));
    assertThat(c.flink().restAddress().orElseThrow()).isEqualTo("jobmanager:8081");
    assertThat(c.flink().stateBackend()).isEqualTo(HearthConfig.StateBackend.ROCKSDB);
    assertThat(c.flink().jobJar().orElseThrow().toString()).isEqualTo("/opt/hearth/link-job.jar");
    assertThat(read(DOCKER.resolve("images/hearth/Dockerfile")))
        .contains("/opt/hearth/link-job.jar");
  }

  @Test
  void dockerComposeAcceptsTheFile() throws Exception {
    Optional<Path> binary = onPath("docker-compose");
    Assumptions.assumeTrue(
        binary.isPresent(),
        "docker-compose is not installed (Debian package docker-compose); the file was still"
            + " parsed and checked by the other tests");
    Path copy = Files.createTempDirectory("hearth-compose");
    Files.copy(DOCKER.resolve("compose.yml"), copy.resolve("compose.yml"));
    Files.copy(DOCKER.resolve(".env"), copy.resolve(".env"));
    copyTree(secrets, copy.resolve("secrets"));
    Process p =
        new ProcessBuilder(binary.get().toString(), "-f", "compose.yml", "config", "-q")
            .directory(copy.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  static Optional<Path> onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static Map<String, String> readEnv(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : readLines(file)) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      int eq = t.indexOf('=');
      out.put(t.substring(0, eq), t.substring(eq + 1));
    }
    return out;
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> out = new HashMap<>();
    map(service.get("environment")).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static List<String> dependencies(Map<String, Object> s) {
    Object d = s.get("depends_on");
    if (d instanceof Map<?, ?> m) {
      return m.keySet().stream().map(Object::toString).toList();
    }
    return list(d).stream().map(Object::toString).toList();
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> map(Object o) {
    return o == null ? Map.of() : (Map<String, V>) o;
  }

  private static List<Object> list(Object o) {
    return o == null ? List.of() : List.copyOf((List<?>) o);
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  private static String read(Path file) {
    return String.join("\n", readLines(file));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
