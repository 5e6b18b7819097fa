package org.hearth.docker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test only under {@code -Pdocker} and where a Docker engine answers; otherwise skips it
 * with a one-line reason, printed too, so a CI log says why the deployment was not exercised.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDockerStack.Condition.class)
public @interface RequiresDockerStack {

  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (!Boolean.getBoolean("hearth.docker.it")) {
        return skip(
            context, "the Docker deployment tests run with ./mvnw -Pdocker verify -pl docker -am");
      }
      boolean engine;
      try {
        engine = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException e) {
        engine = false;
      }
      if (!engine) {
        return skip(
            context, "no Docker engine answers here (the docker client alone is not enough)");
      }
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }

    private static ConditionEvaluationResult skip(ExtensionContext context, String reason) {
      System.out.println(context.getDisplayName() + " skipped: " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
  }
}
