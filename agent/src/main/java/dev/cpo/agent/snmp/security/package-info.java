/**
 * Who may do what over SNMP: the v2c read-only community, the SNMPv3 USM users {@code noc} (read-only)
 * and {@code ops} (read-write), and the VACM views that make {@code ops} the only writer.
 */
package dev.cpo.agent.snmp.security;
