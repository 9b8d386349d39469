/**
 * Leash's public entry points: {@link dev.leash.jdbc.LeashDriver} (the {@code jdbc:leash:} URL prefix),
 * {@link dev.leash.jdbc.LeashDataSource} (the wrapper around a pool or data source) and
 * {@link dev.leash.jdbc.Leash} (attaching a {@link dev.leash.event.LeashListener}). With
 * {@code dev.leash.config}, {@code dev.leash.event}, {@code dev.leash.metrics.LeashMetrics} and
 * {@code dev.leash.jmx.LeashMXBean} this is the whole API; every {@code dev.leash.internal} package may
 * change in any release.
 */
package dev.leash.jdbc;
