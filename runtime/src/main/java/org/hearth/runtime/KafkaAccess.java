package org.hearth.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.hearth.events.Topics;
import org.hearth.pseudonymise.keys.PartnerId;

/**
 * Who may do what on Hearth's Kafka: the protocols segregate data by organisation, so each partner
 * is its own SCRAM principal that may write only its own dataset topics ({@code
 * hearth.<partner>.*}) and read only its own incidents topic; the link job reads every partner's
 * topics and writes the incidents. The broker denies everything else ({@code
 * allow.everyone.if.no.acl.found=false}).
 *
 * <p>Only the operator creates topics ({@link #openDataset}): a partner allowed to create its own
 * could choose their partition count and retention (keep records for ever in a landing zone that
 * should be emptied on arrival), and neither a topic's creation request nor the broker's create
 * policy says who is asking. Creating with the cluster's defaults is the one configuration the
 * platform vouches for.
 *
 * <p>Works through an {@link Admin} connected as a super user (the operator's principal).
 */
public final class KafkaAccess {
  /** The link job's principal. */
  public static final String LINK_JOB = "hearth-link";

  /** SCRAM iterations: the broker's minimum is 4096. */
  private static final int ITERATIONS = 8192;

  private final Admin admin;

  public KafkaAccess(Admin admin) {
    this.admin = admin;
  }

  /** A partner's principal name; the prefix keeps partners apart from Hearth's own principals. */
  public static String partnerPrincipal(String partner) {
    return "partner-" + PartnerId.require(partner, "partner");
  }

