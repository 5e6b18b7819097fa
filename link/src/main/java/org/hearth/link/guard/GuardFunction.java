package org.hearth.link.guard;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.link.PartnerEvent;

/**
 * The link job's first step: records with identifier-shaped content go no further (not to state,
 * not to a table, not to a log); an incident goes to the side output instead.
 */
public final class GuardFunction extends ProcessFunction<PartnerEvent, PartnerEvent> {
  public static final OutputTag<Incident> INCIDENTS = new OutputTag<>("incidents") {};
  private final IdentifierGuard guard = new IdentifierGuard();

  @Override
  public void processElement(PartnerEvent e, Context ctx, Collector<PartnerEvent> out) {
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
      return;
    }
    out.collect(e);
  }
}
