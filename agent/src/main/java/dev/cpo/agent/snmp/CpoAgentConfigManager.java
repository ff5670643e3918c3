package dev.cpo.agent.snmp;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.Snmp;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.MOServer;
import org.snmp4j.cfg.EngineBootsProvider;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J-Agent's {@link AgentConfigManager} with the standard SNMP MIBs only: SNMP4J's own log,
 * config, proxy and notification-log MIBs are left out (they would let a writer reconfigure the agent
 * and add nothing an operator needs). Configuration is programmatic, so no config or persistence
 * provider: what must survive a restart (engine id and boots) is in the boots counter file.
 */
final class CpoAgentConfigManager extends AgentConfigManager {

  CpoAgentConfigManager(OctetString engineId, MessageDispatcher dispatcher, MOServer[] servers,
      EngineBootsProvider boots) {
    super(engineId, dispatcher, null, servers, null, null, null, boots);
  }

  @Override
  protected void initOptionalMIBs() {
    // Deliberately empty: see the class comment.
  }

  /** The agent's SNMP session, also used to send notifications from the agent's port and engine. */
  Snmp session() {
    return (Snmp) session;
  }
}