  /**
   * A partner may write its dataset topics (which the operator opened), publish under its own
   * transactional ids, and read its incidents topic with its own consumer groups. Nothing else: not
   * create a topic, change one's configuration or add partitions.
   */
  public static List<AclBinding> partnerRules(String partner) {
    String user = "User:" + partnerPrincipal(partner);
    String topics = Topics.partnerPrefix(partner);
    String transactions = Topics.edgeTransactionalIdPrefix(partner);
    List<AclBinding> rules = new ArrayList<>();
    for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
      rules.add(allow(ResourceType.TOPIC, topics, PatternType.PREFIXED, user, op));
    }
    for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
      rules.add(allow(ResourceType.TRANSACTIONAL_ID, transactions, PatternType.PREFIXED, user, op));
    }
    rules.add(
        allow(
            ResourceType.TOPIC,
            Topics.incidents(partner),
            PatternType.LITERAL,
            user,
            AclOperation.READ));
    rules.add(
        allow(
            ResourceType.GROUP,
            Topics.partnerGroupPrefix(partner),
            PatternType.PREFIXED,
            user,
            AclOperation.READ));
    return rules;
  }

  /**
   * The link job reads every partner dataset topic with its own consumer groups and deletes what it
   * has consumed (the topics are a landing zone, issue 19.3), and creates and writes the partners'
   * incidents topics.
   */
  public static List<AclBinding> linkJobRules() {
    String user = "User:" + LINK_JOB;
    return List.of(
        allow(
            ResourceType.TOPIC,
            Topics.PARTNER_DATASETS_PREFIX,
            PatternType.PREFIXED,
            user,
            AclOperation.READ),
        allow(
            ResourceType.TOPIC,
            Topics.PARTNER_DATASETS_PREFIX,
            PatternType.PREFIXED,
            user,
            AclOperation.DELETE),
        allow(
            ResourceType.GROUP,
            Topics.LINK_GROUP_PREFIX,
            PatternType.PREFIXED,
            user,
            AclOperation.READ),
        allow(
            ResourceType.TOPIC,
            Topics.INCIDENTS_PREFIX,
            PatternType.PREFIXED,
            user,
            AclOperation.CREATE),
        allow(
            ResourceType.TOPIC,
            Topics.INCIDENTS_PREFIX,
            PatternType.PREFIXED,
            user,
            AclOperation.WRITE),
        allow(
            ResourceType.TOPIC,
            Topics.INCIDENTS_PREFIX,
            PatternType.PREFIXED,
            user,
            AclOperation.DESCRIBE));
  }

  /**
   * Creates (or gives a new password to) the partner's principal, its rules, its incidents topic
   * and its subject-requests topic (every partner answers subject rights). Safe to repeat.
   */
  public KafkaCredentials addPartner(String partner) {
    KafkaCredentials c = KafkaCredentials.generate(partnerPrincipal(partner));
    upsert(c);
    grant(partnerRules(partner));
    createTopic(Topics.incidents(partner));
    openDataset(partner, Topics.SUBJECT_REQUESTS_DATASET);
    return c;
  }

  /**
   * How a landing topic differs from the cluster's defaults. The link job deletes records up to
   * what it has consumed, which only moves the log start offset: the broker removes a segment file
   * when the whole segment is below it and a newer segment exists. An extract ends with its
   * transaction's commit marker, often the last append for weeks, so a segment must roll on any
   * append a millisecond after its first ({@code segment.ms}); the marker then starts a segment of
   * its own and the records' segment can go at the next retention check. Removed segments are
   * unlinked at once rather than after the default minute ({@code file.delete.delay.ms}).
   */
  public static final java.util.Map<String, String> LANDING_TOPIC =
      java.util.Map.of("segment.ms", "1", "file.delete.delay.ms", "0");

  /**
   * Opens a dataset for a partner: creates {@code hearth.<partner>.<dataset>} with the cluster's
   * default partitions, replication and retention, and segments that a landing zone can clear
   * ({@link #LANDING_TOPIC}). Safe to repeat; returns the topic.
   */
  public String openDataset(String partner, String dataset) {
    String topic = Topics.dataset(partner, PartnerId.require(dataset, "dataset"));
    createTopic(topic, LANDING_TOPIC);
    return topic;
  }

  /** Creates (or gives a new password to) the link job's principal and its rules. */
  public KafkaCredentials addLinkJob() {
    KafkaCredentials c = KafkaCredentials.generate(LINK_JOB);
    upsert(c);
    grant(linkJobRules());
    return c;
  }

  /** Every rule naming this principal. */
  public List<AclBinding> rulesOf(String principal) {
    return List.copyOf(
        await(admin.describeAcls(filterFor(principal)).values(), "read the access rules"));
  }

  /**
   * A partner withdraws: its login and every rule naming it go, so it can neither publish nor read
   * its incidents. Its topics stay until their retention runs out or the operator deletes them;
   * what the link job already holds is purged by revoking its keys.
   */
  public void removePartner(String partner) {
    String principal = partnerPrincipal(partner);
    await(admin.deleteAcls(List.of(filterFor(principal))).all(), "delete the access rules");
    try {
      await(
          admin
              .alterUserScramCredentials(
                  List.of(
                      new org.apache.kafka.clients.admin.UserScramCredentialDeletion(
                          principal, ScramMechanism.SCRAM_SHA_512)))
              .all(),
          "delete the principal " + principal);
    } catch (HearthException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.ResourceNotFoundException)) {
        throw e;
      }
    }
  }

  private static AclBindingFilter filterFor(String principal) {
    return new AclBindingFilter(
        org.apache.kafka.common.resource.ResourcePatternFilter.ANY,
        new org.apache.kafka.common.acl.AccessControlEntryFilter(
            "User:" + principal, null, AclOperation.ANY, AclPermissionType.ANY));
  }

  private void upsert(KafkaCredentials c) {
    await(
        admin
            .alterUserScramCredentials(
                List.of(
                    new UserScramCredentialUpsertion(
                        c.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                        c.password().value())))
            .all(),
        "create the principal " + c.username());
    // the controller has committed it; wait until the broker answering us can authenticate with it
    awaitVisible(
        () ->
            admin
                .describeUserScramCredentials(List.of(c.username()))
                .description(c.username())
                .get(5, TimeUnit.SECONDS)
                .credentialInfos()
                .stream()
                .anyMatch(i -> i.mechanism() == ScramMechanism.SCRAM_SHA_512),
        "the principal " + c.username());
  }

  private void grant(List<AclBinding> rules) {
    await(admin.createAcls(rules).all(), "create the access rules");
    awaitVisible(
        () ->
            admin
                .describeAcls(AclBindingFilter.ANY)
                .values()
                .get(5, TimeUnit.SECONDS)
                .containsAll(rules),
        "the access rules");
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitVisible(Check check, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HearthException("interrupted while waiting for " + what, e);
      } catch (Exception e) {
        // not there yet: a describe of an unknown user fails until the metadata arrives
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HearthException("interrupted while waiting for " + what, e);
      }
    }
    throw new HearthException("Kafka did not make " + what + " visible within 30 s");
  }

  /** Creates the topic with the cluster's default partitions and replication unless it exists. */
  public void createTopic(String topic) {
    createTopic(topic, java.util.Map.of());
  }

  private void createTopic(String topic, java.util.Map<String, String> configs) {
    try {
      await(
          admin
              .createTopics(
                  List.of(
                      new NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())
                          .configs(configs)))
              .all(),
          "create topic " + topic);
    } catch (HearthException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static AclBinding allow(
      ResourceType type, String name, PatternType pattern, String principal, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  /** Kafka's message, with {@link Topics#NO_ANSWER_HINT} when the client timed out. */
  public static String explain(Throwable failure) {
    return failure instanceof org.apache.kafka.common.errors.TimeoutException
        ? failure.getMessage() + "; " + Topics.NO_ANSWER_HINT
        : failure.getMessage();
  }

  private static <T> T await(org.apache.kafka.common.KafkaFuture<T> f, String what) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HearthException("interrupted while trying to " + what, e);
    } catch (ExecutionException e) {
      throw new HearthException("could not " + what + ": " + explain(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      throw new HearthException(
          "Kafka did not answer in 60 s while trying to " + what + "; " + Topics.NO_ANSWER_HINT, e);
    }
  }
}
