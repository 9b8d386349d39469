/**
 * What Leash observes, as immutable values, and the {@link dev.leash.event.LeashListener} SPI that
 * receives them (attach one with {@link dev.leash.jdbc.Leash#addListener}). Leash's own outputs (SLF4J
 * lines, meters, JFR events, the MBean) read the same events. Depends on the JDK only.
 */
package dev.leash.event;
