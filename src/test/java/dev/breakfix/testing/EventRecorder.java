package dev.breakfix.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes core/v1 Events the two ways a v1.20 cluster does, as the captures show them:
 * <ul>
 * <li>{@link #record}: the kubelet and the controllers (client-go's old recorder): {@code source},
 * {@code count}, {@code firstTimestamp}/{@code lastTimestamp}; an identical event (same object,
 * field path, type, reason, message and source) bumps {@code count} and {@code lastTimestamp}.</li>
 * <li>{@link #recordSeries}: the scheduler (events.k8s.io/v1 seen through core/v1): {@code eventTime},
 * {@code action}, {@code reportingComponent}/{@code reportingInstance}, an empty {@code source}, no
 * count; a repeat about the same object at the same resourceVersion becomes a {@code series}.</li>
 * </ul>
 * Event names are {@code <object>.<hex of the Unix nanoseconds>}, unique even when the clock stands still.
 */
final class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;
    /** aggregation key -> the event that counts it, as last written */
    private final Map<String, Event> written = new HashMap<>();
    private long lastNanos;

    EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void record(HasMetadata object, String fieldPath, String type, String reason, String message,
            String component, String host) {
        Instant now = clock.instant();
        String key = String.join("\u0000", object.getMetadata().getNamespace(), object.getKind(),
                object.getMetadata().getName(), object.getMetadata().getUid(), String.valueOf(fieldPath), type, reason,
                message, component, String.valueOf(host));
        Event existing = find(key);
        if (existing != null) {
            update(key, existing, e -> {
                e.setCount(e.getCount() == null ? 2 : e.getCount() + 1);
                e.setLastTimestamp(KubeTime.time(now));
                return e;
            });
            if (written.containsKey(key)) {
                return;
            }
        }
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(name(object, now))
                    .withNamespace(object.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(reference(object, fieldPath))
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withSource(new EventSource(component, host))
                .withCount(1)
                .withFirstTimestamp(KubeTime.time(now))
                .withLastTimestamp(KubeTime.time(now))
                .withReportingComponent("")
                .withReportingInstance("")
                .build();
        create(key, event);
    }

    void recordSeries(HasMetadata object, String type, String reason, String action, String message,
            String reportingController, String reportingInstance) {
        Instant now = clock.instant();
        String key = String.join("\u0000", object.getMetadata().getNamespace(), object.getKind(),
                object.getMetadata().getName(), object.getMetadata().getUid(),
                object.getMetadata().getResourceVersion(), type, reason, action, message, reportingController);
        Event existing = find(key);
        if (existing != null) {
            update(key, existing, e -> {
                int count = e.getSeries() == null ? 1 : e.getSeries().getCount() + 1;
                e.setSeries(new EventSeries(count, new MicroTime(KubeTime.microTime(now))));
                return e;
            });
            if (written.containsKey(key)) {
                return;
            }
        }
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(name(object, now))
                    .withNamespace(object.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(reference(object, null))
                .withType(type)
                .withReason(reason)
                .withAction(action)
                .withMessage(message)
                .withEventTime(new MicroTime(KubeTime.microTime(now)))
                .withReportingComponent(reportingController)
                .withReportingInstance(reportingInstance)
                .withSource(new EventSource())
                .build();
        create(key, event);
    }

    private Event find(String key) {
        return written.get(key);
    }

    private void create(String key, Event event) {
        for (int attempt = 0; ; attempt++) {
            try {
                written.put(key, client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event)
                        .create());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 3) {
                    LOG.warnf("could not record event %s %s: %s", event.getReason(), event.getMessage(), e.getMessage());
                    return;
                }
                // the name is taken (another fixture on the same server, same clock): take the next one
                String name = event.getMetadata().getName();
                lastNanos += 1_000;
                event.getMetadata().setName(name.substring(0, name.lastIndexOf('.') + 1) + Long.toHexString(lastNanos));
            }
        }
    }

    /**
     * Writes back a changed copy of an event this recorder wrote (it is the only writer); an event
     * deleted meanwhile (a lab reset) is created anew, a conflict is retried on a fresh read.
     */
    private void update(String key, Event event, UnaryOperator<Event> change) {
        String namespace = event.getMetadata().getNamespace();
        Event base = event;
        for (int attempt = 0; base != null && attempt < 3; attempt++) {
            try {
                written.put(key, client.v1().events().inNamespace(namespace).resource(change.apply(base)).update());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && e.getCode() != 404) {
                    throw e;
                }
                base = e.getCode() == 404 ? null
                        : client.v1().events().inNamespace(namespace).withName(event.getMetadata().getName()).get();
            }
        }
        written.remove(key);
    }

    private String name(HasMetadata object, Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        lastNanos = Math.max(nanos, lastNanos + 1);
        return object.getMetadata().getName() + "." + Long.toHexString(lastNanos);
    }

    static ObjectReference reference(HasMetadata object, String fieldPath) {
        return new ObjectReferenceBuilder()
                .withApiVersion(object.getApiVersion())
                .withKind(object.getKind())
                .withName(object.getMetadata().getName())
                .withNamespace(object.getMetadata().getNamespace())
                .withUid(object.getMetadata().getUid())
                .withResourceVersion(object.getMetadata().getResourceVersion())
                .withFieldPath(fieldPath)
                .build();
    }
}
