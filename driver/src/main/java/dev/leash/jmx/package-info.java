/** {@link dev.leash.jmx.LeashMXBean}, the interface of the {@code dev.leash:type=Leash} MBean, for typed JMX clients. */
package dev.leash.jmx;
