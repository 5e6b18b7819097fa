package org.hearth.link.resolve;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hearth.pseudonymise.normalise.BirthDate;
import org.hearth.pseudonymise.normalise.MatchKey;
import org.hearth.pseudonymise.normalise.MatchKeyType;
import org.hearth.pseudonymise.normalise.MatchKeys;
import org.hearth.pseudonymise.normalise.OtherIdentifiers;

/** Records with the tokens the edge's own rules make, in their plaintext-baseline form. */
public final class TestPersons {
  private TestPersons() {}

  public static LinkRecord person(
      String id, String forename, String surname, LocalDate dob, String postcode, String address) {
    List<String> person = new ArrayList<>();
    for (MatchKey k :
        MatchKeys.personFrom(
            null, null, forename, surname, dob == null ? null : BirthDate.of(dob), 'U', postcode)) {
      person.add(KeyId.plaintext(k.type(), k.plaintext()));
    }
    List<String> addresses = new ArrayList<>();
    if (address != null) {
      addresses.add(KeyId.plaintext(MatchKeyType.ADDRESS, "PC|" + postcode + "|" + address + "|"));
    }
    return new LinkRecord(
        "p|d|" + id,
        "p",
        "d",
        "x",
        0,
        addresses.toArray(String[]::new),
        person.toArray(String[]::new),
        new String[0],
        0);
  }

  public static LinkRecord withReference(LinkRecord r, String ref) {
    MatchKey k =
        OtherIdentifiers.keyOf(OtherIdentifiers.Kind.SHARED_REFERENCE, "ns", ref).orElseThrow();
    String[] keys = Arrays.copyOf(r.personKeys(), r.personKeys().length + 1);
    keys[keys.length - 1] = KeyId.plaintext(k.type(), k.plaintext());
    return new LinkRecord(
        r.id(),
        r.partner(),
        r.dataset(),
        r.extractId(),
        0,
        r.addressKeys(),
        keys,
        r.attributes(),
        0);
  }
}
