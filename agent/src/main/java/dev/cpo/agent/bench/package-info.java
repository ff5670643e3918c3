/**
 * The {@code bench} command's measurements: the product's figures beside the anchors of SPEC.md's
 * performance goals (net-snmp snmpd's walk rate measured in the same run), printed as a table and
 * optionally written as JSON. Everything here starts what it measures itself, on free loopback ports.
 */
package dev.cpo.agent.bench;
