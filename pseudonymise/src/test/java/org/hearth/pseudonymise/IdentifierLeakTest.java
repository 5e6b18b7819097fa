package org.hearth.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hearth.pseudonymise.curve.CurvePoint;
import org.hearth.pseudonymise.keyfile.PartnerKeyFile;
import org.hearth.pseudonymise.keys.KeyAuthority;
import org.hearth.pseudonymise.keys.MasterSecret;
import org.hearth.pseudonymise.keys.RekeyBundle;
import org.hearth.pseudonymise.normalise.DatesOfBirth;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.hearth.pseudonymise.normalise.MatchKeys;
import org.hearth.pseudonymise.normalise.Names;
import org.hearth.pseudonymise.normalise.NhsNumber;
import org.hearth.pseudonymise.normalise.Normalised;
import org.hearth.pseudonymise.normalise.Postcode;
import org.hearth.pseudonymise.normalise.UkAddress;
import org.hearth.pseudonymise.normalise.Upn;
import org.hearth.pseudonymise.normalise.Uprn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary identifiers, valid and broken, go through every path of this module that can fail or
 * describe itself; none may come back in an exception message, a rejection, a toString or a log
 * line.
 */
class IdentifierLeakTest {
  private static final List<String> CANARIES =
      List.of(
          "9990001237",
          "999 000 1237",
          "999 000 1238",
          "A881123451901",
          "Z88112345190",
          "Zebedee",
          "Quaxworthy",
          "12 Canary Wharf Lane",
          "SS14 9ZQ",
          "ZZ99 3VZ",
          "17/04/2018",
          "31/02/2018",
          "100099887766",
          "1000998877661");

  @TempDir Path dir;

  @Test
  void noCanaryComesBackAnywhere() throws Exception {
    List<String> said = new ArrayList<>();
    KeyAuthority ka = new KeyAuthority(new MasterSecret(new byte[32]));
    for (String c : CANARIES) {
      said.add(reason(NhsNumber.normalise(c)));
      said.add(reason(Upn.normalise(c)));
      said.add(reason(Uprn.normalise(c)));
      said.add(reason(Postcode.normalise(c)));
      said.add(reason(Names.surname(c)));
      said.add(reason(Names.forename(c, 'U')));
      said.add(reason(DatesOfBirth.parse(c, LocalDate.of(2026, 11, 21))));
      said.add(UkAddress.parse(c).toString());
      Postcode.normalise(c).value().ifPresent(p -> said.add(p.toString()));
      said.add(MatchKey.of(MatchKeyType.ADDRESS, c).toString());
      for (MatchKey k : MatchKeys.person(c, c, c, c, LocalDate.of(2018, 4, 17), 'F')) {
        said.add(k.toString());
        Pseudonym.Partner p = ka.partnerKey("essex-cc", 1).pseudonymise(k);
        said.add(p.toString());
        said.add(
            caught(() -> new org.hearth.pseudonymise.Rekeyer(RekeyBundle.empty(), 4).rekey(p)));
      }
      said.add(caught(() -> CurvePoint.decode(c.getBytes(StandardCharsets.UTF_8))));
      said.add(caught(() -> MatchKey.of(MatchKeyType.UPN, "")));
    }
    Path keyFile = dir.resolve("k.pem");
    PartnerKeyFile.write(ka.partnerKey("essex-cc", 1), keyFile, "a good password".toCharArray());
    said.add(caught(() -> PartnerKeyFile.read(keyFile, "9990001237".toCharArray())));

    Path log = Path.of("target/test-logs/tests.log");
    if (Files.exists(log)) {
      said.add(Files.readString(log));
    }
    for (String s : said) {
      for (String canary : CANARIES) {
        assertThat(s).as("output mentions a canary").doesNotContain(canary);
        assertThat(s.replace(" ", "")).doesNotContain(canary.replace(" ", "").replace("/", ""));
      }
    }
    assertThat(said).hasSizeGreaterThan(CANARIES.size() * 8);
  }

  private static String reason(Normalised<?> n) {
    return n.invalid().map(i -> i.rule() + " " + i.explanation()).orElse("");
  }

  private static String caught(Supplier<?> s) {
    try {
      return String.valueOf(s.get());
    } catch (RuntimeException e) {
      StringBuilder all = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        all.append(t).append('\n');
      }
      return all.toString();
    }
  }
}
