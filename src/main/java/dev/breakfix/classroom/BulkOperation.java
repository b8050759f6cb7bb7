package dev.breakfix.classroom;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.breakfix.lab.LabKey;

/**
 * A running (or finished) bulk operation: the labs of its selection and the state of each. Thread-safe; every
 * change is visible at once through {@link #snapshot()} and heard by listeners.
 */
final class BulkOperation {

    private final String id;
    private final Action action;
    private final Clock clock;
    private final Instant startedAt;
    private final List<Item> items;
    private final CompletableFuture<Operation> finished = new CompletableFuture<>();
    private final List<Consumer<Operation>> listeners = new CopyOnWriteArrayList<>();
    private Instant finishedAt;

    /** One lab of the selection, with the detail shown for it when done (e.g. why it was idle). */
    static final class Item {
        final LabKey lab;
        final String detail;
        Operation.LabState state = Operation.LabState.PENDING;
        String message;

        Item(LabKey lab, String detail) {
            this.lab = lab;
            this.detail = detail;
        }
    }

    BulkOperation(String id, Action action, List<Item> items, Clock clock) {
        this.id = id;
        this.action = action;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.items = List.copyOf(items);
        if (items.isEmpty()) {
            finish();
        }
    }

    String id() {
        return id;
    }

    Action action() {
        return action;
    }

    List<Item> items() {
        return items;
    }

    /** Completes with the final snapshot when every lab has finished. */
    CompletableFuture<Operation> finished() {
        return finished;
    }

    void onChange(Consumer<Operation> listener) {
        listeners.add(listener);
    }

    /** Marks the item running; false when it was already finished (cancelled) and must not run. */
    synchronized boolean begin(Item item) {
        if (item.state != Operation.LabState.PENDING) {
            return false;
        }
        item.state = Operation.LabState.RUNNING;
        changed();
        return true;
    }

    synchronized void end(Item item, Operation.LabState state, String message) {
        if (item.state.finished()) {
            return;
        }
        item.state = state;
        item.message = message == null && state == Operation.LabState.DONE ? item.detail : message;
        if (items.stream().allMatch(i -> i.state.finished())) {
            finish();
        } else {
            changed();
        }
    }

    /** Skips every lab that has not begun yet, with the reason. */
    void cancelPending(String why) {
        List<Item> pending = new ArrayList<>();
        synchronized (this) {
            items.stream().filter(i -> i.state == Operation.LabState.PENDING).forEach(pending::add);
        }
        pending.forEach(i -> end(i, Operation.LabState.SKIPPED, why));
    }

    boolean running() {
        return !finished.isDone();
    }

    /** Listeners are told under the lock, so that they hear the changes in order (they must be quick). */
    private synchronized void finish() {
        if (finishedAt == null) {
            finishedAt = clock.instant();
        }
        Operation last = snapshot();
        listeners.forEach(l -> l.accept(last));
        finished.complete(last);
    }

    private synchronized void changed() {
        if (!listeners.isEmpty()) {
            Operation now = snapshot();
            listeners.forEach(l -> l.accept(now));
        }
    }

    synchronized Operation snapshot() {
        int done = 0;
        int failed = 0;
        int skipped = 0;
        List<Operation.Lab> labs = new ArrayList<>(items.size());
        for (Item i : items) {
            switch (i.state) {
                case DONE -> done++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
                default -> {
                }
            }
            labs.add(new Operation.Lab(i.lab.learner().id(), i.lab.scenario(), i.state, i.message));
        }
        return new Operation(id, action, finishedAt == null ? Operation.State.RUNNING : Operation.State.DONE, startedAt,
                finishedAt, items.size(), done, failed, skipped, List.copyOf(labs));
    }
}
