package org.hearth.link.retain;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hearth.link.resolve.LinkRecord;

/**
 * One row of {@code governance.retention_rules}: a record of the dataset (with the attribute, or
 * the attribute equal to the value) is destroyed {@code keepMonths} after the last extract that
 * carried it was published.
 *
 * @param attribute null: every record of the dataset
 * @param equals null: any non-empty value of the attribute
 */
public record RetentionRule(
    String rule, String dataset, String attribute, String equals, int keepMonths)
    implements Serializable {

  public RetentionRule {
    if (keepMonths < 1) {
      throw new IllegalArgumentException("rule " + rule + ": keep_months must be at least 1");
    }
    if (equals != null && attribute == null) {
      throw new IllegalArgumentException("rule " + rule + ": a value needs an attribute");
    }
  }

  public boolean appliesTo(LinkRecord r) {
    if (!dataset.equals(r.dataset())) {
      return false;
    }
    if (attribute == null) {
      return true;
    }
    String value = r.attribute(attribute);
    return equals == null ? value != null && !value.isBlank() : equals.equals(value);
  }

  /** Records that arrived before this instant have outlived the rule at {@code nowMillis}. */
  public long cutoffMillis(long nowMillis) {
    return Instant.ofEpochMilli(nowMillis)
        .atZone(ZoneOffset.UTC)
        .minusMonths(keepMonths)
        .toInstant()
        .toEpochMilli();
  }

  public boolean expired(LinkRecord r, long nowMillis) {
    return appliesTo(r) && r.arrivedAtMillis() < cutoffMillis(nowMillis);
  }
}
