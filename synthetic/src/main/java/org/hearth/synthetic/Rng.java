package org.hearth.synthetic;

import java.util.SplittableRandom;

/**
 * Deterministic randomness keyed by what is being decided (seed, purpose, entity, quarter), so
 * every value is the same whatever order, or on however many threads, things are generated in.
 */
final class Rng {
  private Rng() {}

  static SplittableRandom of(long seed, long purpose, long entity) {
    return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L, purpose), entity));
  }

  static SplittableRandom of(long seed, long purpose, long entity, long extra) {
    return new SplittableRandom(mix(mix(mix(seed, purpose), entity), extra));
  }

  static long mix(long a, long b) {
    long z = a * 0xBF58476D1CE4E5B9L + b + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A stable id for a purpose name. */
  static long purpose(String name) {
    long h = 1125899906842597L;
    for (int i = 0; i < name.length(); i++) {
      h = 31 * h + name.charAt(i);
    }
    return h;
  }

  static double normal(SplittableRandom r) {
    // Box-Muller without caching: determinism per draw matters more than speed here
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }
}
