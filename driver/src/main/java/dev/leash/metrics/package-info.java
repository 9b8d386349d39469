/**
 * {@link dev.leash.metrics.LeashMetrics}, the Micrometer {@code MeterBinder} for Leash's meters (bound to
 * {@code Metrics.globalRegistry} by Leash itself unless {@code leash.metrics=false}). Micrometer is optional:
 * nothing here is loaded unless it is on the class path.
 */
package dev.leash.metrics;
