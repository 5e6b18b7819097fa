package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key authority and a partner's troubleshooting, end to end through the CLI. */
class KeysCliTest {
  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  record Result(int code, String out, String err) {}

  @BeforeEach
  void passwords() {
    env.put("HEARTH_AUTHORITY_PASSWORD", "authority password");
    env.put("HEARTH_PARTNER_KEY_PASSWORD", "partner password");
    env.put("HEARTH_BUNDLE_PASSWORD", "bundle password");
    Passwords.environment = () -> env;
  }

  @AfterEach
  void restore() {
    Passwords.environment = System::getenv;
    IdentifierInput.stdin = () -> System.in;
  }

  Result run(String stdin, String... args) {
    IdentifierInput.stdin = () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Hearth.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void issueComputeRekeyRotateRevoke() throws Exception {
    String auth = dir.resolve("authority").toString();
    Path bundle = dir.resolve("link/rekey.sealed");
    assertThat(run("", "keys", "init", "--dir", auth).code()).isZero();
    assertThat(run("", "keys", "issue-partner", "--dir", auth, "--partner", "basildon-bc").out())
        .contains("basildon-bc.v1.key.pem")
        .contains("separate channel");
    assertThat(run("", "keys", "issue-partner", "--dir", auth, "--partner", "essex-police").code())
        .isZero();
    Result b =
        run(
            "",
            "keys",
            "rekey-bundle",
            "--dir",
            auth,
            "--out",
            bundle.toString(),
            "--project",
            "school-readiness");
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)))
        .isEqualTo("rw-------");

    String basildonKey = auth + "/issued/basildon-bc/basildon-bc.v1.key.pem";
    String policeKey = auth + "/issued/essex-police/essex-police.v1.key.pem";
    String pb = computeOne(basildonKey, "943 476 5919\n");
    String pp = computeOne(policeKey, "9434765919\n");
    assertThat(pb).isNotEqualTo(pp).hasSize(87); // 65-byte uncompressed point, base64url

    String lb = rekey(bundle, "basildon-bc", 1, pb);
    String lp = rekey(bundle, "essex-police", 1, pp);
    assertThat(lb).isEqualTo(lp).hasSize(43); // the 32-byte x-coordinate

    // rotation: a new partner pseudonym, the same linkage pseudonym
    assertThat(run("", "keys", "rotate", "--dir", auth, "--partner", "basildon-bc").out())
        .contains("version 2");
    run("", "keys", "rekey-bundle", "--dir", auth, "--out", bundle.toString());
    String pb2 = computeOne(auth + "/issued/basildon-bc/basildon-bc.v2.key.pem", "9434765919\n");
    assertThat(pb2).isNotEqualTo(pb);
    assertThat(rekey(bundle, "basildon-bc", 2, pb2)).isEqualTo(lb);

    // revocation: the next bundle cannot re-key version 1
    assertThat(
            run(
                    "",
                    "keys",
                    "revoke",
                    "--dir",
                    auth,
                    "--partner",
                    "basildon-bc",
                    "--key-version",
                    "1")
                .code())
        .isZero();
    run("", "keys", "rekey-bundle", "--dir", auth, "--out", bundle.toString());
    Result refused =
        run(
            "",
            "pseudonym",
            "rekey",
            "--bundle",
            bundle.toString(),
            "--partner",
            "basildon-bc",
            "--key-version",
            "1",
            "--pseudonym",
            pb);
    assertThat(refused.code()).isEqualTo(Hearth.FAILED);
    assertThat(refused.err())
        .startsWith("hearth: key version 1 of partner 'basildon-bc' has been revoked");

    Result list = run("", "keys", "list", "--dir", auth);
    assertThat(list.out())
        .contains("basildon-bc")
        .contains("revoked")
        .contains("active")
        .contains("school-readiness");
  }

  @Test
  void anOperatorGivesADatasetToItsPublishersInThePublicRegistry() {
    String auth = dir.resolve("authority").toString();
    run("", "keys", "init", "--dir", auth);
    run("", "keys", "issue-partner", "--dir", auth, "--partner", "essex-police");
    run("", "keys", "issue-partner", "--dir", auth, "--partner", "basildon-bc");
    Result set =
        run(
            "",
            "keys",
            "dataset",
            "--dir",
            auth,
            "--dataset",
            "police-incidents",
            "--publisher",
            "essex-police",
            "--max-shrink-percent",
            "20");
    assertThat(set.code()).as(set.err()).isZero();
    var reg = org.hearth.pseudonymise.keyfile.RegistryFile.read(Path.of(auth, "registry.json"));
    assertThat(reg.mayPublish("essex-police", "police-incidents")).isTrue();
    assertThat(reg.mayPublish("basildon-bc", "police-incidents")).isFalse();
    assertThat(reg.mayPublish("basildon-bc", "housing-benefits")).isTrue();
    assertThat(reg.dataset("police-incidents").maxShrinkPercent()).isEqualTo(20);
    // issuing and rotating keys rewrites the registry without losing the rule
    run("", "keys", "rotate", "--dir", auth, "--partner", "basildon-bc");
    reg = org.hearth.pseudonymise.keyfile.RegistryFile.read(Path.of(auth, "registry.json"));
    assertThat(reg.mayPublish("basildon-bc", "police-incidents")).isFalse();
    Result unknown =
        run("", "keys", "dataset", "--dir", auth, "--dataset", "x", "--publisher", "nobody-here");
    assertThat(unknown.code()).isEqualTo(Hearth.USAGE);
  }

  @Test
  void invalidIdentifiersAreRejectedByLineWithoutEchoingThem() {
    String auth = dir.resolve("authority").toString();
    run("", "keys", "init", "--dir", auth);
    run("", "keys", "issue-partner", "--dir", auth, "--partner", "essex-cc");
    Result r =
        run(
            "943 476 5918\n943 476 5919\n",
            "pseudonym",
            "compute",
            "--key-file",
            auth + "/issued/essex-cc/essex-cc.v1.key.pem",
            "--type",
            "nhs-number");
    assertThat(r.code()).isEqualTo(Hearth.FAILED);
    assertThat(r.err()).contains("line 1: rejected (nhs-check-digit").doesNotContain("5918");
    assertThat(r.out().lines().count()).isEqualTo(1);
  }

  @Test
  void passwordsAreOneLineErrors() {
    String auth = dir.resolve("authority").toString();
    run("", "keys", "init", "--dir", auth);
    env.put("HEARTH_AUTHORITY_PASSWORD", "not the password");
    Result wrong = run("", "keys", "issue-partner", "--dir", auth, "--partner", "x");
    assertThat(wrong.code()).isEqualTo(Hearth.FAILED);
    assertThat(wrong.err().lines().findFirst().orElse(""))
        .isEqualTo(
            "hearth: wrong password for " + auth + "/master.sealed (or the file is damaged)");
    env.remove("HEARTH_AUTHORITY_PASSWORD");
    Result none = run("", "keys", "issue-partner", "--dir", auth, "--partner", "x");
    assertThat(none.err()).startsWith("hearth: no password: set HEARTH_AUTHORITY_PASSWORD");
  }

  @Test
  void subjectRequestsArePseudonymisedAndAudited() throws Exception {
    String auth = dir.resolve("authority").toString();
    run("", "keys", "init", "--dir", auth);
    run("", "keys", "issue-partner", "--dir", auth, "--partner", "essex-cc");
    String keys = auth + "/issued/essex-cc/essex-cc.v1";
    Result r =
        run(
            "943 476 5919\n",
            "subject",
            "erase",
            "--type",
            "nhs-number",
            "--dry-run",
            "--key-file",
            keys + ".key.pem",
            "--signing-key",
            keys + ".signing.pem",
            "--audit-dir",
            dir.resolve("audit").toString(),
            "--work-dir",
            dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Prepared (dry run) 1 erase request(s)");
    String audit;
    try (var files = java.nio.file.Files.walk(dir.resolve("audit"))) {
      StringBuilder b = new StringBuilder();
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        b.append(new String(java.nio.file.Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
      audit = b.toString();
    }
    assertThat(audit).contains("ERASE").doesNotContain("9434765919").doesNotContain("943 476 5919");
    Result bad =
        run(
            "943 476 5918\n",
            "subject",
            "erase",
            "--type",
            "nhs-number",
            "--dry-run",
            "--key-file",
            keys + ".key.pem",
            "--signing-key",
            keys + ".signing.pem",
            "--work-dir",
            dir.toString());
    assertThat(bad.code()).isEqualTo(Hearth.FAILED);
    assertThat(bad.err()).contains("line 1 is not a valid nhs-number").doesNotContain("5918");
  }

  @Test
  void benchCryptoReportsEveryOperation() {
    Result r = run("", "bench", "crypto", "--seconds", "0.2", "--json", "--no-openssl");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("\"edge-step\":")
        .contains("\"rekey\":")
        .contains("\"hash-to-curve\":");
  }

  private String computeOne(String keyFile, String stdin) {
    Result r = run(stdin, "pseudonym", "compute", "--key-file", keyFile, "--type", "nhs-number");
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().strip();
  }

  private String rekey(Path bundle, String partner, int version, String pseudonym) {
    Result r =
        run(
            "",
            "pseudonym",
            "rekey",
            "--bundle",
            bundle.toString(),
            "--partner",
            partner,
            "--key-version",
            Integer.toString(version),
            "--pseudonym",
            pseudonym);
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().strip();
  }
}
