package org.hearth.events;

import org.hearth.pseudonymise.keys.PartnerId;

/**
 * Every Kafka name Hearth uses, in one place, because the access rules are written against them: a
 * partner writes only under {@link #partnerPrefix}, reads only {@link #incidents}, and publishes
 * with transactional ids under {@link #edgeTransactionalIdPrefix}. Partner ids never contain a dot
 * ({@link PartnerId}), so the dot that ends each prefix keeps one partner's prefix from matching
 * another's: {@code hearth.basildon.} never matches {@code hearth.basildon-council.x}.
 */
public final class Topics {
  private Topics() {}

  /** Matches every partner dataset topic and nothing else. */
  public static final String PARTNER_DATASET_PATTERN = "hearth\\.[a-z0-9-]+\\.[a-z0-9-]+";

  /** The prefix shared by every partner dataset topic. */
  public static final String PARTNER_DATASETS_PREFIX = "hearth.";

  /** The prefix shared by every partner's incidents topic. */
  public static final String INCIDENTS_PREFIX = "hearth-incidents.";

  /** The dataset every partner publishes subject-rights requests on. */
  public static final String SUBJECT_REQUESTS_DATASET = "subject-requests";

  /** Consumer groups of the link job start with this; its access rules allow no others. */
  public static final String LINK_GROUP_PREFIX = "hearth-link";

  /** Topic of a partner's dataset: {@code hearth.<partner>.<dataset>}. */
  public static String dataset(String partner, String dataset) {
    return partnerPrefix(partner) + dataset;
  }

  /** The partner that owns a dataset topic, and the dataset it carries. */
  public record PartnerDataset(String partner, String dataset) {}

  /**
   * Who a dataset topic belongs to: {@code hearth.<partner>.<dataset>} names both. Only the owner's
   * login may write it, so what arrives on it is the owner's, whatever its payload claims.
   */
  public static java.util.Optional<PartnerDataset> owner(String topic) {
    if (topic == null || !topic.matches(PARTNER_DATASET_PATTERN)) {
      return java.util.Optional.empty();
    }
    String[] parts = topic.split("\\.", -1);
    return java.util.Optional.of(new PartnerDataset(parts[1], parts[2]));
  }

  /** The prefix of every topic a partner may write. */
  public static String partnerPrefix(String partner) {
    return PARTNER_DATASETS_PREFIX + requirePartnerId(partner) + ".";
  }

  /** The topic a partner reads its incidents from; only the link job writes it. */
  public static String incidents(String partner) {
    // not validated: the partner comes from a topic name the source pattern already matched
    return INCIDENTS_PREFIX + partner;
  }

  /**
   * The edge agent's transactional id for one partner dataset: stable, so a restarted agent fences
   * its predecessor and aborts the half-published extract.
   */
  public static String edgeTransactionalId(String partner, String dataset) {
    return edgeTransactionalIdPrefix(partner) + dataset;
  }

  public static String edgeTransactionalIdPrefix(String partner) {
    return "hearth-edge." + requirePartnerId(partner) + ".";
  }

  /** Consumer groups a partner may use to read its incidents topic. */
  public static String partnerGroupPrefix(String partner) {
    return "hearth-partner." + requirePartnerId(partner) + ".";
  }

  private static String requirePartnerId(String partner) {
    return PartnerId.require(partner, "partner");
  }

  /**
   * What to check when the brokers never answer a client. A secured broker does not answer a client
   * that brings no login: the client only times out ("Timed out waiting for a node assignment",
   * after about 60 s), and nothing in Kafka's message says authentication. Said by every command
   * that talks to the brokers.
   */
  public static final String NO_ANSWER_HINT =
      "the brokers did not answer: check hearth.kafka.bootstrap-servers, and that these settings"
          + " carry the login the brokers require (hearth.kafka.client.security.protocol,"
          + " sasl.mechanism and sasl.jaas.config, as in the properties file 'hearth partners"
          + " add' wrote)";
}
