package org.hearth.link.resolve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hearth.link.resolve.scoring.ScoringModel;

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
  public record Hold(SubjectRequest.Kind kind, String nhs, String upn, String request) {}

  /**
   * A restriction's or erasure's outcome as it stands, and the ids of every record it has caught:
   * records that arrive after the request are caught too, and the outcome counts them once each.
   */
  public record Tracked(SubjectOutcome outcome, String[] records) {}

  /** Where holds live: Flink keyed state in the job, maps in tests. */
  public interface Holds {
    /** The hold on a key, or null. */
    Hold get(String key);

    void put(String key, Hold hold);

    void remove(String key);

    boolean isEmpty();

    /** The request's outcome so far, or null. */
    Tracked tracked(String request);

    void track(String request, Tracked t);

    void untrack(String request);
  }

  /** What analysts should now see of each record a change touched. */
  public interface Output {
    void upsert(LinkRecord r, LinkageGraph.Assignment a);

    /** Held back by a restriction: kept in the graph, shown to no one. */
    void withhold(LinkRecord r);

    void delete(LinkRecord r);

    /** A request's outcome, again: records that arrived since it applied were caught too. */
    void outcome(SubjectOutcome o);
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
    Map<String, Set<String>> caught = new LinkedHashMap<>();
    int erased = 0;
    for (LinkRecord r : upserts) {
      Hold h = holds.isEmpty() ? null : holdOn(List.of(r), SubjectRequest.Kind.ERASE);
      if (h != null) {
        retract.add(r.id());
        caught.computeIfAbsent(h.request(), x -> new LinkedHashSet<>()).add(r.id());
        erased++;
      } else {
        kept.add(r);
      }
    }
    publish(change(kept, retract, out), out, caught);
    recount(caught, out);
    return erased;
  }

  /** Adds what each request caught since it applied to its outcome, and says so if it grew. */
  private void recount(Map<String, Set<String>> caught, Output out) {
    for (var e : caught.entrySet()) {
      Tracked t = holds.tracked(e.getKey());
      if (t == null) {
        continue;
      }
      Set<String> all = new LinkedHashSet<>(List.of(t.records()));
      if (!all.addAll(e.getValue())) {
        continue;
      }
      SubjectOutcome was = t.outcome();
      Set<String> partners = new HashSet<>();
      for (String id : all) {
        partners.add(id.substring(0, id.indexOf('|')));
      }
      String action =
          was.action().equals(NO_RECORDS_YET)
              ? (was.kind() == SubjectRequest.Kind.ERASE ? "erased" : "withheld")
              : was.action();
      SubjectOutcome now =
          new SubjectOutcome(
              was.partner(),
              was.requestId(),
              was.sequence(),
              was.kind(),
              Math.max(was.persons(), 1),
              all.size(),
              partners.size(),
              action,
              was.decidedAtMillis());
      holds.track(e.getKey(), new Tracked(now, all.toArray(String[]::new)));
      out.outcome(now);
    }
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
    String request = q.partner() + "/" + q.requestId() + "/" + q.sequence();
    Map<String, Set<String>> caught = new LinkedHashMap<>();
    String action;
    switch (q.kind()) {
      case RESTRICT -> {
        for (String k : keys) {
          if (holds.get(k) == null) {
            holds.put(k, new Hold(SubjectRequest.Kind.RESTRICT, nhs, upn, request));
          }
        }
        for (String id : subject) {
          out.withhold(graph.record(id));
        }
        action = "withheld";
      }
      case ERASE -> {
        for (String k : keys) {
          holds.put(k, new Hold(SubjectRequest.Kind.ERASE, nhs, upn, request));
        }
        publish(change(List.of(), subject, out), out, caught);
        action = "erased";
      }
      case LIFT -> {
        int lifted = 0;
        for (String k : keys) {
          Hold h = holds.get(k);
          if (h != null && h.kind() == SubjectRequest.Kind.RESTRICT) {
            holds.remove(k);
            holds.untrack(h.request());
            lifted++;
          }
        }
        Map<String, LinkageGraph.Assignment> current = new LinkedHashMap<>();
        for (String id : subject) {
          current.put(id, graph.assignment(id));
        }
        publish(current, out, caught);
        action = lifted > 0 ? "released" : "nothing-to-lift";
      }
      default -> throw new IllegalStateException();
    }
    if (subject.isEmpty() && q.kind() != SubjectRequest.Kind.LIFT) {
      action = NO_RECORDS_YET;
    }
    SubjectOutcome outcome =
        new SubjectOutcome(
            q.partner(),
            q.requestId(),
            q.sequence(),
            q.kind(),
            persons,
            subject.size(),
            partners.size(),
            action,
            nowMillis);
    if (q.kind() != SubjectRequest.Kind.LIFT) {
      holds.track(request, new Tracked(outcome, subject.toArray(String[]::new)));
    }
    recount(caught, out); // records this request's change withheld under other restrictions
    return outcome;
  }

  private static final String NO_RECORDS_YET = "held-no-records-yet";

  /**
   * Keys that identify a subject by themselves: NHS number, UPN, declared identifiers and the
   * tokens holding both names and the date of birth. A surname with a date, or names alone, could
   * be a twin or a namesake.
   */
  private static List<String> subjectKeys(SubjectRequest q) {
    List<String> keys = new ArrayList<>();
    for (String k : q.personKeys()) {
      if (KeyId.identifiesSubject(k)) {
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

  /**
   * Re-resolves every person under a new scoring model; what changes is shown or withheld as any
   * other change is.
   */
  public void rescore(ScoringModel model, Output out) {
    Map<String, Set<String>> caught = new LinkedHashMap<>();
    publish(change(changes -> graph.rescore(model, changes), out), out, caught);
    recount(caught, out);
  }

  private Map<String, LinkageGraph.Assignment> change(
      List<LinkRecord> upserts, Collection<String> retract, Output out) {
    return change(changes -> graph.apply(upserts, retract, changes), out);
  }

  private Map<String, LinkageGraph.Assignment> change(
      java.util.function.Consumer<LinkageGraph.Changes> operation, Output out) {
    Map<String, LinkageGraph.Assignment> changed = new LinkedHashMap<>();
    operation.accept(
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
  private void publish(
      Map<String, LinkageGraph.Assignment> changed, Output out, Map<String, Set<String>> caught) {
    if (holds.isEmpty()) {
      changed.forEach((id, a) -> out.upsert(graph.record(id), a));
      return;
    }
    Map<String, Optional<Hold>> restricted = new HashMap<>();
    Set<String> withheld = new HashSet<>();
    for (var e : changed.entrySet()) {
      if (withheld.contains(e.getKey())) {
        continue;
      }
      LinkageGraph.Assignment a = e.getValue();
      Set<String> person = graph.personRecords(e.getKey());
      String who = a.person() != null ? a.person() : e.getKey();
      Optional<Hold> hold =
          restricted.computeIfAbsent(who, x -> Optional.ofNullable(holdOn(records(person), null)));
      if (hold.isPresent()) {
        for (String id : person) {
          if (withheld.add(id)) {
            out.withhold(graph.record(id));
          }
        }
        if (hold.get().kind() == SubjectRequest.Kind.RESTRICT) {
          caught.computeIfAbsent(hold.get().request(), x -> new LinkedHashSet<>()).addAll(person);
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
   * The hold of the kind (any kind when null) on a key one person's records carry, the hold's NHS
   * number and UPN not contradicting theirs; null when there is none.
   */
  private Hold holdOn(List<LinkRecord> person, SubjectRequest.Kind kind) {
    for (LinkRecord r : person) {
      for (String k : r.personKeys()) {
        Hold h = holds.get(k);
        if (h != null
            && (kind == null || h.kind() == kind)
            && !differs(person, h.nhs(), 'N')
            && !differs(person, h.upn(), 'S')) {
          return h;
        }
      }
    }
    return null;
  }
}
