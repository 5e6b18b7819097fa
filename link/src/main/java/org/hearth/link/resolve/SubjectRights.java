package org.hearth.link.resolve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data subjects' rights over the linkage graph. A subject is found by the person keys a partner
 * sends and is every record resolution attributes to the person(s) holding them, whichever partner
 * sent those records.
 *
 * <ul>
 *   <li>A restriction withholds all of them from analysts until a request with the same keys lifts
 *       it. It stands on the keys, so records that arrive later and resolve to that person are
 *       withheld too.
 *   <li>An erasure removes them from the graph and keeps the keys on an erasure list: a record that
 *       later arrives carrying one is dropped on arrival. An erasure cannot be lifted.
 * </ul>
 *
 * Holds are linkage-domain keys: no partner could recognise one, and none is an identifier.
 */
public final class SubjectRights {

  /**
   * A restriction or erasure standing on one key. It remembers the NHS number and UPN keys of the
   * request that placed it, so a name-and-birth key does not also catch a different person who
   * shares it (a twin, a namesake).
   */
  public record Hold(SubjectRequest.Kind kind, String nhs, String upn) {}

  /** Where holds live: Flink keyed state in the job, a map in tests. */
  public interface Holds {
    /** The hold on a key, or null. */
    Hold get(String key);

    void put(String key, Hold hold);

    void remove(String key);

    boolean isEmpty();
  }

  /** What analysts should now see of each record a change touched. */
  public interface Output {
    void upsert(LinkRecord r, LinkageGraph.Assignment a);

    /** Held back by a restriction: kept in the graph, shown to no one. */
    void withhold(LinkRecord r);

    void delete(LinkRecord r);
  }

  private final LinkageGraph graph;
  private final Holds holds;

  public SubjectRights(LinkageGraph graph, Holds holds) {
    this.graph = graph;
    this.holds = holds;
  }

  /**
   * Applies an extract's upserts and retractions to the graph. Upserts carrying an erased key are
   * retracted instead. Returns how many were dropped that way.
   */
  public int apply(Collection<LinkRecord> upserts, Collection<String> retractions, Output out) {
    List<LinkRecord> kept = new ArrayList<>(upserts.size());
    List<String> retract = new ArrayList<>(retractions);
    int erased = 0;
    for (LinkRecord r : upserts) {
      if (!holds.isEmpty() && held(List.of(r), SubjectRequest.Kind.ERASE)) {
        retract.add(r.id());
        erased++;
      } else {
        kept.add(r);
      }
    }
    publish(change(kept, retract, out), out);
    return erased;
  }

  /** Carries out one request and says what it did. */
  public SubjectOutcome request(SubjectRequest q, long nowMillis, Output out) {
    List<String> keys = subjectKeys(q);
    String nhs = strong(keys, 'N');
    String upn = strong(keys, 'S');
    Set<String> subject = new LinkedHashSet<>();
    int persons = find(keys, nhs, upn, subject);
    Set<String> partners = new HashSet<>();
    for (String id : subject) {
      partners.add(graph.record(id).partner());
    }
    String action;
    switch (q.kind()) {
      case RESTRICT -> {
        for (String k : keys) {
          if (holds.get(k) == null) {
            holds.put(k, new Hold(SubjectRequest.Kind.RESTRICT, nhs, upn));
          }
        }
        for (String id : subject) {
          out.withhold(graph.record(id));
        }
        action = "withheld";
      }
      case ERASE -> {
        for (String k : keys) {
          holds.put(k, new Hold(SubjectRequest.Kind.ERASE, nhs, upn));
        }
        publish(change(List.of(), subject, out), out);
        action = "erased";
      }
      case LIFT -> {
        int lifted = 0;
        for (String k : keys) {
          Hold h = holds.get(k);
          if (h != null && h.kind() == SubjectRequest.Kind.RESTRICT) {
            holds.remove(k);
            lifted++;
          }
        }
        Map<String, LinkageGraph.Assignment> current = new LinkedHashMap<>();
        for (String id : subject) {
          current.put(id, graph.assignment(id));
        }
        publish(current, out);
        action = lifted > 0 ? "released" : "nothing-to-lift";
      }
      default -> throw new IllegalStateException();
    }
    if (subject.isEmpty() && q.kind() != SubjectRequest.Kind.LIFT) {
      action = "held-no-records-yet";
    }
    return new SubjectOutcome(
        q.partner(),
        q.requestId(),
        q.sequence(),
        q.kind(),
        persons,
        subject.size(),
        partners.size(),
        action,
        nowMillis);
  }

