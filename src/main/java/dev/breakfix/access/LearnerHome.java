package dev.breakfix.access;

import java.util.Map;

import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LearnerId;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/**
 * A learner's home: one namespace per learner, {@code bfh-<learner>}, holding the ServiceAccount {@code learner}
 * that the learner's kubeconfig and terminal act as, and the terminal's toolbox Pod. Every lab's RoleBinding
 * names that ServiceAccount too, so one identity reaches all of the learner's labs. The learner gets no rights
 * in the home namespace itself: the toolbox is Breakfix's, reached only through the terminal endpoint.
 *
 * <p>
 * The prefix {@code bfh-} can never be read as a lab namespace ({@code bf-<learner>-<scenario>}): a lab namespace
 * always has {@code -} as its third character. Builds objects only; {@link LearnerHomes} applies them.
 */
public final class LearnerHome {

    public static final String NAMESPACE_PREFIX = "bfh-";
    /** The learner's ServiceAccount in the home namespace (the same name as in every lab). */
    public static final String SERVICE_ACCOUNT = "learner";
    /** Marks the home namespace among Breakfix's namespaces (it has no scenario). */
    public static final String HOME_LABEL = "breakfix.dev/home";

    private LearnerHome() {
    }

    public static String namespace(LearnerId learner) {
        return NAMESPACE_PREFIX + learner.name();
    }

    public static Map<String, String> labels(LearnerId learner) {
        return Map.of(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE,
                BreakfixLabels.LEARNER, learner.name(),
                HOME_LABEL, "true");
    }

    public static Namespace namespaceObject(LearnerId learner) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace(learner))
                .withLabels(labels(learner))
                .withAnnotations(Map.of(BreakfixLabels.LEARNER_ID, learner.id()))
                .endMetadata()
                .build();
    }

    public static ServiceAccount serviceAccount(LearnerId learner) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(SERVICE_ACCOUNT)
                .withNamespace(namespace(learner))
                .withLabels(labels(learner))
                .endMetadata()
                .build();
    }
}
