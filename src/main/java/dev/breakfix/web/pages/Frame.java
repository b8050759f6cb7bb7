package dev.breakfix.web.pages;

/**
 * What every page shows around its content: who is signed in (null on the join page) and, while the
 * cluster cannot be reached, what is wrong and what to do about it.
 */
public record Frame(String learner, String clusterProblem, String clusterHelp) {
}
