package org.hearth.link.resolve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.link.resolve.scoring.AgreementPattern;
import org.hearth.link.resolve.scoring.ExpectationMaximisation;
import org.hearth.link.resolve.scoring.FieldCollisions;
import org.hearth.link.resolve.scoring.PatternCounts;
import org.hearth.link.resolve.scoring.ScoringModel;

/**
 * Households and persons, resolved incrementally. Records and match keys form a graph; a change
 * re-resolves only the part of the graph its keys reach, so a merge or a split re-attributes every
 * record it touches and no other.
 *
 * <ul>
 *   <li>A household is a connected component of records over address keys (a UPRN and a canonical
 *       address on one record make them aliases). Its id is its smallest address key, which is
 *       unique to it.
 *   <li>A person is a cluster within a component over person keys: each pair of records sharing a
 *       key is scored (Fellegi–Sunter, {@link ScoringModel}) on which token families they share,
 *       and probable pairs join, most probable first; a link is refused when it would join two
 *       different NHS numbers or UPNs (counted as an ambiguity). The result depends only on the
 *       records and the model, never on the order records arrived in.
 *   <li>A record without an address (no fixed abode, withheld) lives with the household its
 *       person's other records point to.
 * </ul>
 *
 * Where state lives is the {@link Store}'s business: Flink keyed state in the job, maps in tests
 * and in the plaintext baseline.
 */
public final class LinkageGraph {

  /** Where records, key postings and assignments live. */
  public interface Store {
    LinkRecord record(String id);

    void putRecord(LinkRecord r);

    void removeRecord(String id);

    /** How many records hold the key: 0 when none ({@link Postings}). */
    int postingSize(String keyId);

    /** Sets how many records hold the key; 0 removes it. */
    void putPostingSize(String keyId, int size);

    /** One block of the key's holders, or null. */
    String[] postingBlock(String keyId, int block);

    /** Replaces one block of the key's holders; an empty array removes it. */
    void putPostingBlock(String keyId, int block, String[] ids);

    Assignment assignment(String id);

    void putAssignment(String id, Assignment a);

    void removeAssignment(String id);

    /** Every record id (to find what a full extract no longer has). */
    Iterable<String> recordIds();
  }

  /** Which household and person a record is attributed to (person null: no person keys). */
  public record Assignment(String household, String person) {}

  /** Receives the consequences of a change. */
  public interface Changes {
    void upsert(LinkRecord r, Assignment a);

    void delete(LinkRecord r);
  }

  /**
   * A key held by more records than this is too common to make candidate pairs or to connect a
   * component (a common name pair in a city): it still counts in every pair's pattern.
   */
  static final int MAX_BLOCK = 64;

  private final Store store;
  private ScoringModel model;
  private long ambiguities;

  /**
   * Refusals found in the change under way, each once: a pair of record ids, or a street key that
   * would have joined households with different postcodes. A component that one change reaches from
   * several keys, or that each extract re-resolves, used to count its refusals again (measured: the
   * ward demo's count rose from 344 to 1,196 with the same households and persons).
   */
  private final Set<String> refusedInChange = new HashSet<>();

  public LinkageGraph(Store store) {
    this(store, ScoringModel.initial(FieldCollisions.TYPICAL, 100_000));
  }

  public LinkageGraph(Store store, ScoringModel model) {
    this.store = store;
    this.model = model;
  }

  /** The model pairs are scored with now. */
  public ScoringModel model() {
    return model;
  }

  /**
   * Scores with a new model from now on and re-resolves every person under it, reporting the
   * records whose attribution changed.
   */
  public void rescore(ScoringModel next, Changes out) {
    this.model = next;
    Set<String> personSeeds = new TreeSet<>();
    for (String id : store.recordIds()) {
      for (String k : store.record(id).personKeys()) {
        if (KeyId.linksPersons(k)) {
          personSeeds.add(k);
        }
      }
    }
    resolve(new TreeSet<>(), personSeeds, new LinkedHashSet<>(), out);
    countRefusals();
  }

  private void refuse(String a, String b) {
    refusedInChange.add(a.compareTo(b) < 0 ? a + '\n' + b : b + '\n' + a);
  }

  private void countRefusals() {
    ambiguities += refusedInChange.size();
    refusedInChange.clear();
  }

