/**
 * Sends SNMP notifications to the configured targets: v2c traps and SNMPv3 informs (acknowledged,
 * retried), each target on its own queue and thread so a dead receiver never delays another or the caller.
 */
package dev.cpo.agent.snmp.notify;
