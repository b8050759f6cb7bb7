package dev.breakfix.injector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.breakfix.access.LearnerHome;
import dev.breakfix.lab.BreakfixLabels;
import dev.breakfix.lab.LabKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;

/** Builds the objects of a lab; calls no API server (the {@link LabInjector} applies them). */
public final class LabObjects {

    /** The learner's ServiceAccount in every lab namespace. */
    public static final String LEARNER_SA = "learner";
    public static final String LEARNER_ROLE = "breakfix-learner";
    /** Cluster-wide read of nodes, bound to every learner ServiceAccount. */
    public static final String NODE_READER = "breakfix-node-reader";

    private static final List<String> READ_WRITE = List.of("get", "list", "watch", "create", "update", "patch", "delete",
            "deletecollection");

    private LabObjects() {
    }

    public static Map<String, String> labels(LabKey lab) {
        return Map.of(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE,
                BreakfixLabels.LEARNER, lab.learner().name(),
                BreakfixLabels.SCENARIO, lab.scenario());
    }

    /** Lab labels, plus Pod Security "baseline" where the cluster enforces it (1.23+): no privileged Pods. */
    static Map<String, String> namespaceLabels(LabKey lab) {
        Map<String, String> labels = new HashMap<>(labels(lab));
        labels.put("pod-security.kubernetes.io/enforce", "baseline");
        return labels;
    }

    public static Namespace namespace(LabKey lab, Map<String, String> annotations) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(lab.namespace())
                .withLabels(namespaceLabels(lab))
                .withAnnotations(annotations)
                .endMetadata()
                .build();
    }

    public static ServiceAccount serviceAccount(LabKey lab) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(LEARNER_SA)
                .withNamespace(lab.namespace())
                .withLabels(labels(lab))
                .endMetadata()
                .build();
    }

    /** What the chapter does inside the lab: Pods (with logs, exec, port-forward), Deployments, ReplicaSets, events. */
    public static Role role(LabKey lab) {
        return new RoleBuilder()
                .withNewMetadata()
                .withName(LEARNER_ROLE)
                .withNamespace(lab.namespace())
                .withLabels(labels(lab))
                .endMetadata()
                .withRules(
                        rule("", List.of("pods", "events", "configmaps", "services"), READ_WRITE),
                        rule("", List.of("pods/log"), List.of("get", "list", "watch")),
                        rule("", List.of("pods/exec", "pods/portforward", "pods/attach"), List.of("get", "create")),
                        rule("apps", List.of("deployments", "replicasets"), READ_WRITE),
                        rule("apps", List.of("deployments/scale"), List.of("get", "update", "patch")),
                        rule("events.k8s.io", List.of("events"), List.of("get", "list", "watch")))
                .build();
    }

    public static RoleBinding roleBinding(LabKey lab) {
        return new RoleBindingBuilder()
                .withNewMetadata()
                .withName(LEARNER_ROLE)
                .withNamespace(lab.namespace())
                .withLabels(labels(lab))
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", LEARNER_ROLE)
                .addNewSubject().withKind("ServiceAccount").withName(LEARNER_SA).withNamespace(lab.namespace()).endSubject()
                .addToSubjects(homeSubject(lab))
                .build();
    }

    public static ClusterRole nodeReader() {
        return new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(NODE_READER)
                .withLabels(Map.of(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE))
                .endMetadata()
                .withRules(rule("", List.of("nodes"), List.of("get", "list", "watch")))
                .build();
    }

    public static String nodeReaderBindingName(LabKey lab) {
        return lab.namespace() + "-nodes";
    }

    public static ClusterRoleBinding nodeReaderBinding(LabKey lab) {
        return new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(nodeReaderBindingName(lab))
                .withLabels(labels(lab))
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", NODE_READER)
                .addNewSubject().withKind("ServiceAccount").withName(LEARNER_SA).withNamespace(lab.namespace()).endSubject()
                .addToSubjects(homeSubject(lab))
                .build();
    }

    /**
     * The learner's home ServiceAccount ({@link LearnerHome}): the identity of the learner's kubeconfig and
     * terminal, bound in every lab of theirs so that one identity reaches them all.
     */
    static Subject homeSubject(LabKey lab) {
        return new SubjectBuilder().withKind("ServiceAccount").withName(LearnerHome.SERVICE_ACCOUNT)
                .withNamespace(LearnerHome.namespace(lab.learner())).build();
    }

    /**
     * Stamps a manifest object for the lab: its namespace, Breakfix's labels, and mirrored images.
     * The workload's own labels and selectors are left as the chapter wrote them.
     */
    public static HasMetadata stamp(HasMetadata object, LabKey lab, Map<String, String> imageOverrides) {
        object.getMetadata().setNamespace(lab.namespace());
        Map<String, String> labels = new HashMap<>(object.getMetadata().getLabels() == null ? Map.of()
                : object.getMetadata().getLabels());
        labels.put(BreakfixLabels.MANAGED_BY, BreakfixLabels.MANAGED_BY_VALUE);
        object.getMetadata().setLabels(labels);
        if (object instanceof Pod pod) {
            mirror(pod.getSpec(), imageOverrides);
        } else if (object instanceof Deployment d) {
            mirror(d.getSpec().getTemplate().getSpec(), imageOverrides);
        }
        return object;
    }

    private static void mirror(PodSpec spec, Map<String, String> overrides) {
        for (Container c : spec.getContainers()) {
            c.setImage(overrides.getOrDefault(c.getImage(), c.getImage()));
        }
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }
}