  /**
   * Records whose candidate pairs the model is estimated from, at most: EM needs thousands of pairs
   * to settle m and the prior, and every pair read is a record deserialised from state, so a
   * county's every pair cost a heap's worth (measured: the county run never finished).
   */
  static final long ESTIMATION_SAMPLE = 20_000;

  /**
   * Candidate pairs (two records sharing a key that is not too common), each once, with their
   * agreement patterns, drawn from a deterministic sample of records: a pair is counted when either
   * of its records is sampled, so {@code pairShare} of all candidate pairs is expected in it. The
   * same records give the same sample, so a restart estimates the same model.
   */
  public record PairSample(PatternCounts patterns, double pairShare) {}

  /** Every candidate pair when the graph holds at most {@code sampleRecords}, else a sample. */
  public PairSample candidatePatterns(long records, long sampleRecords) {
    double f = records <= sampleRecords ? 1.0 : (double) sampleRecords / records;
    PatternCounts out = new PatternCounts();
    for (String id : store.recordIds()) {
      if (!sampled(id, f)) {
        continue;
      }
      LinkRecord r = store.record(id);
      Set<String> seen = new HashSet<>();
      for (String k : r.personKeys()) {
        if (!KeyId.linksPersons(k)) {
          continue;
        }
        int size = Postings.size(store, k);
        if (size == 0 || size > MAX_BLOCK) {
          continue;
        }
        for (String other : Postings.all(store, k)) {
          boolean countedFromOther = sampled(other, f) && other.compareTo(id) <= 0;
          if (!countedFromOther && !other.equals(id) && seen.add(other)) {
            out.add(AgreementPattern.of(r, store.record(other)));
          }
        }
      }
    }
    return new PairSample(out, 1 - (1 - f) * (1 - f));
  }

  /** A fixed, well-mixed draw per record id: String.hashCode is specified, so runs agree. */
  static boolean sampled(String id, double fraction) {
    if (fraction >= 1) {
      return true;
    }
    long h = id.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return (h >>> 11) * 0x1.0p-53 < fraction;
  }

  /**
   * A model estimated on the graph as it is now: m and the prior by expectation–maximisation over
   * the candidate pairs of at most {@link #ESTIMATION_SAMPLE} records, starting from the current
   * model; u from the measured field collisions.
   */
  public ScoringModel estimate(FieldCollisions collisions) {
    long records = size();
    PairSample sample = candidatePatterns(records, ESTIMATION_SAMPLE);
    double allPairs = (double) records * (records - 1) / 2;
    return ExpectationMaximisation.estimate(
        sample.patterns(), allPairs * sample.pairShare(), model.withCollisions(collisions), 100);
  }

  /** Scores new pairs with this model without re-resolving what is already resolved. */
  public void useModel(ScoringModel next) {
    this.model = next;
  }

  /** How many records the graph holds. */
  public long size() {
    long n = 0;
    for (String ignored : store.recordIds()) {
      n++;
    }
    return n;
  }

  /**
   * Links refused so far because the records contradict each other (different NHS numbers or UPNs,
   * forenames or dates of birth) or a street would join two postcodes: each refusal once per change
   * that re-resolves it.
   */
  public long ambiguities() {
    return ambiguities;
  }

