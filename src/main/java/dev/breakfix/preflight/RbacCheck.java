package dev.breakfix.preflight;

import java.util.ArrayList;
import java.util.List;

import dev.breakfix.lab.BreakfixLabels;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Asks the API server (SelfSubjectAccessReview) whether Breakfix's own identity may do each thing the server
 * does: the informers' list/watch, creating and deleting lab namespaces, their Pods, Deployments, access
 * objects, patching nodes, reading logs, the terminal's exec. Mirrors {@code deploy/clusterrole.yaml}.
 */
final class RbacCheck {

    /** One right: verb, API group ("" for core), resource, optional subresource. */
    record Right(String verb, String group, String resource, String subresource) {
        String text() {
            return verb + " " + resource + (subresource == null ? "" : "/" + subresource)
                    + (group.isEmpty() ? "" : "." + group);
        }
    }

    static final List<Right> NEEDED = List.of(
            r("get,list,watch,create,delete,patch", "", "namespaces", null),
            r("get,list,watch,create,update,patch,delete,deletecollection", "", "pods", null),
            r("get", "", "pods", "log"),
            r("create", "", "pods", "exec"),
            r("list,watch,deletecollection", "", "events", null),
            r("create,deletecollection", "", "configmaps", null),
            r("create,deletecollection", "", "services", null),
            r("list,watch,create,update,patch,delete,deletecollection", "apps", "deployments", null),
            r("list,watch,deletecollection", "apps", "replicasets", null),
            r("create", "", "serviceaccounts", null),
            r("create", "", "serviceaccounts", "token"),
            r("create", "rbac.authorization.k8s.io", "roles", null),
            r("create", "rbac.authorization.k8s.io", "rolebindings", null),
            r("create,delete", "rbac.authorization.k8s.io", "clusterrolebindings", null),
            r("create", "rbac.authorization.k8s.io", "clusterroles", null),
            r("get,list,watch,patch", "", "nodes", null)).stream().flatMap(List::stream).toList();

    private RbacCheck() {
    }

    private static List<Right> r(String verbs, String group, String resource, String sub) {
        List<Right> rights = new ArrayList<>();
        for (String v : verbs.split(",")) {
            rights.add(new Right(v, group, resource, sub));
        }
        return rights;
    }

    static PreflightCheck run(PreflightCheck check, KubernetesClient client) {
        List<String> denied = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        for (Right right : NEEDED) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                    .withNewSpec().withNewResourceAttributes()
                    .withVerb(right.verb()).withGroup(right.group()).withResource(right.resource())
                    .withSubresource(right.subresource())
                    .endResourceAttributes().endSpec().build();
            SelfSubjectAccessReview answer;
            try {
                answer = client.authorization().v1().selfSubjectAccessReview().create(review);
            } catch (KubernetesClientException e) {
                return check.warn("The API server did not answer an access review (" + e.getCode() + ": "
                        + e.getMessage() + "), so Breakfix's rights are unknown.",
                        "Allow selfsubjectaccessreviews create (every authenticated user has it by default), "
                                + "or compare the server's ClusterRole with deploy/clusterrole.yaml by hand.");
            }
            if (answer == null || answer.getStatus() == null || answer.getStatus().getAllowed() == null) {
                unanswered.add(right.text());
            } else if (!answer.getStatus().getAllowed()) {
                String why = answer.getStatus().getReason();
                denied.add(right.text() + (why == null || why.isBlank() ? "" : " (" + why + ")"));
            }
        }
        if (!denied.isEmpty()) {
            return check.fail("Breakfix may not: " + String.join(", ", denied) + ".",
                    "Apply deploy/clusterrole.yaml and deploy/clusterrolebinding.yaml (kubectl apply -k deploy/) "
                            + "for the identity the server runs as.");
        }
        if (!unanswered.isEmpty()) {
            return check.warn("The API server gave no verdict for " + unanswered.size() + " of " + NEEDED.size()
                    + " access reviews (" + String.join(", ", unanswered.subList(0, Math.min(3, unanswered.size())))
                    + (unanswered.size() > 3 ? ", ..." : "") + ").",
                    "Check that the API server runs an authorizer (RBAC); compare with deploy/clusterrole.yaml.");
        }
        return check.pass("Breakfix holds all " + NEEDED.size() + " rights it uses (namespaces, Pods and their logs and "
                + "exec, events, Deployments, ReplicaSets, ServiceAccounts and tokens, Roles, RoleBindings, "
                + "ClusterRoleBindings, patching nodes for " + BreakfixLabels.NODE_LABEL_PREFIX + "<learner>).");
    }
}
