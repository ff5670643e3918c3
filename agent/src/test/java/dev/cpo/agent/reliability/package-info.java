/**
 * The reliability suite: the product as {@code run} composes it, on free loopback ports, under fuzzed
 * SNMP, concurrent pollers, HAL read-error storms and a soak with faults cycling. Each test prints the
 * figures it measured. The soak's duration is {@code -Dcpo.soak.seconds} (profiles {@code reliability}
 * and {@code soak-long} in agent/pom.xml set it).
 */
package dev.cpo.agent.reliability;
