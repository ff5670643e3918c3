/**
 * The gNMI northbound: a gNMI target (grpc-java on the project's Netty) serving OpenConfig paths
 * (openconfig-platform, -transceiver, -port, openconfig-interfaces, openconfig-alarms) from the
 * agent's snapshot and event bus, never from the HAL. Capabilities, Get, Subscribe (ONCE, POLL,
 * STREAM with SAMPLE / ON_CHANGE / TARGET_DEFINED) and Set for threshold levels only.
 *
 * <p>{@link dev.cpo.agent.gnmi.GnmiServer} is the component; {@link dev.cpo.agent.gnmi.OcTree} maps
 * entities and readings to paths (the table is in docs/gnmi.md); {@link dev.cpo.agent.gnmi.SubscribeSession}
 * runs one Subscribe stream behind a bounded {@link dev.cpo.agent.gnmi.Outbox}.
 */
package dev.cpo.agent.gnmi;
