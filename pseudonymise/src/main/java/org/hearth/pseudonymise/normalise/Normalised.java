package org.hearth.pseudonymise.normalise;

import java.util.Optional;

/** The outcome of normalising one value: the canonical form, or why there is none. */
public sealed interface Normalised<T> {
  record Ok<T>(T get) implements Normalised<T> {}

  record Rejected<T>(Invalid reason) implements Normalised<T> {}

  static <T> Normalised<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Normalised<T> rejected(String rule, String explanation) {
    return new Rejected<>(Invalid.of(rule, explanation));
  }

  default Optional<T> value() {
    return this instanceof Ok<T> ok ? Optional.of(ok.get()) : Optional.empty();
  }

  default Optional<Invalid> invalid() {
    return this instanceof Rejected<T> r ? Optional.of(r.reason()) : Optional.empty();
  }

  /** The same outcome with the value transformed; a refusal stays as it is. */
  default <R> Normalised<R> map(java.util.function.Function<T, R> f) {
    return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.get())) : new Rejected<>(invalid().get());
  }

  default boolean isOk() {
    return this instanceof Ok;
  }
}
