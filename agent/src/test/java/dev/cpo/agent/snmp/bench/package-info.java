/** Benchmarks of the SNMP agent against net-snmp (run by hand, never by {@code mvn verify}). */
package dev.cpo.agent.snmp.bench;
