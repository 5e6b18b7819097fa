package org.hearth.link.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.link.resolve.LinkageGraphTest.a;
import static org.hearth.link.resolve.LinkageGraphTest.addr;
import static org.hearth.link.resolve.LinkageGraphTest.nameDob;
import static org.hearth.link.resolve.LinkageGraphTest.nhs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Restriction, erasure and lifting, on the graph alone. */
class SubjectRightsTest {

  /** What analysts would see: visible rows, and what is withheld. */
  static final class View implements SubjectRights.Output {
    final Map<String, LinkageGraph.Assignment> visible = new HashMap<>();
    final TreeSet<String> withheld = new TreeSet<>();
    final List<SubjectOutcome> outcomes = new ArrayList<>();

    @Override
    public void outcome(SubjectOutcome o) {
      outcomes.add(o);
    }

    @Override
    public void upsert(LinkRecord r, LinkageGraph.Assignment a) {
      visible.put(r.id(), a);
      withheld.remove(r.id());
    }

    @Override
    public void withhold(LinkRecord r) {
      visible.remove(r.id());
      withheld.add(r.id());
    }

    @Override
    public void delete(LinkRecord r) {
      visible.remove(r.id());
      withheld.remove(r.id());
    }
  }

  static final class MapHolds implements SubjectRights.Holds {
    final Map<String, SubjectRights.Hold> map = new HashMap<>();
    final Map<String, SubjectRights.Tracked> tracked = new HashMap<>();

    @Override
    public SubjectRights.Tracked tracked(String request) {
      return tracked.get(request);
    }

    @Override
    public void track(String request, SubjectRights.Tracked t) {
      tracked.put(request, t);
    }

    @Override
    public void untrack(String request) {
      tracked.remove(request);
    }

    @Override
    public SubjectRights.Hold get(String key) {
      return map.get(key);
    }

    @Override
    public void put(String key, SubjectRights.Hold hold) {
      map.put(key, hold);
    }

    @Override
    public void remove(String key) {
      map.remove(key);
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }
  }

  final MemoryStore store = new MemoryStore();
  final LinkageGraph graph = new LinkageGraph(store);
  final SubjectRights rights = new SubjectRights(graph, new MapHolds());
  final View view = new View();

  static LinkRecord rec(String partner, String id, String[] address, String... person) {
    return new LinkRecord(
        partner + "|d|" + id, partner, "d", "x", 0, address, person, new String[] {"flag", id}, 0);
  }

  static SubjectRequest request(SubjectRequest.Kind kind, String... keys) {
    return new SubjectRequest("council", "subject-requests-1", 0, kind, keys);
  }

  static final LinkRecord COUNCIL =
      rec("council", "a", a(addr("1 high st")), nhs("111"), nameDob("ann|2019"));
  static final LinkRecord POLICE = rec("police", "b", a(addr("9 low rd")), nameDob("ann|2019"));
  static final LinkRecord NEIGHBOUR = rec("council", "c", a(addr("1 high st")), nhs("222"));

  @Test
  void aRestrictionWithholdsTheSubjectAtEveryPartnerAndLiftingRestoresThem() {
    rights.apply(List.of(COUNCIL, POLICE, NEIGHBOUR), List.of(), view);
    Map<String, LinkageGraph.Assignment> before = new HashMap<>(view.visible);

    SubjectOutcome o = rights.request(request(SubjectRequest.Kind.RESTRICT, nhs("111")), 5, view);

    assertThat(o.persons()).isEqualTo(1);
    assertThat(o.records()).isEqualTo(2);
    assertThat(o.partners()).isEqualTo(2);
    assertThat(o.action()).isEqualTo("withheld");
    assertThat(view.withheld).containsExactly(COUNCIL.id(), POLICE.id());
    assertThat(view.visible).containsOnlyKeys(NEIGHBOUR.id());

    // a later extract re-sending the record does not show it again
    rights.apply(List.of(POLICE), List.of(), view);
    assertThat(view.visible).containsOnlyKeys(NEIGHBOUR.id());

    SubjectOutcome lifted = rights.request(request(SubjectRequest.Kind.LIFT, nhs("111")), 6, view);
    assertThat(lifted.action()).isEqualTo("released");
    assertThat(view.withheld).isEmpty();
    assertThat(view.visible).isEqualTo(before);
  }

  @Test
  void aRestrictionStandsForRecordsThatArriveLaterAndForTheRecordsTheyJoin() {
    SubjectOutcome o = rights.request(request(SubjectRequest.Kind.RESTRICT, nhs("999")), 1, view);
    assertThat(o.action()).isEqualTo("held-no-records-yet");
    assertThat(o.records()).isZero();

    // first a record without the restricted key: nothing says who it is yet
    LinkRecord early = rec("police", "a-early", a(addr("5 mill ln")), nameDob("bo|2018"));
    rights.apply(List.of(early), List.of(), view);
    assertThat(view.visible).containsOnlyKeys(early.id());

    // then one with it, which resolution joins to the first without renaming the person
    LinkRecord later =
        rec("school", "z-later", a(addr("5 mill ln")), nhs("999"), nameDob("bo|2018"));
    rights.apply(List.of(later), List.of(), view);
    assertThat(graph.assignment(early.id()).person())
        .isEqualTo(graph.assignment(later.id()).person());
    assertThat(view.visible).isEmpty();
    assertThat(view.withheld).containsExactly(early.id(), later.id());
  }

