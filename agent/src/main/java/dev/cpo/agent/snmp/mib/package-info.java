/**
 * The MIB modules the SNMP agent serves from the agent's latest snapshot: ENTITY-MIB v4 (RFC 6933),
 * ENTITY-SENSOR-MIB (RFC 3433), ENTITY-STATE-MIB (RFC 4268) and our CPO-SWITCH-MIB (mibs/), with
 * their notifications. Tables implement {@link org.snmp4j.agent.mo.MOTableModel} directly over the
 * snapshot, so a walk never copies a table and never touches the HAL. {@link MibModules#create} builds
 * them all.
 */
package dev.cpo.agent.snmp.mib;
