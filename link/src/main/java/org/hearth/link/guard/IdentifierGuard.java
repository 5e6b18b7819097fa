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

  /**
   * The first identifier-shaped value among the attributes, by field and rule; before that, any
   * control character (the edge refuses them, so one here came from elsewhere): PostgreSQL cannot
   * store a NUL, and a write that fails would put the record into the job's error and its log.
   */
  public Optional<Finding> inspect(Map<String, String> attributes) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (hasControlCharacter(e.getKey()) || hasControlCharacter(e.getValue())) {
        return Optional.of(
            new Finding(
                hasControlCharacter(e.getKey()) ? "(attribute name)" : e.getKey(),
                CONTROL_CHARACTER));
      }
    }
    return detector.inspect(attributes).map(f -> new Finding(f.field(), f.rule().id()));
  }

  /** The rule a control character in an attribute fires, as the edge names it. */
  public static final String CONTROL_CHARACTER = "control-character";

  /** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
  static boolean hasControlCharacter(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
        return true;
      }
    }
    return false;
  }
}
