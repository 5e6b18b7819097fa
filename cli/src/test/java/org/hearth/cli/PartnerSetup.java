package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

/**
 * A partner's starting point through the CLI: a key authority, the partner's issued keys and a
 * synthetic ward to publish. Passwords come from a test environment; call {@link #close} after.
 */
record PartnerSetup(Path authority, String partner, Path county) implements AutoCloseable {

  static PartnerSetup create(Path dir, String partner, int quarters) {
    Passwords.environment =
        () ->
            Map.of(
                "HEARTH_AUTHORITY_PASSWORD", "authority password",
                "HEARTH_PARTNER_KEY_PASSWORD", "partner password");
    Path auth = dir.resolve("authority");
    Path county = dir.resolve("county");
    assertThat(CliErrorsTest.run("keys", "init", "--dir", auth.toString()).code()).isZero();
    assertThat(
            CliErrorsTest.run(
                    "keys", "issue-partner", "--dir", auth.toString(), "--partner", partner)
                .code())
        .isZero();
    assertThat(
            CliErrorsTest.run(
                    "generate",
                    "--scale",
                    "ward",
                    "--quarters",
                    Integer.toString(quarters),
                    "--out",
                    county.toString())
                .code())
        .isZero();
    return new PartnerSetup(auth, partner, county);
  }

  String keyFile() {
    return authority.resolve("issued/" + partner + "/" + partner + ".v1.key.pem").toString();
  }

  String signingKey() {
    return authority.resolve("issued/" + partner + "/" + partner + ".v1.signing.pem").toString();
  }

  String lookup() {
    return county.resolve("lookup/onspd-synthetic.csv").toString();
  }

  String extract(String quarter, String dataset) {
    return county
        .resolve("extracts/" + quarter + "/" + partner + "/" + dataset + ".csv")
        .toString();
  }

  @Override
  public void close() {
    Passwords.environment = System::getenv;
  }
}
