package org.hearth.link.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Postcode;
import org.hearth.pseudonymise.normalise.Upn;

/**
 * Finds identifier-shaped content in what a partner sent: a record that carries a valid NHS number
 * or UPN, a full postcode, an e-mail address, a phone number or a forename in free text was not
 * pseudonymised as its contract promises. It must be stored nowhere. The finding names the field
 * and the rule, never the value.
 */
public final class IdentifierGuard implements Serializable {
  /** What was found where: the attribute's name and the rule that fired. */
  public record Finding(String field, String rule) implements Serializable {}

  private static final Pattern NHS =
      Pattern.compile("(?<![\\d])\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?![\\d])");
  private static final Pattern UPN =
      Pattern.compile("(?<![A-Za-z0-9])[A-HJ-NP-RT-Z]\\d{11}[0-9A-HJ-NP-RT-Z](?![A-Za-z0-9])");
  private static final Pattern POSTCODE =
      Pattern.compile(
          "(?<![A-Za-z0-9])[A-Za-z]{1,2}\\d[A-Za-z\\d]?\\s*\\d[A-Za-z]{2}(?![A-Za-z0-9])");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\d])(?:\\+44\\s?|0)(?:7\\d{3}|1\\d{2,3}|2\\d|3\\d{2})[\\s-]?\\d{3}[\\s-]?\\d{3,4}(?![\\d])");
  private static final Pattern WORD = Pattern.compile("\\b[A-Z][a-z]+\\b");
  private static final Set<String> FORENAMES = load();

  /** The first identifier-shaped value among the attributes, by field and rule. */
  public Optional<Finding> inspect(Map<String, String> attributes) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      Optional<String> rule = rule(e.getValue());
      if (rule.isPresent()) {
        return Optional.of(new Finding(e.getKey(), rule.get()));
      }
    }
    return Optional.empty();
  }

  static Optional<String> rule(String v) {
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = NHS.matcher(v);
    while (m.find()) {
      if (NhsNumber.normalise(m.group()).isOk()) {
        return Optional.of("nhs-number");
      }
    }
    m = UPN.matcher(v);
    while (m.find()) {
      if (Upn.normalise(m.group()).isOk()) {
        return Optional.of("upn");
      }
    }
    if (EMAIL.matcher(v).find()) {
      return Optional.of("email-address");
    }
    if (PHONE.matcher(v).find()) {
      return Optional.of("phone-number");
    }
    m = POSTCODE.matcher(v);
    while (m.find()) {
      var pc = Postcode.normalise(m.group()).value();
      if (pc.isPresent() && !pc.get().pseudo()) {
        return Optional.of("full-postcode");
      }
    }
    // free text: several words, one of them a forename standing on its own
    if (v.trim().split("\\s+").length >= 4) {
      m = WORD.matcher(v);
      while (m.find()) {
        if (FORENAMES.contains(m.group())) {
          return Optional.of("name-in-text");
        }
      }
    }
    return Optional.empty();
  }

  private static Set<String> load() {
    Set<String> names = new HashSet<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                IdentifierGuard.class.getResourceAsStream("forenames.txt"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("#")) {
          for (String n : line.trim().split("\\s+")) {
            if (!n.isEmpty()) {
              names.add(n);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(names);
  }
}
