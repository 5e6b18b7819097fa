package org.hearth.pseudonymise.keyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.hearth.pseudonymise.Pseudonym;
import org.hearth.pseudonymise.Rekeyer;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.pseudonymise.keys.PartnerKey;
import org.hearth.pseudonymise.keys.PartnerRegistry;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.keys.SecretAccess;
import org.hearth.pseudonymise.keys.UnknownKeyException;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  private static final char[] PASSWORD = "correct horse battery".toCharArray();
  private static final KeyAuthority KA = new KeyAuthority(new MasterSecret(new byte[32]));
  @TempDir Path dir;

  @Test
  void partnerKeyRoundTripsWithMode600() throws Exception {
    PartnerKey key = KA.partnerKey("basildon-bc", 3);
    Path file = dir.resolve("basildon-bc.v3.key.pem");
    PartnerKeyFile.write(key, file, PASSWORD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    PartnerKey read = PartnerKeyFile.read(file, PASSWORD);
    assertThat(read).isEqualTo(key);
    MatchKey m = MatchKey.of(MatchKeyType.NHS_NUMBER, "9434765919");
    assertThat(read.pseudonymise(m)).isEqualTo(key.pseudonymise(m));
  }

  @Test
  void openSslReadsThePartnerKeyFileAsAStandardP256Key() throws Exception {
    PartnerKey key = KA.partnerKey("essex-police", 1);
    Path file = dir.resolve("k.pem");
    PartnerKeyFile.write(key, file, PASSWORD);
    ProcessBuilder pb =
        new ProcessBuilder(
            "openssl",
            "pkey",
            "-in",
            file.toString(),
            "-passin",
            "env:HEARTH_TEST_PW",
            "-pubout",
            "-outform",
            "DER");
    pb.environment().put("HEARTH_TEST_PW", new String(PASSWORD));
    Process p;
    try {
      p = pb.start();
    } catch (java.io.IOException e) {
      assumeThat(false).as("openssl is not installed").isTrue();
      return;
    }
    byte[] der = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes())).isZero();
    byte[] expected =
        CustomNamedCurves.getByName("P-256")
            .getG()
            .multiply(key.scalar(SecretAccess.reveal()))
            .getEncoded(false);
    // the SubjectPublicKeyInfo ends with the uncompressed public point
    byte[] tail = java.util.Arrays.copyOfRange(der, der.length - 65, der.length);
    assertThat(tail).isEqualTo(expected);
  }

  @Test
  void wrongPasswordIsOneClearLine() {
    Path file = dir.resolve("k.pem");
    PartnerKeyFile.write(KA.partnerKey("essex-cc", 1), file, PASSWORD);
    assertThatThrownBy(() -> PartnerKeyFile.read(file, "wrong password".toCharArray()))
        .isInstanceOf(KeyFileException.class)
        .hasMessage("wrong password for " + file + " (or the file is damaged)");
  }

  @Test
  void keyFilesAreNeverOverwrittenAndShortPasswordsRefused() {
    Path file = dir.resolve("k.pem");
    PartnerKeyFile.write(KA.partnerKey("essex-cc", 1), file, PASSWORD);
    assertThatThrownBy(() -> PartnerKeyFile.write(KA.partnerKey("essex-cc", 2), file, PASSWORD))
        .hasMessageContaining("refusing to overwrite");
    assertThatThrownBy(
            () ->
                PartnerKeyFile.write(
                    KA.partnerKey("essex-cc", 1), dir.resolve("x"), "short".toCharArray()))
        .hasMessageContaining("at least 8 characters");
  }

  @Test
  void signingKeysRoundTrip() {
    var signing = KA.signingKey("essex-cc", 1);
    Path file = dir.resolve("s.pem");
    SigningKeyFiles.writePrivate(signing, file, PASSWORD);
    assertThat(SigningKeyFiles.readPrivate(file, PASSWORD).getEncoded())
        .isEqualTo(signing.getEncoded());
    String pem = SigningKeyFiles.publicPem(signing.generatePublicKey());
    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(SigningKeyFiles.parsePublicPem(pem).getEncoded())
        .isEqualTo(signing.generatePublicKey().getEncoded());
    assertThatThrownBy(() -> SigningKeyFiles.readPrivate(file, "not the password".toCharArray()))
        .hasMessageStartingWith("wrong password for ");
  }

  @Test
  void aSigningKeyIsUsableOnlyWithItsOwnPartnersKey() throws Exception {
    KeyAuthorityDirectory ka = KeyAuthorityDirectory.init(dir.resolve("authority"), PASSWORD);
    var basildon = ka.issuePartner("basildon-bc", PASSWORD);
    var police = ka.issuePartner("essex-police", PASSWORD);
    PartnerKey basildonKey = PartnerKeyFile.read(basildon.keyFile(), PASSWORD);
    assertThat(
            SigningKeyFiles.readFor(basildon.signingKeyFile(), PASSWORD, basildonKey).getEncoded())
        .isEqualTo(KA_OF(dir.resolve("authority")).signingKey("basildon-bc", 1).getEncoded());
    // basildon-bc's key with essex-police's signing key: refused, naming both, before any use
    assertThatThrownBy(
            () -> SigningKeyFiles.readFor(police.signingKeyFile(), PASSWORD, basildonKey))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("essex-police version 1")
        .hasMessageContaining("basildon-bc version 1");
    // a rotated partner key needs its own version's signing key
    var rotated = ka.rotate("basildon-bc", PASSWORD);
    PartnerKey v2 = PartnerKeyFile.read(rotated.keyFile(), PASSWORD);
    assertThatThrownBy(() -> SigningKeyFiles.readFor(basildon.signingKeyFile(), PASSWORD, v2))
        .hasMessageContaining("basildon-bc version 2");
  }

  @Test
  void sealedFilesBindTheirTypeAndRefuseWrongPasswords() {
    Path file = dir.resolve("x.sealed");
    SealedFile.write(
        file, "MASTER SECRET", "secret bytes".getBytes(StandardCharsets.UTF_8), PASSWORD, false);
    assertThat(new String(SealedFile.read(file, "MASTER SECRET", PASSWORD), StandardCharsets.UTF_8))
        .isEqualTo("secret bytes");
    assertThatThrownBy(() -> SealedFile.read(file, "MASTER SECRET", "nope nope nope".toCharArray()))
        .hasMessageStartingWith("wrong password for ");
    assertThatThrownBy(() -> SealedFile.read(file, "REKEY BUNDLE", PASSWORD))
        .hasMessageContaining("not a sealed rekey bundle file");
  }

  @Test
  void authorityIssuesRotatesRevokesAndBundles() throws Exception {
    Path auth = dir.resolve("authority");
    KeyAuthorityDirectory ka = KeyAuthorityDirectory.init(auth, PASSWORD);
    var issued = ka.issuePartner("basildon-bc", PASSWORD);
    ka.issuePartner("essex-police", PASSWORD);
    var rotated = ka.rotate("basildon-bc", PASSWORD);
    ka.addProject("school-readiness");
    assertThat(rotated.version()).isEqualTo(2);
    assertThatThrownBy(() -> ka.issuePartner("basildon-bc", PASSWORD))
        .hasMessageContaining("rotate");

    KeyAuthorityDirectory reopened = KeyAuthorityDirectory.open(auth, PASSWORD);
    PartnerRegistry reg = reopened.registry();
    assertThat(reg.latestVersion("basildon-bc")).isEqualTo(2);
    assertThat(reg.version("essex-police", 1)).isPresent();
    assertThatThrownBy(() -> KeyAuthorityDirectory.open(auth, "the wrong one".toCharArray()))
        .hasMessageStartingWith("wrong password for ");

    PartnerKey v1 = PartnerKeyFile.read(issued.keyFile(), PASSWORD);
    PartnerKey v2 = PartnerKeyFile.read(rotated.keyFile(), PASSWORD);
    PartnerKey police =
        PartnerKeyFile.read(auth.resolve("issued/essex-police/essex-police.v1.key.pem"), PASSWORD);
    MatchKey m = MatchKey.of(MatchKeyType.UPRN, "100012345678");

    Path bundleFile = dir.resolve("link/rekey.sealed");
    RekeyBundleFile.write(reopened.bundle(), bundleFile, PASSWORD);
    Rekeyer r = new Rekeyer(RekeyBundleFile.read(bundleFile, PASSWORD), 8);
    Pseudonym.Linkage l = r.rekey(v1.pseudonymise(m));
    assertThat(r.rekey(v2.pseudonymise(m))).isEqualTo(l);
    assertThat(r.rekey(police.pseudonymise(m))).isEqualTo(l);
    assertThat(r.analystId("school-readiness", l).id()).hasSize(16);

    // revoking version 1 removes its factor from the next bundle: crypto-shredding
    reopened.revoke("basildon-bc", OptionalInt.of(1));
    RekeyBundleFile.write(reopened.bundle(), bundleFile, PASSWORD);
    String plaintext =
        new String(
            SealedFile.read(bundleFile, RekeyBundleFile.TYPE, PASSWORD), StandardCharsets.UTF_8);
    String v1Factor =
        KA_OF(auth).rekeyFactor("basildon-bc", 1).factor(SecretAccess.reveal()).toString(16);
    assertThat(plaintext).doesNotContain(v1Factor).contains("\"revoked\":true");
    Rekeyer after = new Rekeyer(RekeyBundleFile.read(bundleFile, PASSWORD), 8);
    assertThatThrownBy(() -> after.rekey(v1.pseudonymise(m)))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("revoked");
    assertThat(after.rekey(v2.pseudonymise(m))).isEqualTo(l);

    // withdrawal revokes everything
    assertThat(reopened.revoke("essex-police", OptionalInt.empty())).containsExactly(1);
    RekeyBundle withdrawn = reopened.bundle();
    assertThatThrownBy(() -> new Rekeyer(withdrawn, 8).rekey(police.pseudonymise(m)))
        .hasMessageContaining("revoked");
  }

  /** The authority's derivation, reopened from the directory, for checking factors. */
  private static KeyAuthority KA_OF(Path auth) {
    return new KeyAuthority(
        new MasterSecret(
            SealedFile.read(auth.resolve("master.sealed"), "MASTER SECRET", PASSWORD)));
  }

  @Test
  void derivationIsDeterministicAndSeparatesPurposes() {
    KeyAuthority a = new KeyAuthority(new MasterSecret(new byte[32]));
    BigInteger k1 = a.partnerKey("x", 1).scalar(SecretAccess.reveal());
    assertThat(
            new KeyAuthority(new MasterSecret(new byte[32]))
                .partnerKey("x", 1)
                .scalar(SecretAccess.reveal()))
        .isEqualTo(k1);
    assertThat(a.partnerKey("x", 2).scalar(SecretAccess.reveal())).isNotEqualTo(k1);
    assertThat(a.partnerKey("y", 1).scalar(SecretAccess.reveal())).isNotEqualTo(k1);
    // record keys survive rotation: deltas after a rotation still find their records
    assertThat(a.partnerKey("x", 2).recordKey("d", "case-1"))
        .isEqualTo(a.partnerKey("x", 1).recordKey("d", "case-1"));
    assertThat(a.partnerKey("y", 1).recordKey("d", "case-1"))
        .isNotEqualTo(a.partnerKey("x", 1).recordKey("d", "case-1"));
    assertThat(a.toString()).doesNotContain("0000");
    assertThat(a.partnerKey("x", 1).toString())
        .isEqualTo("PartnerKey[partner=x, version=1, secret]");
  }
}
