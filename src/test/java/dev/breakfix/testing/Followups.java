package dev.breakfix.testing;

/** Work a reaction asks for next, queued behind it on the fixture's one thread. */
interface Followups {

    void pod(String namespace, String name);

    void replicaSet(String namespace, String name);

    void deployment(String namespace, String name);
}
