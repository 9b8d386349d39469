/**
 * Leash's implementation, not API: anything under {@code dev.leash.internal} may change in any release.
 * This package wires the process-wide runtime ({@link dev.leash.internal.LeashRuntime}: the lease
 * registry, its reporter and the optional outputs). The direction of imports between the packages is
 * described in {@code docs/architecture.md} and enforced by {@code PackageDirectionTest}.
 */
package dev.leash.internal;
