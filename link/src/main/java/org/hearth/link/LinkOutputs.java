package org.hearth.link;

import org.apache.flink.api.connector.sink2.Sink;
import org.hearth.link.guard.Incident;
import org.hearth.link.resolve.Contribution;
import org.hearth.link.resolve.SubjectOutcome;
import org.hearth.link.retain.Destruction;
import org.hearth.link.verify.ExtractOutcome;

/**
 * Where the link job's results go: contributions, extract outcomes, subject request outcomes, the
 * destruction log and incidents to the database, and incidents again to each partner's own topic.
 */
public record LinkOutputs(
    Sink<Contribution> contributions,
    Sink<ExtractOutcome> extracts,
    Sink<SubjectOutcome> subjectRequests,
    Sink<Destruction> destructions,
    Sink<Incident> incidents,
    Sink<Incident> partnerIncidents) {}
