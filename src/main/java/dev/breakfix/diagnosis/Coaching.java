package dev.breakfix.diagnosis;

/**
 * A dead end the learner has run into, explained in one language.
 *
 * @param id   stable id: {@code pod-immutable}, {@code image-backoff-after-set-image},
 *             {@code chapter-node-label}, {@code pod-edited-not-deployment}, {@code pod-recreated-by-replicaset}
 * @param what what happened
 * @param why  why it does not work the way the learner hoped
 * @param next what to do instead
 */
public record Coaching(String id, String what, String why, String next) {
}
