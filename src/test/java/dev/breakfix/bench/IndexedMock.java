package dev.breakfix.bench;

import java.lang.reflect.Field;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.CustomResourceDefinitionProcessor;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Makes the fabric8 mock API server (CRUD mode) find objects through an index instead of scanning every
 * stored object for every request. The stock {@link KubernetesCrudDispatcher} matches each request
 * against all objects it holds (a GET by name in a class of 2,500 labs compares ~40,000 attribute sets,
 * each with a linear {@code HashMap.containsValue}), so every request costs time proportional to the
 * whole cluster; a real API server answers from an indexed watch cache. The same matching is kept
 * ({@link AttributeSet#matches}), only on the objects of the request's resource (and namespace, and
 * name): GETs, LISTs, the lookups of writes, and DELETEs by name. Everything else (writing, watches,
 * collection deletes) is the stock code.
 *
 * <p>{@code -Dbench.mock=stock} leaves the stock dispatcher in place.
 */
public final class IndexedMock {

    private IndexedMock() {
    }


    private static volatile Dispatcher installed;

    /** The dispatcher in use, when this one was installed. */
    static java.util.Optional<Dispatcher> installed() {
        return java.util.Optional.ofNullable(installed);
    }

    /** Puts the indexed dispatcher into {@code server} (a CRUD mock), unless {@code -Dbench.mock=stock}. */
    static void install(KubernetesMockServer server) {
        if ("stock".equals(System.getProperty("bench.mock"))) {
            return;
        }
        try {
            MockWebServer web = (MockWebServer) field(DefaultMockServer.class, "server").get(server);
            Object mixed = field(MockWebServer.class, "dispatcher").get(web);
            Field crud = field(mixed.getClass(), "kubernetesCrudDispatcher");
            Dispatcher dispatcher = new Dispatcher();
            crud.set(mixed, dispatcher);
            installed = dispatcher;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install the indexed mock dispatcher", e);
        }
    }

    static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The stock CRUD dispatcher whose object map keeps indexes; GETs and lookups use them. */
    static final class Dispatcher extends KubernetesCrudDispatcher {

        private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
        private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;
        private static final String NAME = KubernetesAttributesExtractor.NAME;

        private final IndexedMap objects = new IndexedMap();
        private final Lock readLock;
        private final Lock writeLock;
        private final AtomicLong resourceVersion;
        private final CustomResourceDefinitionProcessor crds;

        Dispatcher() {
            try {
                field(io.fabric8.mockwebserver.crud.CrudDispatcher.class, "map").set(this, objects);
                ReadWriteLock lock = (ReadWriteLock) field(KubernetesCrudDispatcher.class, "lock").get(this);
                readLock = lock.readLock();
                writeLock = lock.writeLock();
                resourceVersion = (AtomicLong) field(KubernetesCrudDispatcher.class, "resourceVersion").get(this);
                crds = (CustomResourceDefinitionProcessor) field(KubernetesCrudDispatcher.class, "crdProcessor").get(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** What every container "printed": a real API server answers a log read with the log's text. */
        static final String LOG = "starting\nreading configuration\nerror: the program stopped, as it does in this lab\n";

        @Override
        public MockResponse handleGet(String path) {
            if (path.contains("watch=true")) {
                return super.handleGet(path);
            }
            int query0 = path.indexOf('?');
            if ((query0 < 0 ? path : path.substring(0, query0)).endsWith("/log")) {
                // the stock mock answers pods/{name}/log with every object it holds (a 20 MB list for a class)
                return new MockResponse().setResponseCode(200).setBody(LOG);
            }
            AttributeSet query = getAttributeExtractor().fromPath(path);
            readLock.lock();
            try {
                Collection<AttributeSet> candidates = objects.candidates(query);
                if (candidates == null) {
                    return super.handleGet(path);
                }
                List<String> items = new ArrayList<>();
                for (AttributeSet key : candidates) {
                    if (key.matches(query)) {
                        String value = objects.get(key);
                        if (value != null) {
                            items.add(value);
                        }
                    }
                }
                MockResponse response = new MockResponse();
                if (query.containsKey(NAME)) {
                    return items.isEmpty() ? response.setResponseCode(404) : response.setBody(items.get(0)).setResponseCode(200);
                }
                String discovery = items.isEmpty() ? crds.getApiResources(path) : null;
                response.setBody(discovery != null ? discovery
                        : ((KubernetesResponseComposer) getResponseComposer()).compose(items, String.valueOf(resourceVersion.get())));
                return response.setResponseCode(200);
            } finally {
                readLock.unlock();
            }
        }

        /** Forgets every object at once (no watch events: watchers must list again). */
        void clearAll() {
            writeLock.lock();
            try {
                reset();
            } finally {
                writeLock.unlock();
            }
        }

        /** A DELETE of one named object, as the stock code does it (finalizers respected), found by the index. */
        @Override
        public MockResponse handleDelete(String path) {
            AttributeSet query = getAttributeExtractor().fromPath(path);
            if (!query.containsKey(NAME)) {
                return super.handleDelete(path);
            }
            writeLock.lock();
            try {
                Collection<AttributeSet> candidates = objects.candidates(query);
                if (candidates == null) {
                    return super.handleDelete(path);
                }
                String deleted = null;
                for (AttributeSet key : candidates) {
                    if (!key.matches(query)) {
                        continue;
                    }
                    String json = objects.get(key);
                    if (json == null) {
                        continue;
                    }
                    deleted = deleted == null ? json : deleted;
                    GenericKubernetesResource resource = Serialization.unmarshal(json, GenericKubernetesResource.class);
                    if (resource.getFinalizers().isEmpty()) {
                        processEvent(path, query, key, null, null);
                    } else if (!resource.isMarkedForDeletion()) {
                        resource.getMetadata().setDeletionTimestamp(ZonedDateTime.now(ZoneOffset.UTC)
                                .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                        resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
                        processEvent(path, query, key, resource, Serialization.asJson(resource));
                    }
                }
                MockResponse response = new MockResponse();
                return deleted == null ? response.setResponseCode(404) : response.setBody(deleted).setResponseCode(200);
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
            Collection<AttributeSet> candidates = objects.candidates(attributes);
            if (candidates == null) {
                return super.findResource(attributes);
            }
            for (AttributeSet key : candidates) {
                if (key.matches(attributes)) {
                    String value = objects.get(key);
                    if (value != null) {
                        return new AbstractMap.SimpleImmutableEntry<>(key, value);
                    }
                }
            }
            return null;
        }

        /** The stock object map (insertion ordered), with indexes by resource, resource+namespace, resource+name. */
        static final class IndexedMap extends LinkedHashMap<AttributeSet, String> {

            private final Map<Attribute, Set<AttributeSet>> byPlural = new HashMap<>();
            private final Map<List<Attribute>, Set<AttributeSet>> byNamespace = new HashMap<>();
            private final Map<List<Attribute>, Set<AttributeSet>> byName = new HashMap<>();
            private final Map<List<Attribute>, Set<AttributeSet>> byNamespacedName = new HashMap<>();

            @Override
            public String put(AttributeSet key, String value) {
                String previous = super.put(key, value);
                if (previous == null) {
                    index(key, true);
                }
                return previous;
            }

            @Override
            public String remove(Object key) {
                String previous = super.remove(key);
                if (previous != null) {
                    index((AttributeSet) key, false);
                }
                return previous;
            }

            @Override
            public void clear() {
                super.clear();
                byPlural.clear();
                byNamespace.clear();
                byName.clear();
                byNamespacedName.clear();
            }

            private void index(AttributeSet key, boolean add) {
                Attribute plural = with(key, PLURAL);
                if (plural == null) {
                    return;
                }
                update(byPlural, plural, key, add);
                Attribute namespace = with(key, NAMESPACE);
                if (namespace != null) {
                    update(byNamespace, List.of(plural, namespace), key, add);
                }
                Attribute name = with(key, NAME);
                if (name != null) {
                    update(byName, List.of(plural, name), key, add);
                    if (namespace != null) {
                        update(byNamespacedName, List.of(plural, namespace, name), key, add);
                    }
                }
            }

            private static <K> void update(Map<K, Set<AttributeSet>> index, K k, AttributeSet key, boolean add) {
                if (add) {
                    index.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(key);
                } else {
                    Set<AttributeSet> keys = index.get(k);
                    if (keys != null && keys.remove(key) && keys.isEmpty()) {
                        index.remove(k);
                    }
                }
            }

            /**
             * Every stored key that can match {@code query} (a superset: callers still match each one), or null
             * when the query names no resource (then the stock scan answers).
             */
            Collection<AttributeSet> candidates(AttributeSet query) {
                Attribute plural = with(query, PLURAL);
                if (plural == null) {
                    return null;
                }
                Attribute name = with(query, NAME);
                Attribute namespace = with(query, NAMESPACE);
                Set<AttributeSet> found;
                if (name != null) {
                    found = namespace != null ? byNamespacedName.get(List.of(plural, namespace, name))
                            : byName.get(List.of(plural, name));
                } else {
                    found = namespace != null ? byNamespace.get(List.of(plural, namespace)) : byPlural.get(plural);
                }
                return found == null ? List.of() : List.copyOf(found);
            }

            /** The attribute {@code key} of {@code set} when it is a plain equality (the only kind indexed). */
            private static Attribute with(AttributeSet set, String key) {
                Attribute a = set.getAttribute(key);
                return a != null && a.getType() == AttributeType.WITH ? a : null;
            }
        }
    }
}
