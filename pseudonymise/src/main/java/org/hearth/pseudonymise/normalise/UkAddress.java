package org.hearth.pseudonymise.normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UK address reduced to what identifies the dwelling: sub-unit (flat), building number or name,
 * street and town, each canonical. "10A High St", "Flat A, 10 High Street" and "10 A HIGH STREET"
 * all become number 10, sub-unit A, HIGH STREET.
 */
public record UkAddress(
    Optional<String> subUnit,
    Optional<String> number,
    Optional<String> buildingName,
    Optional<String> street,
    Optional<String> town) {

  private static final Map<String, String> STREET_WORDS =
      Map.ofEntries(
          Map.entry("RD", "ROAD"),
          Map.entry("ST", "STREET"),
          Map.entry("AVE", "AVENUE"),
          Map.entry("AV", "AVENUE"),
          Map.entry("CL", "CLOSE"),
          Map.entry("CRES", "CRESCENT"),
          Map.entry("CRESC", "CRESCENT"),
          Map.entry("DR", "DRIVE"),
          Map.entry("GDNS", "GARDENS"),
          Map.entry("GRN", "GREEN"),
          Map.entry("GR", "GROVE"),
          Map.entry("GRO", "GROVE"),
          Map.entry("LN", "LANE"),
          Map.entry("PL", "PLACE"),
          Map.entry("SQ", "SQUARE"),
          Map.entry("TER", "TERRACE"),
          Map.entry("TERR", "TERRACE"),
          Map.entry("CT", "COURT"),
          Map.entry("PK", "PARK"),
          Map.entry("WY", "WAY"),
          Map.entry("HSE", "HOUSE"),
          Map.entry("BLDGS", "BUILDINGS"),
          Map.entry("CHASE", "CHASE"),
          Map.entry("MWS", "MEWS"),
          Map.entry("PDE", "PARADE"),
          Map.entry("HTS", "HEIGHTS"),
          Map.entry("EST", "ESTATE"),
          Map.entry("WLK", "WALK"),
          Map.entry("GT", "GREAT"),
          Map.entry("LT", "LITTLE"),
          Map.entry("UPR", "UPPER"),
          Map.entry("LWR", "LOWER"),
          Map.entry("NTH", "NORTH"),
          Map.entry("STH", "SOUTH"),
          Map.entry("CTR", "CENTRE"),
          Map.entry("CNR", "CORNER"));
  private static final Pattern SUB_UNIT =
      Pattern.compile(
          "^(?:FLAT|FLT|APARTMENT|APT|UNIT|ROOM|RM|STUDIO|MAISONETTE)\\s*(?:NO\\s*)?([0-9]+[A-Z]?|[A-Z])\\b\\s*");
  private static final Pattern FLOOR_FLAT =
      Pattern.compile(
          "^(GROUND|BASEMENT|LOWER GROUND|FIRST|SECOND|THIRD|TOP)\\s+(?:FLOOR\\s+)?FLAT\\b\\s*");
  private static final Pattern SLASH_UNIT =
      Pattern.compile("^([0-9]+)\\s*/\\s*([0-9]+[A-Z]?)\\b\\s*");
  private static final Pattern NUMBER =
      Pattern.compile("^([0-9]+)\\s*([A-Z])?(?:\\s*-\\s*[0-9]+[A-Z]?)?\\b\\s*(.*)$");

  /**
   * @param lines address lines as the partner holds them (any may be blank); a trailing postcode in
   *     the lines is ignored (give it to {@link Postcode})
   */
  public static UkAddress parse(List<String> lines) {
    List<String> parts = new ArrayList<>();
    for (String l : lines) {
      if (l == null) {
        continue;
      }
      for (String p : clean(l).split(",")) {
        String t = p.trim();
        if (!t.isEmpty() && !looksLikePostcode(t)) {
          parts.addAll(splitRun(t));
        }
      }
    }
    String subUnit = null;
    String number = null;
    String building = null;
    String street = null;
    List<String> rest = new ArrayList<>();
    int firstNumbered = firstNumberedPart(parts);
    for (int index = 0; index < parts.size(); index++) {
      String part = parts.get(index);
      String p = part;
      Matcher m;
      if (subUnit == null && (m = SUB_UNIT.matcher(p)).find()) {
        subUnit = m.group(1);
        p = p.substring(m.end()).trim();
      } else if (subUnit == null && (m = FLOOR_FLAT.matcher(p)).find()) {
        subUnit = floor(m.group(1));
        p = p.substring(m.end()).trim();
      } else if (subUnit == null && number == null && (m = SLASH_UNIT.matcher(p)).find()) {
        // Scottish style 3/2: building 3, flat 2
        number = m.group(1);
        subUnit = m.group(2);
        p = p.substring(m.end()).trim();
      }
      if (p.isEmpty()) {
        continue;
      }
      if (street == null && (m = NUMBER.matcher(p)).matches()) {
        if (number == null) {
          number = m.group(1);
          if (m.group(2) != null && subUnit == null) {
            subUnit = m.group(2);
          }
          if (!m.group(3).isBlank()) {
            street = streetName(m.group(3));
          }
          continue;
        }
        // a number after the building's: the flat number came first ("3, 10 High St")
        if (subUnit == null) {
          subUnit = number;
          number = m.group(1);
          street = m.group(3).isBlank() ? null : streetName(m.group(3));
          continue;
        }
      }
      boolean beforeNumberedStreet = firstNumbered > index;
      if (street == null
          && number == null
          && building == null
          && (!isStreetLike(p) || beforeNumberedStreet)) {
        // "Churchill Court, 5 Mill Road": a named part before the numbered street is the building
        building = streetName(p);
      } else if (street == null && isStreetLike(p)) {
        street = streetName(p);
      } else if (street == null && number != null) {
        street = streetName(p);
      } else {
        rest.add(p);
      }
    }
    if (building != null && number == null && street == null && rest.isEmpty()) {
      // a lone name with no street is a locality ("Basildon"), not a dwelling
      rest.add(building);
      building = null;
    }
    String town = rest.isEmpty() ? null : rest.get(rest.size() - 1);
    return new UkAddress(
        Optional.ofNullable(subUnit),
        Optional.ofNullable(number),
        Optional.ofNullable(building),
        Optional.ofNullable(street),
        Optional.ofNullable(town));
  }

  private static int firstNumberedPart(List<String> parts) {
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      Matcher m = SUB_UNIT.matcher(p);
      if (m.find()) {
        p = p.substring(m.end()).trim();
      }
      if (!p.isEmpty() && NUMBER.matcher(p).matches()) {
        return i;
      }
    }
    return -1;
  }

  public static UkAddress parse(String oneLine) {
    return parse(List.of(oneLine));
  }

  /** What identifies the dwelling within its street or postcode: number, else building name. */
  public Optional<String> premises() {
    return number.or(() -> buildingName.map(b -> b.replace(" ", "")));
  }

  /** Upper-case ASCII with commas, slashes and hyphens kept: they carry structure. */
  private static String clean(String raw) {
    String folded =
        java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "");
    return folded
        .toUpperCase(Locale.ROOT)
        .replaceAll("['’‘`´]", "")
        .replaceAll("[^A-Z0-9,/\\- ]", " ")
        .replaceAll("\\s+", " ")
        .trim();
  }

  private static boolean looksLikePostcode(String s) {
    return Postcode.normalise(s).isOk() && s.replace(" ", "").length() <= 7;
  }

  private static boolean isStreetLike(String p) {
    String[] w = p.split(" ");
    return isStreetWord(w[w.length - 1]);
  }

  /** Qualifiers in the abbreviation table that are not street types ("South Woodham Ferrers"). */
  private static final java.util.Set<String> QUALIFIERS =
      java.util.Set.of(
          "NORTH", "SOUTH", "EAST", "WEST", "NTH", "STH", "UPPER", "LOWER", "UPR", "LWR", "GREAT",
          "LITTLE", "GT", "LT", "CENTRE", "CTR", "CORNER", "CNR");

  private static boolean isStreetWord(String w) {
    if (QUALIFIERS.contains(w)) {
      return false;
    }
    return STREET_WORDS.containsKey(w)
        || STREET_WORDS.containsValue(w)
        || w.equals("HILL")
        || w.equals("ROW")
        || w.equals("VIEW")
        || w.equals("RISE");
  }

  private static final java.util.Set<String> UNIT_WORDS =
      java.util.Set.of(
          "FLAT", "FLT", "APARTMENT", "APT", "UNIT", "ROOM", "RM", "STUDIO", "MAISONETTE", "NO");

  private static boolean isNumber(String t) {
    return t.matches("[0-9]+[A-Z]?");
  }

  /**
   * Splits a comma-less run such as "FLAT 10 WINDSOR COURT 6 BRAMBLE ROAD PITSEA" (as police
   * systems write addresses) where commas would have been: before a building number that follows a
   * name, and after the last street word (so "PARK ROAD" stays one street).
   */
  static List<String> splitRun(String part) {
    String[] t = part.split(" ");
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < t.length; i++) {
      if (isNumber(t[i]) && i > 0 && cur.length() > 0) {
        String prev = t[i - 1];
        boolean unitBefore =
            UNIT_WORDS.contains(prev)
                || (i > 1 && UNIT_WORDS.contains(t[i - 2]) && prev.matches("[A-Z]|[0-9]+[A-Z]?"));
        if (!unitBefore && !isNumber(prev)) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      }
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(t[i]);
      boolean saint = t[i].equals("ST") && isNumber(t[i - (i > 0 ? 1 : 0)]);
      if (i > 0 && i + 1 < t.length && isStreetWord(t[i]) && !saint) {
        boolean more = false;
        for (int j = i + 1; j < t.length; j++) {
          more |= isStreetWord(t[j]) || isNumber(t[j]);
        }
        if (!more) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  static String streetName(String raw) {
    String[] w = raw.trim().split(" ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      String word = w[i];
      if (word.isEmpty()) {
        continue;
      }
      String expanded;
      if (word.equals("ST")) {
        expanded = i == w.length - 1 ? "STREET" : "SAINT";
      } else if (word.equals("N") || word.equals("S") || word.equals("E") || word.equals("W")) {
        expanded =
            i == w.length - 1
                ? Map.of("N", "NORTH", "S", "SOUTH", "E", "EAST", "W", "WEST").get(word)
                : word;
      } else {
        expanded = STREET_WORDS.getOrDefault(word, word);
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(expanded);
    }
    return out.toString();
  }

  private static String floor(String f) {
    return switch (f) {
      case "GROUND" -> "GF";
      case "BASEMENT", "LOWER GROUND" -> "BF";
      case "FIRST" -> "1F";
      case "SECOND" -> "2F";
      case "THIRD" -> "3F";
      default -> "TF";
    };
  }

  @Override
  public String toString() {
    return "UkAddress[parsed]";
  }
}
