package org.hearth.pseudonymise.normalise;

/**
 * Why a value was not accepted. The rule is a short, stable code a reject report can carry; the
 * value itself is never part of it.
 */
public record Invalid(String rule, String explanation) {
  public static Invalid of(String rule, String explanation) {
    return new Invalid(rule, explanation);
  }
}
