/**
 * Leash's configuration: one immutable {@link dev.leash.config.LeashConfig} (built with its builder or
 * read from the {@code leash.*} keys of the README's table) and the {@link dev.leash.config.LeashConfigException}
 * that names a bad key, its value and what is allowed. Depends on the JDK only.
 */
package dev.leash.config;
