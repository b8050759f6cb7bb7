package dev.breakfix.e2e;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables {@link RealCluster} classes only when {@link RealClusters#detect()} finds a cluster; otherwise
 * they are skipped with the reason (in the reports, and once in the build's log).
 */
public class RealClusterCondition implements ExecutionCondition {

    private static final Logger LOG = Logger.getLogger(RealClusterCondition.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return RealClusters.detect()
                .map(source -> ConditionEvaluationResult.enabled("real cluster: " + source.description()))
                .orElseGet(() -> {
                    if (TOLD.compareAndSet(false, true)) {
                        LOG.warnf("End-to-end tests skipped: %s", RealClusters.NO_CLUSTER);
                    }
                    return ConditionEvaluationResult.disabled(RealClusters.NO_CLUSTER);
                });
    }
}
