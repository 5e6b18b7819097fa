package org.hearth.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import org.hearth.ingest.contract.Contracts;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.synthetic.Scale;
import org.hearth.synthetic.SyntheticConfig;
import org.hearth.synthetic.SyntheticCounty;

/** A synthetic ward and keys for its partners, shared by the ingest tests. */
final class Fixtures {
  static final KeyAuthority AUTHORITY = new KeyAuthority(new MasterSecret(new byte[32]));

  private Fixtures() {}

  static Path county(Path dir) {
    SyntheticCounty.generate(
        SyntheticConfig.defaults(Scale.WARD, 42, dir).withQuarters(1), s -> {});
    return dir;
  }

  static EdgeAgent agent(Path county, String partner, String dataset, Path audit) {
    return new EdgeAgent(
        new EdgeAgent.Settings(
            Contracts.load(dataset),
            AUTHORITY.partnerKey(partner, 1),
            AUTHORITY.signingKey(partner, 1),
            PostcodeLookup.load(county.resolve("lookup/onspd-synthetic.csv")),
            "2026-Q1",
            LocalDate.of(2026, 3, 31),
            audit,
            100_000));
  }
}
