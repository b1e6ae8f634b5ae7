package org.icugym.core.env;

/**
 * A key an environment may report in its per-step info.
 *
 * @param name key, e.g. {@code "sofa"}
 * @param description meaning, with unit
 */
public record InfoKey(String name, String description) {}
