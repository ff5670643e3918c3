/**
 * IF-MIB (RFC 2863) for the front-panel ports: ifNumber, ifTable, ifXTable, ifTableLastChange, and
 * the linkUp/linkDown notifications. ifIndex of {@code portN} is N.
 */
package dev.cpo.agent.snmp.ifmib;
