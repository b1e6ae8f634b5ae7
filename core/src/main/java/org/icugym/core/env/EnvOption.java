package org.icugym.core.env;

/**
 * An option an environment accepts at session creation.
 *
 * @param name option name, e.g. {@code "observation"}
 * @param description meaning and accepted values
 * @param defaultValue value used when absent
 */
public record EnvOption(String name, String description, String defaultValue) {}
