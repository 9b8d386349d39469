/**
 * How Leash reads its configuration: the sources PRODUCT.md names (connection properties, agent arguments,
 * system properties, environment variables, {@code leash.properties}), their precedence, and what a problem
 * in each does. Values are parsed by {@link dev.leash.config.ConfigKey}, never here.
 *
 * <p>Internal, but shared: the driver's entry points, the javaagent and the Spring Boot starter (released
 * together with the driver, same version) call {@link dev.leash.internal.config.ConfigLoader}. It is no API
 * for applications and may change in any release; applications configure Leash with keys, or build a
 * {@link dev.leash.config.LeashConfig}.
 */
package dev.leash.internal.config;
