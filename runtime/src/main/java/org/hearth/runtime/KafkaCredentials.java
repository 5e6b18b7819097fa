package org.hearth.runtime;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.hearth.runtime.HearthConfig.Secret;

/**
 * One Kafka principal's SASL/SCRAM-SHA-512 credentials: a partner's edge agent, the link job. The
 * password is random, shown once (in the partner's configuration file) and never logged.
 */
public record KafkaCredentials(String username, Secret password) {
  public static final String MECHANISM = "SCRAM-SHA-512";
  private static final SecureRandom RANDOM = new SecureRandom();

  public KafkaCredentials {
    if (!username.matches("[a-z0-9][a-z0-9.-]{0,99}")) {
      throw new IllegalArgumentException(
          "a Kafka principal is lower-case letters, digits, dots and hyphens");
    }
  }

  /** A new principal with a 256-bit random password. */
  public static KafkaCredentials generate(String username) {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return new KafkaCredentials(
        username, new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(b)));
  }

  /**
   * The client settings that authenticate as this principal.
   *
   * @param securityProtocol SASL_PLAINTEXT, or SASL_SSL where the listener has TLS
   */
  public Map<String, String> clientProperties(String securityProtocol) {
    if (!securityProtocol.startsWith("SASL_")) {
      throw new ConfigException("a SCRAM principal needs SASL_PLAINTEXT or SASL_SSL");
    }
    return Map.of(
        "security.protocol", securityProtocol,
        "sasl.mechanism", MECHANISM,
        "sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule"));
  }

  /** The JAAS line for the given login module; the password is base64url, so needs no quoting. */
  String jaas(String loginModule) {
    return loginModule
        + " required username=\""
        + username
        + "\" password=\""
        + password.value()
        + "\";";
  }

  @Override
  public String toString() {
    return "KafkaCredentials[" + username + "]";
  }
}
