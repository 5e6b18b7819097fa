package org.hearth.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The county's places: districts, wards (one of them the deprived town ward "Marshside"), LSOAs,
 * postcodes, streets and dwellings with UPRNs.
 *
 * <p>Postcodes use the areas ZX and ZY, which do not exist in the UK: they pass every format rule
 * yet can never be a real address. Geography codes use a 9xxxxx range no ONS code uses.
 */
final class Geography {
  static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

  record District(int index, String name, String slug, String code, List<String> towns) {
    /** The district council's partner id, e.g. basildon-council. */
    String partner() {
      return slug + "-council";
    }
  }

  record Ward(
      int index, District district, String name, String code, String town, double deprivation) {}

  /** Dwelling kinds. */
  static final byte HOUSE = 0;

  static final byte FLAT_IN_BLOCK = 1;
  static final byte CONVERTED_FLAT = 2;
  static final byte HMO_ROOM = 3;

  final List<District> districts = new ArrayList<>();
  final List<Ward> wards = new ArrayList<>();
  // postcodes
  final List<String> postcodeOutward = new ArrayList<>();
  final List<String> postcodeInward = new ArrayList<>();
  final List<Integer> postcodeWard = new ArrayList<>();
  final List<Integer> postcodeLsoa = new ArrayList<>();
  final List<String> lsoaCodes = new ArrayList<>();
  final List<String> streetNames = new ArrayList<>();
  // dwellings, struct of arrays
  int dwellings;
  long[] uprn;
  int[] dwellingPostcode;
  int[] dwellingStreet;
  int[] dwellingNumber;
  byte[] dwellingKind;
  short[] dwellingUnit;
  int[] dwellingBuildingName; // index into BUILDING_NAMES or -1
  int[] dwellingWard;

  static final String[] BUILDING_NAMES = {
    "Churchill Court",
    "Nelson House",
    "Victoria Court",
    "Kingsley House",
    "Riverside Court",
    "Beech House",
    "Marsh View",
    "Orchard Court",
    "Harbour House",
    "Willow Court",
    "Tudor House",
    "Windsor Court"
  };
  private static final String[][] DISTRICTS = {
    {"Basildon", "basildon", "Basildon;Pitsea;Wickford;Billericay;Laindon"},
    {"Braintree", "braintree", "Braintree;Witham;Halstead;Coggeshall"},
    {"Brentwood", "brentwood", "Brentwood;Shenfield;Ingatestone"},
    {"Castle Point", "castle-point", "Canvey Island;Benfleet;Hadleigh"},
    {"Chelmsford", "chelmsford", "Chelmsford;South Woodham Ferrers;Writtle"},
    {"Colchester", "colchester", "Colchester;Wivenhoe;Tiptree"},
    {"Epping Forest", "epping-forest", "Epping;Loughton;Waltham Abbey;Chigwell"},
    {"Harlow", "harlow", "Harlow;Old Harlow"},
    {"Maldon", "maldon", "Maldon;Burnham-on-Crouch;Heybridge"},
    {"Rochford", "rochford", "Rochford;Rayleigh;Hockley"},
    {"Tendring", "tendring", "Clacton-on-Sea;Harwich;Frinton-on-Sea;Walton-on-the-Naze"},
    {"Uttlesford", "uttlesford", "Saffron Walden;Great Dunmow;Stansted Mountfitchet"}
  };
  private static final String[] WARD_SUFFIXES = {
    "North", "South", "East", "West", "Central", "Park", "Green", "Heath", "Village", "Fields",
    "Hill", "Vale", "Common", "Gate", "Meadows", "Lakes"
  };

