package dev.breakfix.e2e;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where the environment gives a real Kubernetes cluster (see
 * {@link RealClusters}); elsewhere JUnit reports it as skipped with the reason. The condition is an
 * {@link org.junit.jupiter.api.extension.ExecutionCondition}: JUnit evaluates it before any
 * {@code beforeAll} callback, so a skipped {@code @QuarkusTest} class never boots Quarkus nor starts
 * its test resources.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealClusterCondition.class)
public @interface RealCluster {
}
