package dev.breakfix.classroom;

/** What ending a class removed: lab namespaces, learners' home namespaces and learners' node labels. */
public record ClassEndResult(int namespaces, int homes, int nodeLabels) {
}
