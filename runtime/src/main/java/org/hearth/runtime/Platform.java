package org.hearth.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The platform's endpoints for one run: each component embedded or external as configured. Closing
 * stops what this object started, in reverse order; external services are untouched.
 */
public final class Platform implements AutoCloseable {
  private final HearthConfig config;
  private final String kafkaBootstrap;
  private final String jdbcUrl;
  private final String jdbcUser;
  private final String jdbcPassword;
  private final Optional<EmbeddedPostgresServer> embeddedPostgres;
  private final Optional<EmbeddedKafka> embeddedKafka;
  private final Deque<AutoCloseable> started;
  private final Map<String, Map<String, Object>> principals = new HashMap<>();

  private Platform(
      HearthConfig config,
      String kafkaBootstrap,
      String jdbcUrl,
      String jdbcUser,
      String jdbcPassword,
      Optional<EmbeddedPostgresServer> embeddedPostgres,
      Optional<EmbeddedKafka> embeddedKafka,
      Deque<AutoCloseable> started) {
    this.config = config;
    this.kafkaBootstrap = kafkaBootstrap;
    this.jdbcUrl = jdbcUrl;
    this.jdbcUser = jdbcUser;
    this.jdbcPassword = jdbcPassword;
    this.embeddedPostgres = embeddedPostgres;
    this.embeddedKafka = embeddedKafka;
    this.started = started;
  }

  /** Ports for embedded components; 0 picks free ones. */
  public record Ports(int kafka, int postgres) {
    public static final Ports ANY = new Ports(0, 0);
  }

  public static Platform start(HearthConfig config, Ports ports) {
    WorkDirectory.prepare(config.workDir(), "");
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      String bootstrap;
      Optional<EmbeddedKafka> embeddedKafka = Optional.empty();
      if (config.kafka().embedded()) {
        EmbeddedKafka kafka =
            EmbeddedKafka.start(
                new EmbeddedKafka.Settings(
                    config.workDir().resolve("kafka"), ports.kafka(), 0, true));
        started.push(kafka);
        embeddedKafka = Optional.of(kafka);
        bootstrap = kafka.bootstrapServers();
      } else {
        bootstrap = config.kafka().bootstrapServers().orElseThrow();
        org.hearth.runtime.Ports.requireReachable(bootstrap, "Kafka");
      }
      String url;
      String user;
      String password;
      Optional<EmbeddedPostgresServer> pg = Optional.empty();
      if (config.postgres().embedded()) {
        EmbeddedPostgresServer server =
            EmbeddedPostgresServer.start(
                new EmbeddedPostgresServer.Settings(
                    config.workDir().resolve("postgres"),
                    ports.postgres(),
                    config.postgres().launcher()));
        started.push(server);
        pg = Optional.of(server);
        url = server.jdbcUrl();
        user = server.user();
        password = server.password();
      } else {
        url = config.postgres().jdbcUrl().orElseThrow();
        requireReachableJdbc(url);
        user = config.postgres().user();
        password = config.postgres().password().value();
      }
      return new Platform(config, bootstrap, url, user, password, pg, embeddedKafka, started);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  private static void requireReachableJdbc(String url) {
    // jdbc:postgresql://host:port/db -> host:port (default port 5432)
    String rest = url.substring("jdbc:postgresql://".length());
    int slash = rest.indexOf('/');
    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
    if (!hostPort.contains(":")) {
      hostPort = hostPort + ":5432";
    }
    org.hearth.runtime.Ports.requireReachable(hostPort, "PostgreSQL");
  }

  public HearthConfig config() {
    return config;
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrap;
  }

  /**
   * The operator's client settings: on the embedded broker its super user; on an external Kafka the
   * bootstrap servers plus the configured client settings.
   */
  public Map<String, Object> kafkaClientProperties() {
    if (embeddedKafka.isPresent()) {
      return new HashMap<>(embeddedKafka.get().adminProperties());
    }
    Map<String, Object> p = new HashMap<>(config.kafka().clientProperties());
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    return p;
  }

  /**
   * How a partner's edge agent connects. On the embedded broker the partner gets its own principal
   * and the rules of {@link KafkaAccess}, so every demo run exercises them; on an external Kafka,
   * where principals are made with {@code hearth partners add}, the configured client settings.
   */
  public synchronized Map<String, Object> partnerKafkaClient(String partner) {
    return principal(partner, access -> access.addPartner(partner));
  }

  /**
   * Opens a partner's dataset as the operator does ({@link KafkaAccess#openDataset}): partners
   * write topics, they never create them.
   */
  public void openDataset(String partner, String dataset) {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(kafkaClientProperties())) {
      new KafkaAccess(admin).openDataset(partner, dataset);
    }
  }

  /** How the link job connects: its own principal on the embedded broker, as above. */
  public synchronized Map<String, Object> linkJobKafkaClient() {
    return principal(KafkaAccess.LINK_JOB, KafkaAccess::addLinkJob);
  }

  private Map<String, Object> principal(
      String name, java.util.function.Function<KafkaAccess, KafkaCredentials> create) {
    if (embeddedKafka.isEmpty()) {
      return kafkaClientProperties();
    }
    EmbeddedKafka kafka = embeddedKafka.get();
    return new HashMap<>(
        principals.computeIfAbsent(
            name,
            n -> {
              try (var admin = kafka.admin()) {
                return kafka.clientProperties(create.apply(new KafkaAccess(admin)));
              }
            }));
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String jdbcUser() {
    return jdbcUser;
  }

  public String jdbcPassword() {
    return jdbcPassword;
  }

  public Optional<EmbeddedPostgresServer> embeddedPostgres() {
    return embeddedPostgres;
  }

  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        // keep stopping the rest; each component logs its own failure
      }
    }
  }
}
