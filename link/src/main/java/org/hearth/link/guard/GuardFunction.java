package org.hearth.link.guard;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.link.PartnerEvent;

/**
 * The link job's first step: a record with identifier-shaped content goes no further (not to state,
 * not to a table, not to a log); an incident goes to the side output, and only the record's place
 * (sequence and hash) goes on, so its extract can still be accounted for.
 */
public final class GuardFunction extends ProcessFunction<PartnerEvent, PartnerEvent> {
  public static final OutputTag<Incident> INCIDENTS = new OutputTag<>("incidents") {};
  private final IdentifierGuard guard = new IdentifierGuard();

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    // every slot runs a guard, so every TaskManager that loads the driver releases it
    org.hearth.link.JdbcDriverRelease.register(getRuntimeContext());
  }

  @Override
  public void processElement(PartnerEvent e, Context ctx, Collector<PartnerEvent> out) {
    if (e.kind() != PartnerEvent.Kind.RECORD) {
      out.collect(e);
      return;
    }
    var finding = guard.inspect(e.attributes());
    if (finding.isPresent()) {
      ctx.output(
          INCIDENTS,
          new Incident(
              e.partner(),
              e.dataset(),
              e.extractId(),
              e.sequence(),
              finding.get().field(),
              finding.get().rule(),
              ctx.timerService().currentProcessingTime()));
      out.collect(e.refused());
      return;
    }
    out.collect(e);
  }
}