  /** Ids of every record a partner's dataset holds now. */
  public List<String> recordsOf(String partner, String dataset) {
    String prefix = LinkRecord.datasetPrefix(partner, dataset);
    List<String> ids = new ArrayList<>();
    for (String id : store.recordIds()) {
      if (id.startsWith(prefix)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * Applies upserts and retractions together and reports every record whose attribution changed,
   * every upserted record, and every retracted one.
   */
  public void apply(Collection<LinkRecord> upserts, Collection<String> retractions, Changes out) {
    Set<String> addressSeeds = new TreeSet<>();
    Set<String> personSeeds = new TreeSet<>();
    Set<String> dirty = new LinkedHashSet<>();
    for (String id : retractions) {
      LinkRecord old = store.record(id);
      if (old == null) {
        continue;
      }
      unindex(old, Set.of());
      seed(old, addressSeeds, personSeeds);
      store.removeRecord(id);
      store.removeAssignment(id);
      dirty.remove(id);
      out.delete(old);
    }
    for (LinkRecord r : upserts) {
      LinkRecord old = store.record(r.id());
      store.putRecord(r);
      dirty.add(r.id());
      if (old != null && sameKeys(old, r)) {
        continue;
      }
      Set<String> before = old == null ? Set.of() : keysOf(old);
      if (old != null) {
        unindex(old, keysOf(r));
        seed(old, addressSeeds, personSeeds);
      }
      index(r, before);
      seed(r, addressSeeds, personSeeds);
    }
    resolve(addressSeeds, personSeeds, dirty, out);
    countRefusals();
  }

  private void resolve(
      Set<String> addressSeeds, Set<String> personSeeds, Set<String> dirty, Changes out) {
    Map<String, String> household = new HashMap<>();
    Set<String> visited = new HashSet<>();
    for (String k : addressSeeds) {
      if (visited.contains(k)) {
        continue;
      }
      household.putAll(households(addressComponent(k, visited)));
    }
    for (var e : household.entrySet()) {
      Assignment a = store.assignment(e.getKey());
      if (a == null || !e.getValue().equals(a.household())) {
        LinkRecord r = store.record(e.getKey());
        for (String k : r.personKeys()) {
          if (KeyId.linksPersons(k)) {
            personSeeds.add(k);
          }
        }
      }
    }

    Map<String, String> person = new HashMap<>();
    Set<String> placed = new HashSet<>();
    for (String k : personSeeds) {
      if (!KeyId.linksPersons(k)) {
        continue;
      }
      for (List<LinkRecord> cluster : clusters(linkedComponent(k, placed))) {
        String id = personOf(cluster.get(0));
        for (LinkRecord r : cluster) {
          person.put(r.id(), id);
        }
        // records with no address live where the rest of their person's records do
        String home = homeOf(cluster, household);
        for (LinkRecord r : cluster) {
          if (r.addressKeys().length == 0) {
            household.put(r.id(), home != null ? home : "N" + id);
          }
        }
      }
    }

    Set<String> touched = new LinkedHashSet<>(dirty);
    touched.addAll(household.keySet());
    touched.addAll(person.keySet());
    for (String id : touched) {
      LinkRecord r = store.record(id);
      if (r == null) {
        continue;
      }
      Assignment before = store.assignment(id);
      String h = household.get(id);
      if (h == null) {
        h = before != null ? before.household() : orphanHousehold(r);
      }
      String p = person.containsKey(id) ? person.get(id) : before != null ? before.person() : null;
      if (p == null && !hasLinkingPersonKey(r)) {
        p = hasAnyPersonKey(r) ? personOf(r) : null;
      }
      Assignment now = new Assignment(h, p);
      if (!now.equals(before) || dirty.contains(id)) {
        store.putAssignment(id, now);
        out.upsert(r, now);
      }
    }
  }

  /** The record, or null when the graph does not hold it. */
  public LinkRecord record(String id) {
    return store.record(id);
  }

  /** Where a record is attributed now, or null when the graph does not hold it. */
  public Assignment assignment(String id) {
    return store.assignment(id);
  }

  /** Every record id the graph holds. */
  public Iterable<String> recordIds() {
    return store.recordIds();
  }

  /** Records holding the key (empty when none). */
  public List<String> holders(String keyId) {
    return Arrays.asList(Postings.all(store, keyId));
  }

  /**
   * Every record attributed to the same person as this one, itself included. A person is connected
   * by its linking keys, so following them among records of that person finds all of it.
   */
  public Set<String> personRecords(String id) {
    Set<String> out = new LinkedHashSet<>();
    Assignment a = store.assignment(id);
    if (a == null) {
      return out;
    }
    out.add(id);
    if (a.person() == null) {
      return out;
    }
    ArrayDeque<String> queue = new ArrayDeque<>(out);
    Set<String> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      for (String k : store.record(queue.poll()).personKeys()) {
        if (!KeyId.linksPersons(k) || !seen.add(k)) {
          continue;
        }
        for (String other : holders(k)) {
          Assignment b = store.assignment(other);
          if (b != null && a.person().equals(b.person()) && out.add(other)) {
            queue.add(other);
          }
        }
      }
    }
    return out;
  }

  /** A record no component reached: its own address key, or a household of its own. */
  private static String orphanHousehold(LinkRecord r) {
    return r.addressKeys().length > 0 ? r.addressKeys()[0] : "N" + personOf(r);
  }

  private static String personOf(LinkRecord r) {
    return "P" + r.id();
  }

  private static boolean hasLinkingPersonKey(LinkRecord r) {
    for (String k : r.personKeys()) {
      if (KeyId.linksPersons(k)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAnyPersonKey(LinkRecord r) {
    return r.personKeys().length > 0;
  }

  /** The household a record's own address places it in, or null when it has no address. */
  private String addressHousehold(LinkRecord r, Map<String, String> fresh) {
    if (r.addressKeys().length == 0) {
      return null;
    }
    String h = fresh.get(r.id());
    if (h != null) {
      return h;
    }
    Assignment a = store.assignment(r.id());
    return a != null ? a.household() : null;
  }

  /** The most common household among a person's addressed records; ties go to the smallest id. */
  private String homeOf(List<LinkRecord> cluster, Map<String, String> fresh) {
    Map<String, Integer> votes = new HashMap<>();
    for (LinkRecord r : cluster) {
      String h = addressHousehold(r, fresh);
      if (h != null) {
        votes.merge(h, 1, Integer::sum);
      }
    }
    String best = null;
    int most = 0;
    for (var e : votes.entrySet()) {
      if (e.getValue() > most || (e.getValue() == most && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /**
   * The holders of a person key and every record joined to them by a link (a candidate pair that
   * {@link #clusters} would join): the union of the link graph's components that a change at this
   * key can touch. Following every shared key instead reached most of a county through chains of
   * namesakes and shared surnames once weaker keys were added (measured: one extract re-resolved a
   * component of the whole graph). Links never cross components, so clustering a component gives
   * the same persons as clustering everything around it. Records already {@code placed} in this
   * change are skipped: their components are done.
   */
  private Set<String> linkedComponent(String start, Set<String> placed) {
    Set<String> records = new LinkedHashSet<>();
    int firstSize = Postings.size(store, start);
    if (firstSize == 0 || firstSize > MAX_BLOCK) {
      return records;
    }
    String[] first = Postings.all(store, start);
    ArrayDeque<String> queue = new ArrayDeque<>();
    for (String id : first) {
      if (placed.add(id)) {
        records.add(id);
        queue.add(id);
      }
    }
    while (!queue.isEmpty()) {
      LinkRecord r = store.record(queue.poll());
      Set<String> checked = new HashSet<>();
      for (String k : r.personKeys()) {
        if (!KeyId.linksPersons(k)) {
          continue;
        }
        if (Postings.size(store, k) > MAX_BLOCK && !KeyId.decides(k)) {
          continue;
        }
        for (String other : Postings.all(store, k)) {
          if (placed.contains(other) || !checked.add(other)) {
            continue;
          }
          LinkRecord o = store.record(other);
          if (linkProbability(r, o, false) >= 0) {
            placed.add(other);
            records.add(other);
            queue.add(other);
          } else if (refused(r, o)) {
            refuse(r.id(), other);
          }
        }
      }
    }
    return records;
  }

  /** A pair the model would link but a contradiction refuses: counted as an ambiguity. */
  private boolean refused(LinkRecord a, LinkRecord b) {
    return model.probability(AgreementPattern.of(a, b)) >= ScoringModel.THRESHOLD
        && (AgreementPattern.forenamesContradict(a, b) || AgreementPattern.datesContradict(a, b))
        && !AgreementPattern.shareIdentifier(a, b);
  }

  /**
   * How likely two records are one person when {@link #clusters} links them, or -1 when it does
   * not: a shared NHS number or UPN decides; otherwise the model, unless first names or dates of
   * birth contradict and no identifier is shared (a parent and child of one name).
   */
  private double linkProbability(LinkRecord a, LinkRecord b, boolean countRefusal) {
    String nhs = keyOf(a, 'N');
    String upn = keyOf(a, 'S');
    if ((nhs != null && nhs.equals(keyOf(b, 'N'))) || (upn != null && upn.equals(keyOf(b, 'S')))) {
      return 1.0;
    }
    double p = model.probability(AgreementPattern.of(a, b));
    if (p < ScoringModel.THRESHOLD) {
      return -1;
    }
    if ((AgreementPattern.forenamesContradict(a, b) || AgreementPattern.datesContradict(a, b))
        && !AgreementPattern.shareIdentifier(a, b)) {
      if (countRefusal) {
        refuse(a.id(), b.id());
      }
      return -1;
    }
    return p;
  }

  /** The record's person key of this type (NHS number 'N', UPN 'S'), or null. */
  private static String keyOf(LinkRecord r, char type) {
    for (String k : r.personKeys()) {
      if (k.charAt(0) == type) {
        return k;
      }
    }
    return null;
  }

  /** Records reachable from a key over address keys. */
  private Set<String> addressComponent(String start, Set<String> visited) {
    Set<String> records = new LinkedHashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    queue.add(start);
    visited.add(start);
    while (!queue.isEmpty()) {
      for (String id : Postings.all(store, queue.poll())) {
        if (records.add(id)) {
          for (String next : store.record(id).addressKeys()) {
            if (visited.add(next)) {
              queue.add(next);
            }
          }
        }
      }
    }
    return records;
  }

  /**
   * Households within a component over every address key. UPRNs and postcode addresses join
   * records. A street key then joins the households holding it unless two of them have different
   * postcode addresses or different UPRNs: towns have two streets of one name, and the postcode or
   * UPRN is what tells them apart. A refused street link is counted; the records with neither still
   * join each other. Ids: the smallest UPRN or postcode address, or for records placed by street
   * keys alone the smallest street key, which no other household can then hold.
   */
  private Map<String, String> households(Set<String> ids) {
    List<LinkRecord> records = sortedRecords(ids);
    int n = records.size();
    int[] parent = identity(n);
    Map<String, List<Integer>> holders = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      for (String k : records.get(i).addressKeys()) {
        holders.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
      }
    }
    for (var e : holders.entrySet()) {
      if (KeyId.placesFirmly(e.getKey())) {
        unionAll(parent, e.getValue());
      }
    }
    // what each firm household is known by, decided before any street key joins anything
    int[] firmRoot = new int[n];
    boolean[] hasPostcode = new boolean[n];
    boolean[] hasUprn = new boolean[n];
    for (int i = 0; i < n; i++) {
      firmRoot[i] = find(parent, i);
      for (String k : records.get(i).addressKeys()) {
        hasPostcode[firmRoot[i]] |= KeyId.isPostcodeAddress(k);
        hasUprn[firmRoot[i]] |= KeyId.isUprn(k);
      }
    }
    for (var e : holders.entrySet()) {
      if (KeyId.placesFirmly(e.getKey())) {
        continue;
      }
      Set<Integer> postcoded = new HashSet<>();
      Set<Integer> uprned = new HashSet<>();
      for (int i : e.getValue()) {
        if (hasPostcode[firmRoot[i]]) {
          postcoded.add(firmRoot[i]);
        }
        if (hasUprn[firmRoot[i]]) {
          uprned.add(firmRoot[i]);
        }
      }
      if (postcoded.size() <= 1 && uprned.size() <= 1) {
        unionAll(parent, e.getValue());
        continue;
      }
      refuse("street", e.getKey());
      List<Integer> unplaced = new ArrayList<>();
      for (int i : e.getValue()) {
        if (!hasPostcode[firmRoot[i]] && !hasUprn[firmRoot[i]]) {
          unplaced.add(i);
        }
      }
      unionAll(parent, unplaced);
    }
    Map<Integer, String> names = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      for (String k : records.get(i).addressKeys()) {
        names.merge(root, k, LinkageGraph::better);
      }
    }
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(records.get(i).id(), names.get(find(parent, i)));
    }
    return out;
  }

  /** The household name: firm keys before street keys, then the smaller. */
  private static String better(String a, String b) {
    boolean fa = KeyId.placesFirmly(a);
    boolean fb = KeyId.placesFirmly(b);
    if (fa != fb) {
      return fa ? a : b;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void unionAll(int[] parent, List<Integer> members) {
    for (int i = 1; i < members.size(); i++) {
      union(parent, members.get(0), members.get(i));
    }
  }

  /** Joins two sets under the smaller root, as {@link #clusters} does. */
  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  private List<LinkRecord> sortedRecords(Set<String> ids) {
    List<LinkRecord> records = new ArrayList<>(ids.size());
    for (String id : ids) {
      records.add(store.record(id));
    }
    records.sort((a, b) -> a.id().compareTo(b.id()));
    return records;
  }

  private static int[] identity(int n) {
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    return parent;
  }

  /**
   * Person clusters within one component, by scoring: every pair of records that shares a key (not
   * too common) is scored with the model; pairs at or above {@link ScoringModel#THRESHOLD} join,
   * most probable first, records in id order on ties. An NHS number or UPN in common always joins;
   * two different ones never do, and neither do two records whose forenames contradict (twins,
   * siblings) or whose names agree but dates of birth contradict (a parent and child of one name),
   * unless a declared identifier agrees. A refused pair is counted as an ambiguity. The result
   * depends only on the records, never on the order they arrived in.
   */
  private List<List<LinkRecord>> clusters(Set<String> ids) {
    List<LinkRecord> records = sortedRecords(ids);
    int n = records.size();
    int[] parent = identity(n);
    String[] nhs = new String[n];
    String[] upn = new String[n];
    Map<String, List<Integer>> holders = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      for (String k : records.get(i).personKeys()) {
        if (k.charAt(0) == 'N') {
          nhs[i] = k;
        } else if (k.charAt(0) == 'S') {
          upn[i] = k;
        }
        if (KeyId.linksPersons(k)) {
          holders.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        }
      }
    }
    Set<Long> seen = new HashSet<>();
    List<ScoredPair> links = new ArrayList<>();
    for (var e : holders.entrySet()) {
      List<Integer> h = e.getValue();
      if (h.size() < 2 || (h.size() > MAX_BLOCK && !KeyId.decides(e.getKey()))) {
        continue;
      }
      for (int x = 0; x < h.size(); x++) {
        for (int y = x + 1; y < h.size(); y++) {
          int a = h.get(x);
          int b = h.get(y);
          if (!seen.add(((long) a << 32) | b)) {
            continue;
          }
          double p = linkProbability(records.get(a), records.get(b), true);
          if (p >= 0) {
            links.add(new ScoredPair(p, a, b));
          }
        }
      }
    }
    links.sort(
        Comparator.comparingDouble(ScoredPair::probability)
            .reversed()
            .thenComparingInt(ScoredPair::a)
            .thenComparingInt(ScoredPair::b));
    for (ScoredPair l : links) {
      int a = find(parent, l.a());
      int b = find(parent, l.b());
      if (a == b) {
        continue;
      }
      if (conflict(nhs[a], nhs[b]) || conflict(upn[a], upn[b])) {
        refuse(records.get(l.a()).id(), records.get(l.b()).id());
        continue;
      }
      int root = Math.min(a, b);
      int child = Math.max(a, b);
      parent[child] = root;
      nhs[root] = nhs[root] != null ? nhs[root] : nhs[child];
      upn[root] = upn[root] != null ? upn[root] : upn[child];
    }
    Map<Integer, List<LinkRecord>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byRoot.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).add(records.get(i));
    }
    return new ArrayList<>(byRoot.values());
  }

  private record ScoredPair(double probability, int a, int b) {}

  private static boolean conflict(String a, String b) {
    return a != null && b != null && !a.equals(b);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void seed(LinkRecord r, Set<String> address, Set<String> person) {
    address.addAll(Arrays.asList(r.addressKeys()));
    for (String k : r.personKeys()) {
      if (KeyId.linksPersons(k)) {
        person.add(k);
      }
    }
  }

  /** Adds the record to the postings of the keys it has and {@code before} had not. */
  private void index(LinkRecord r, Set<String> before) {
    for (String k : keysOf(r)) {
      if (!before.contains(k)) {
        Postings.add(store, k, r.id());
      }
    }
  }

  /** Removes the record from the postings of the keys it had and {@code after} has not. */
  private void unindex(LinkRecord r, Set<String> after) {
    for (String k : keysOf(r)) {
      if (!after.contains(k)) {
        Postings.remove(store, k, r.id());
      }
    }
  }

  /** Keys that carry links; surname and year of birth is not indexed because it never links. */
  private static Set<String> keysOf(LinkRecord r) {
    Set<String> keys = new LinkedHashSet<>(Arrays.asList(r.addressKeys()));
    for (String k : r.personKeys()) {
      if (KeyId.linksPersons(k)) {
        keys.add(k);
      }
    }
    return keys;
  }

  /**
   * Whether two versions of a record have the same keys. Linking reads keys alone, so a record that
   * comes again with the same keys (most of a full extract that replaces the last one) changes no
   * posting and no other record's attribution: only its own row is rewritten.
   */
  private static boolean sameKeys(LinkRecord a, LinkRecord b) {
    return Set.of(a.addressKeys()).equals(Set.of(b.addressKeys()))
        && Set.of(a.personKeys()).equals(Set.of(b.personKeys()));
  }
}
