/** The {@code icugym} executable and its subcommands (picocli). */
package org.icugym.cli;
