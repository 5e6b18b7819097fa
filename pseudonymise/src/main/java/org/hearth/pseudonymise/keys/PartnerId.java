package org.hearth.pseudonymise.keys;

import java.util.regex.Pattern;

/** Partner, dataset and project ids: lower-case letters, digits and hyphens, as in topic names. */
public final class PartnerId {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private PartnerId() {}

  public static String require(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what
              + " id must be 1-63 lower-case letters, digits or hyphens, starting with a letter"
              + " or digit");
    }
    return id;
  }
}
