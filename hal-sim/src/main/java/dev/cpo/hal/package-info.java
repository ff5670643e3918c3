/**
 * The hardware abstraction layer the agent depends on: inventory, one bulk snapshot read,
 * controls, and CMIS-like latched flags with an interrupt callback.
 *
 * <p>Nothing here knows about the simulator, SNMP, MQTT or HTTP. A real-hardware HAL
 * implements {@link dev.cpo.hal.SwitchHal} and the agent runs unchanged.
 */
package dev.cpo.hal;
