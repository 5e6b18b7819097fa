package org.hearth.link.guard;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import org.hearth.pseudonymise.detect.IdentifierDetector;

/**
 * Finds identifier-shaped content in what a partner sent: a record whose attributes carry an NHS
 * number or UPN, a full postcode, an e-mail address, a phone number, a date that could be a date of
 * birth, an address line or a person's name was not pseudonymised as its contract promises. It must
 * be stored nowhere. The finding names the field and the rule, never the value. The detection
 * itself is {@link IdentifierDetector}, the one the edge scans free text with.
 */
public final class IdentifierGuard implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What was found where: the attribute's name and the rule that fired. */
  public record Finding(String field, String rule) implements Serializable {}

  private final IdentifierDetector detector;

  public IdentifierGuard() {
    this(new IdentifierDetector());
  }

  public IdentifierGuard(IdentifierDetector detector) {
    this.detector = detector;
  }

  /** The first identifier-shaped value among the attributes, by field and rule. */
  public Optional<Finding> inspect(Map<String, String> attributes) {
    return detector.inspect(attributes).map(f -> new Finding(f.field(), f.rule().id()));
  }
}