  @Test
  void recordsCaughtAfterARequestAppliedAreCountedInItsOutcomeOnceEach() {
    rights.apply(List.of(COUNCIL, NEIGHBOUR), List.of(), view);
    SubjectOutcome o = rights.request(request(SubjectRequest.Kind.RESTRICT, nhs("111")), 5, view);
    assertThat(o.records()).isEqualTo(1);
    assertThat(o.partners()).isEqualTo(1);

    // the police record of the same person arrives after the request: withheld and counted
    rights.apply(List.of(POLICE), List.of(), view);
    assertThat(view.withheld).containsExactly(COUNCIL.id(), POLICE.id());
    assertThat(view.outcomes)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.requestId()).isEqualTo(o.requestId());
              assertThat(u.records()).isEqualTo(2);
              assertThat(u.partners()).isEqualTo(2);
              assertThat(u.persons()).isEqualTo(1);
              assertThat(u.action()).isEqualTo("withheld");
              assertThat(u.decidedAtMillis()).isEqualTo(5);
            });

    // re-sent, it is not counted again
    rights.apply(List.of(POLICE, COUNCIL), List.of(), view);
    assertThat(view.outcomes).hasSize(1);
  }

  @Test
  void anErasureBeforeAnyRecordCountsTheRecordsItLaterDrops() {
    SubjectOutcome o = rights.request(request(SubjectRequest.Kind.ERASE, nhs("111")), 1, view);
    assertThat(o.action()).isEqualTo("held-no-records-yet");

    assertThat(rights.apply(List.of(COUNCIL, NEIGHBOUR), List.of(), view)).isEqualTo(1);
    assertThat(rights.apply(List.of(COUNCIL), List.of(), view)).isEqualTo(1);
    assertThat(view.outcomes)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.action()).isEqualTo("erased");
              assertThat(u.records()).isEqualTo(1);
              assertThat(u.persons()).isEqualTo(1);
            });
  }

  @Test
  void anErasureRemovesTheSubjectEverywhereAndKeepsThemOut() {
    rights.apply(List.of(COUNCIL, POLICE, NEIGHBOUR), List.of(), view);

    SubjectOutcome o =
        rights.request(request(SubjectRequest.Kind.ERASE, nameDob("ann|2019")), 5, view);

    assertThat(o.action()).isEqualTo("erased");
    assertThat(o.records()).isEqualTo(2);
    assertThat(view.visible).containsOnlyKeys(NEIGHBOUR.id());
    assertThat(view.withheld).isEmpty();
    assertThat(graph.record(COUNCIL.id())).isNull();
    assertThat(graph.record(POLICE.id())).isNull();

    // the partner's next full extract still has the record: it is dropped on arrival
    assertThat(rights.apply(List.of(COUNCIL, NEIGHBOUR), List.of(), view)).isEqualTo(1);
    assertThat(graph.record(COUNCIL.id())).isNull();
    assertThat(view.visible).containsOnlyKeys(NEIGHBOUR.id());

    // an erasure cannot be lifted
    SubjectOutcome lift =
        rights.request(request(SubjectRequest.Kind.LIFT, nameDob("ann|2019")), 6, view);
    assertThat(lift.action()).isEqualTo("nothing-to-lift");
    assertThat(rights.apply(List.of(POLICE), List.of(), view)).isEqualTo(1);
    assertThat(view.visible).containsOnlyKeys(NEIGHBOUR.id());
  }

  @Test
  void aSubjectIsNotConfusedWithAnotherPersonOfTheSameNameAndBirth() {
    LinkRecord twin = rec("school", "t", a(addr("1 high st")), nhs("333"), nameDob("ann|2019"));
    rights.apply(List.of(COUNCIL, twin), List.of(), view);
    assertThat(graph.assignment(COUNCIL.id()).person())
        .isNotEqualTo(graph.assignment(twin.id()).person());

    SubjectOutcome o =
        rights.request(
            request(SubjectRequest.Kind.RESTRICT, nhs("111"), nameDob("ann|2019")), 5, view);

    assertThat(o.persons()).isEqualTo(1);
    assertThat(view.withheld).containsExactly(COUNCIL.id());
    assertThat(view.visible).containsOnlyKeys(twin.id());

    // the restriction's name-and-birth key does not catch the twin when the twin's data changes
    rights.apply(List.of(twin), List.of(), view);
    assertThat(view.visible).containsOnlyKeys(twin.id());
  }

  @Test
  void liftingOneRestrictionLeavesAnotherStanding() {
    rights.apply(List.of(COUNCIL, POLICE), List.of(), view);
    rights.request(request(SubjectRequest.Kind.RESTRICT, nhs("111")), 1, view);
    rights.request(request(SubjectRequest.Kind.RESTRICT, nameDob("ann|2019")), 2, view);

    rights.request(request(SubjectRequest.Kind.LIFT, nhs("111")), 3, view);
    assertThat(view.visible).isEmpty();
    assertThat(view.withheld).containsExactly(COUNCIL.id(), POLICE.id());

    rights.request(request(SubjectRequest.Kind.LIFT, nameDob("ann|2019")), 4, view);
    assertThat(view.visible).containsOnlyKeys(COUNCIL.id(), POLICE.id());
  }
}
