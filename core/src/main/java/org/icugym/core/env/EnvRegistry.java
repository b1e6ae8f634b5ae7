package org.icugym.core.env;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The environment ids a server offers, each with its factory. Immutable once built; thread-safe. */
public final class EnvRegistry {
    private final Map<String, EnvFactory> factories;

    private EnvRegistry(Map<String, EnvFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** A registry of the given factories, keyed by their spec id. */
    public static EnvRegistry of(EnvFactory... factories) {
        Map<String, EnvFactory> m = new TreeMap<>();
        for (EnvFactory f : factories) {
            if (m.put(f.spec().id(), f) != null) {
                throw new IllegalArgumentException("duplicate environment id " + f.spec().id());
            }
        }
        return new EnvRegistry(m);
    }

    /** This registry plus {@code more} (ids must not repeat). */
    public EnvRegistry with(EnvFactory... more) {
        java.util.List<EnvFactory> all = new java.util.ArrayList<>(factories.values());
        all.addAll(java.util.List.of(more));
        return of(all.toArray(EnvFactory[]::new));
    }

    /** The factory of {@code id}; unknown ids throw {@code NOT_FOUND} listing the known ones. */
    public EnvFactory factory(String id) {
        EnvFactory f = factories.get(id);
        if (f == null) {
            throw EnvException.notFound("unknown environment id '" + id + "'; registered: " + ids()
                    + " (call ListEnvironments)");
        }
        return f;
    }

    /** Every factory, sorted by id. */
    public Collection<EnvFactory> all() {
        return new TreeMap<>(factories).values();
    }

    /** Every registered id, sorted. */
    public java.util.List<String> ids() {
        return factories.keySet().stream().sorted().toList();
    }
}
