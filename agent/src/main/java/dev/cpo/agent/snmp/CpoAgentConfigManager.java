package dev.cpo.agent.snmp;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.Snmp;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.MOServer;
import org.snmp4j.cfg.EngineBootsProvider;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J-Agent's {@link AgentConfigManager} as this agent needs it:
 * <ul>
 *   <li>the standard SNMP MIBs only: SNMP4J's own log, config, proxy and notification-log MIBs are left
 *       out (they would let a writer reconfigure the agent and add nothing an operator needs);
 *   <li>SNMPv2c and SNMPv3 only, as documented: an SNMPv1 message counts in snmpInBadVersions and gets
 *       no answer (RFC 3412 section 4.2.1), since v1 cannot carry the Counter64 columns and adds one more
 *       clear-text way in;
 *   <li>the USM of {@link CpoUsm} (decryption errors reported) and the command processor of
 *       {@link CpoCommandProcessor} (responses that fit a datagram);
 *   <li>the VACM of {@link CachedViewsVacmMib} (a view's rows kept between access decisions);
 *   <li>requests decoded into {@link MeasuredPdus}' PDUs, so that the responses cloned from them are
 *       measured without the GETBULK's quadratic cost.
 * </ul>
 * Configuration is programmatic, so no config or persistence provider: what must survive a restart
 * (engine id and boots) is in {@link EngineStateFile}.
 */
final class CpoAgentConfigManager extends AgentConfigManager {

  private final int maxMessageSize;
  private final OutTooBigs outTooBigs;

  CpoAgentConfigManager(OctetString engineId, MessageDispatcher dispatcher, MOServer[] servers,
      EngineBootsProvider boots, int maxMessageSize, OutTooBigs outTooBigs) {
    super(engineId, dispatcher, null, servers, null, null, null, boots);
    this.maxMessageSize = maxMessageSize;
    this.outTooBigs = outTooBigs;
  }

  @Override
  protected void initOptionalMIBs() {
    // Deliberately empty: see the class comment.
  }

  @Override
  protected void initMandatoryMIBs() {
    super.initMandatoryMIBs();
    // Before the command processor is given its VACM (the next step of initialize()).
    vacmMIB = new CachedViewsVacmMib(servers, securityModels);
  }

  @Override
  protected void initMessageDispatcherWithMPs(MessageDispatcher mp) {
    mp.addMessageProcessingModel(new MPv2c(MeasuredPdus.V2C));
    mp.addMessageProcessingModel(new MPv3(engineID.getValue(), MeasuredPdus.V3, securityProtocols, securityModels, counterSupport));
  }

  @Override
  protected USM createUSM() {
    return new CpoUsm(securityProtocols, engineID, engineBootsProvider.updateEngineBoots(), counterSupport,
        maxMessageSize);
  }

  @Override
  protected CommandProcessor createCommandProcessor(OctetString engineId) {
    return new CpoCommandProcessor(engineId, maxMessageSize, outTooBigs);
  }

  /** The agent's SNMP session, also used to send notifications from the agent's port and engine. */
  Snmp session() {
    return (Snmp) session;
  }
}
