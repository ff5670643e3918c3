/**
 * SNMP northbound on SNMP4J-Agent: v2c and SNMPv3 USM/VACM, the standard MIBs and CPO-SWITCH-MIB,
 * read from the agent's latest snapshot, and notifications from its event stream.
 */
package dev.cpo.agent.snmp;
