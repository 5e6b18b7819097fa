package org.hearth.runtime;

/** Configuration that cannot be used; the message names the setting and says what is wrong. */
public final class ConfigException extends HearthException {
  public ConfigException(String message) {
    super(message);
  }
}