  static Geography build(Scale scale, long seed) {
    Geography g = new Geography();
    List<String> streets = resource("streets.txt");
    List<String> types = resource("street-types.txt");
    int outwardNumber = 0;
    List<Long> uprns = new ArrayList<>();
    List<int[]> rows = new ArrayList<>(); // postcode, street, number, kind, unit, building, ward
    for (int d = 0; d < scale.districts(); d++) {
      String[] spec = DISTRICTS[d];
      District district =
          new District(
              d,
              spec[0],
              spec[1],
              String.format("E07%06d", 900001 + d),
              List.of(spec[2].split(";")));
      g.districts.add(district);
      for (int w = 0; w < scale.wardsPerDistrict(); w++) {
        int wardIndex = g.wards.size();
        SplittableRandom r = Rng.of(seed, Rng.purpose("ward"), wardIndex);
        boolean deprived = wardIndex == 0;
        String town =
            district
                .towns()
                .get(deprived ? 1 % district.towns().size() : w % district.towns().size());
        String name =
            deprived ? "Marshside" : town + " " + WARD_SUFFIXES[(w + d) % WARD_SUFFIXES.length];
        double dep = deprived ? 0.9 : 0.05 + 0.75 * r.nextDouble();
        Ward ward =
            new Ward(
                wardIndex, district, name, String.format("E05%06d", 900001 + wardIndex), town, dep);
        g.wards.add(ward);
        // dwellings: about 2.35 people per household and 5% vacant
        int target = (int) Math.round(scale.peoplePerWard() / 2.35 * 1.05);
        outwardNumber++;
        String outward = (outwardNumber <= 99 ? "ZX" : "ZY") + ((outwardNumber - 1) % 99 + 1);
        int made = 0;
        int postcodeInWard = 0;
        int streetBase = g.streetNames.size();
        int lsoaStart = g.lsoaCodes.size();
        int lsoas = Math.max(1, (int) Math.round(scale.peoplePerWard() / 1600.0));
        for (int l = 0; l < lsoas; l++) {
          g.lsoaCodes.add(String.format("E01%06d", 900001 + g.lsoaCodes.size()));
        }
        int streetCount = 0;
        int number = 0;
        while (made < target) {
          int pc = g.postcodeOutward.size();
          int sector = 1 + postcodeInWard / 400;
          int unit = postcodeInWard % 400;
          g.postcodeOutward.add(outward);
          g.postcodeInward.add(
              "" + sector + INWARD_LETTERS.charAt(unit / 20) + INWARD_LETTERS.charAt(unit % 20));
          g.postcodeWard.add(wardIndex);
          g.postcodeLsoa.add(lsoaStart + (int) ((long) made * lsoas / target));
          postcodeInWard++;
          // a street runs through three postcodes
          if (postcodeInWard % 3 == 1) {
            int k = (int) (r.nextDouble() * streets.size() * types.size());
            g.streetNames.add(
                streets.get(k % streets.size()) + " " + types.get(k / streets.size()));
            streetCount++;
            number = 0;
          }
          int street = streetBase + streetCount - 1;
          int inPostcode = 10 + r.nextInt(9);
          for (int i = 0; i < inPostcode && made < target; ) {
            number++;
            double kind = r.nextDouble();
            if (kind < 0.05 + 0.10 * dep) {
              // a block of flats sharing one building number
              int flats = 6 + r.nextInt(7);
              int building = r.nextInt(BUILDING_NAMES.length);
              for (int f = 1; f <= flats; f++) {
                rows.add(new int[] {pc, street, number, FLAT_IN_BLOCK, f, building, wardIndex});
              }
              made += flats;
              i += flats;
            } else if (kind < 0.10 + 0.10 * dep) {
              for (int f = 0; f < 2 + r.nextInt(2); f++) {
                rows.add(new int[] {pc, street, number, CONVERTED_FLAT, f, -1, wardIndex});
                made++;
                i++;
              }
            } else if (kind < 0.11 + 0.04 * dep) {
              for (int f = 1; f <= 3 + r.nextInt(3); f++) {
                rows.add(new int[] {pc, street, number, HMO_ROOM, f, -1, wardIndex});
                made++;
                i++;
              }
            } else {
              rows.add(new int[] {pc, street, number, HOUSE, 0, -1, wardIndex});
              made++;
              i++;
            }
          }
        }
      }
    }
    int n = rows.size();
    g.dwellings = n;
    g.uprn = new long[n];
    g.dwellingPostcode = new int[n];
    g.dwellingStreet = new int[n];
    g.dwellingNumber = new int[n];
    g.dwellingKind = new byte[n];
    g.dwellingUnit = new short[n];
    g.dwellingBuildingName = new int[n];
    g.dwellingWard = new int[n];
    for (int i = 0; i < n; i++) {
      int[] row = rows.get(i);
      // 12-digit UPRNs in a block no real authority uses
      g.uprn[i] = 990_000_000_000L + i * 7L + 13;
      g.dwellingPostcode[i] = row[0];
      g.dwellingStreet[i] = row[1];
      g.dwellingNumber[i] = row[2];
      g.dwellingKind[i] = (byte) row[3];
      g.dwellingUnit[i] = (short) row[4];
      g.dwellingBuildingName[i] = row[5];
      g.dwellingWard[i] = row[6];
    }
    uprns.clear();
    return g;
  }

  String postcode(int pc) {
    return postcodeOutward.get(pc) + " " + postcodeInward.get(pc);
  }

  Ward wardOfDwelling(int dwelling) {
    return wards.get(dwellingWard[dwelling]);
  }

  static List<String> resource(String name) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                Geography.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