  /**
   * Keys that identify a subject: those resolution trusts to link persons across households.
   * Forename with date of birth is trusted only within a household, so it cannot find a subject.
   */
  private static List<String> subjectKeys(SubjectRequest q) {
    List<String> keys = new ArrayList<>();
    for (String k : q.personKeys()) {
      if (KeyId.linksPersons(k) && !KeyId.linksWithinHousehold(k)) {
        keys.add(k);
      }
    }
    return keys;
  }

  /**
   * Adds to {@code subject} every record of each person a key reaches, skipping a person whose NHS
   * number or UPN differs from the request's (the same refusal resolution makes). Returns how many
   * persons.
   */
  private int find(List<String> keys, String nhs, String upn, Set<String> subject) {
    Set<String> seen = new HashSet<>();
    int persons = 0;
    for (String k : keys) {
      for (String id : graph.holders(k)) {
        if (seen.contains(id)) {
          continue;
        }
        Set<String> person = graph.personRecords(id);
        seen.addAll(person);
        List<LinkRecord> records = records(person);
        if (differs(records, nhs, 'N') || differs(records, upn, 'S')) {
          continue;
        }
        subject.addAll(person);
        persons++;
      }
    }
    return persons;
  }

  /** Whether the records hold a key of the type and none of them is the requested one. */
  private static boolean differs(List<LinkRecord> records, String requested, char type) {
    if (requested == null) {
      return false;
    }
    boolean holdsOne = false;
    for (LinkRecord r : records) {
      for (String k : r.personKeys()) {
        if (k.charAt(0) == type) {
          if (k.equals(requested)) {
            return false;
          }
          holdsOne = true;
        }
      }
    }
    return holdsOne;
  }

  private static String strong(List<String> keys, char type) {
    for (String k : keys) {
      if (k.charAt(0) == type) {
        return k;
      }
    }
    return null;
  }

  private Map<String, LinkageGraph.Assignment> change(
      List<LinkRecord> upserts, Collection<String> retract, Output out) {
    Map<String, LinkageGraph.Assignment> changed = new LinkedHashMap<>();
    graph.apply(
        upserts,
        retract,
        new LinkageGraph.Changes() {
          @Override
          public void upsert(LinkRecord r, LinkageGraph.Assignment a) {
            changed.put(r.id(), a);
          }

          @Override
          public void delete(LinkRecord r) {
            changed.remove(r.id());
            out.delete(r);
          }
        });
    return changed;
  }

  /**
   * Shows each changed record, unless its person is restricted: then every record of that person is
   * withheld, including those the change did not touch (a restricted record may just have joined
   * them).
   */
  private void publish(Map<String, LinkageGraph.Assignment> changed, Output out) {
    if (holds.isEmpty()) {
      changed.forEach((id, a) -> out.upsert(graph.record(id), a));
      return;
    }
    Map<String, Boolean> restricted = new HashMap<>();
    Set<String> withheld = new HashSet<>();
    for (var e : changed.entrySet()) {
      if (withheld.contains(e.getKey())) {
        continue;
      }
      LinkageGraph.Assignment a = e.getValue();
      Set<String> person = graph.personRecords(e.getKey());
      String who = a.person() != null ? a.person() : e.getKey();
      if (restricted.computeIfAbsent(who, x -> held(records(person), null))) {
        for (String id : person) {
          if (withheld.add(id)) {
            out.withhold(graph.record(id));
          }
        }
      } else {
        out.upsert(graph.record(e.getKey()), a);
      }
    }
  }

  private List<LinkRecord> records(Set<String> ids) {
    List<LinkRecord> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      out.add(graph.record(id));
    }
    return out;
  }

  /**
   * Whether one person's records carry a key under a hold of the kind (any kind when null), the
   * hold's NHS number and UPN not contradicting theirs.
   */
  private boolean held(List<LinkRecord> person, SubjectRequest.Kind kind) {
    for (LinkRecord r : person) {
      for (String k : r.personKeys()) {
        Hold h = holds.get(k);
        if (h != null
            && (kind == null || h.kind() == kind)
            && !differs(person, h.nhs(), 'N')
            && !differs(person, h.upn(), 'S')) {
          return true;
        }
      }
    }
    return false;
  }
}
