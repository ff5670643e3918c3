package dev.cpo.agent.snmp.security;

import dev.cpo.agent.snmp.SnmpConfig;
import java.util.List;
import org.snmp4j.agent.AgentConfigManager;
import org.snmp4j.agent.mo.snmp.SnmpCommunityMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * Sets up the community table, the USM users and VACM of an initialised {@link AgentConfigManager}.
 *
 * <p>Groups: the v2c community is in {@code readers-v2c} (noAuthNoPriv, read view only); {@code noc}
 * in {@code readers-v3} and {@code ops} in {@code operators}, both authPriv at least, so the users'
 * names alone never grant access at a lower level. Only {@code operators} has a write view.
 */
public final class AccessControl {

  /** Security name the v2c community maps to. */
  public static final String V2C_SECURITY_NAME = "v2c-ro";
  /** Security name of v2c traps sent with the trap community. */
  public static final String TRAP_SECURITY_NAME = "v2c-trap";
  public static final String NOC = "noc";
  public static final String OPS = "ops";

  private static final OctetString READ_VIEW = new OctetString("all");
  private static final OctetString NOTIFY_VIEW = new OctetString("all");
  private static final OctetString WRITE_VIEW = new OctetString("ops-write");
  private static final OctetString NO_VIEW = new OctetString();
  private static final OctetString DEFAULT_CONTEXT = new OctetString();
  private static final OID SNMP_COMMUNITY_MIB = new OID("1.3.6.1.6.3.18");

  /** Everything an operator may change: system group, interfaces, entity MIBs and CPO-SWITCH-MIB. */
  private static final List<OID> WRITABLE = List.of(
      new OID("1.3.6.1.2.1.1"),        // SNMPv2-MIB system (sysContact, sysName, sysLocation)
      new OID("1.3.6.1.2.1.2"),        // IF-MIB interfaces
      new OID("1.3.6.1.2.1.31"),       // IF-MIB ifMIB
      new OID("1.3.6.1.2.1.47"),       // ENTITY-MIB
      new OID("1.3.6.1.2.1.99"),       // ENTITY-SENSOR-MIB
      new OID("1.3.6.1.2.1.131"),      // ENTITY-STATE-MIB
      new OID("1.3.6.1.4.1.32473"));   // CPO-SWITCH-MIB (thresholds)

  private AccessControl() {}

  /**
   * @param manager an agent config manager after {@code initialize()}
   * @param config community and user passphrases
   * @param trapCommunity the community v2c traps carry
   * @param engineId the agent's engine id (context engine id of the community)
   */
  public static void configure(AgentConfigManager manager, SnmpConfig config, String trapCommunity,
      OctetString engineId) {
    communities(manager.getSnmpCommunityMIB(), config.community(), trapCommunity, engineId);
    users(manager.getUsm(), config);
    vacm(manager.getVacmMIB());
  }

  private static void communities(SnmpCommunityMIB mib, String community, String trapCommunity,
      OctetString engineId) {
    mib.addSnmpCommunityEntry(new OctetString("read"), new OctetString(community),
        new OctetString(V2C_SECURITY_NAME), engineId, DEFAULT_CONTEXT, new OctetString(), StorageType.readOnly);
    if (!trapCommunity.equals(community)) {
      // Outgoing traps look up their community by security name. Its group only has a notify view,
      // so a manager that knows the trap community still reads nothing.
      mib.addSnmpCommunityEntry(new OctetString("trap"), new OctetString(trapCommunity),
          new OctetString(TRAP_SECURITY_NAME), engineId, DEFAULT_CONTEXT, new OctetString(), StorageType.readOnly);
    }
  }

  private static void users(USM usm, SnmpConfig config) {
    addUser(usm, NOC, config.noc());
    addUser(usm, OPS, config.ops());
  }

  private static void addUser(USM usm, String name, SnmpConfig.UsmUserConfig user) {
    // Not bound to our engine id: the same user also sends informs, localised to the receiver's engine.
    usm.addUser(new UsmUser(new OctetString(name), AuthHMAC192SHA256.ID, new OctetString(user.authPassphrase()),
        PrivAES128.ID, new OctetString(user.privPassphrase())));
  }

  private static void vacm(VacmMIB vacm) {
    int nonVolatile = StorageType.readOnly;
    OctetString v2cGroup = new OctetString("readers-v2c");
    OctetString trapGroup = new OctetString("notify-v2c");
    OctetString nocGroup = new OctetString("readers-v3");
    OctetString opsGroup = new OctetString("operators");
    vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv1, new OctetString(V2C_SECURITY_NAME), v2cGroup, nonVolatile);
    vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, new OctetString(V2C_SECURITY_NAME), v2cGroup, nonVolatile);
    vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, new OctetString(TRAP_SECURITY_NAME), trapGroup, nonVolatile);
    vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(NOC), nocGroup, nonVolatile);
    vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(OPS), opsGroup, nonVolatile);

    vacm.addAccess(v2cGroup, DEFAULT_CONTEXT, SecurityModel.SECURITY_MODEL_ANY, SecurityLevel.NOAUTH_NOPRIV,
        MutableVACM.VACM_MATCH_EXACT, READ_VIEW, NO_VIEW, NOTIFY_VIEW, nonVolatile);
    vacm.addAccess(trapGroup, DEFAULT_CONTEXT, SecurityModel.SECURITY_MODEL_ANY, SecurityLevel.NOAUTH_NOPRIV,
        MutableVACM.VACM_MATCH_EXACT, NO_VIEW, NO_VIEW, NOTIFY_VIEW, nonVolatile);
    vacm.addAccess(nocGroup, DEFAULT_CONTEXT, SecurityModel.SECURITY_MODEL_USM, SecurityLevel.AUTH_PRIV,
        MutableVACM.VACM_MATCH_EXACT, READ_VIEW, NO_VIEW, NOTIFY_VIEW, nonVolatile);
    vacm.addAccess(opsGroup, DEFAULT_CONTEXT, SecurityModel.SECURITY_MODEL_USM, SecurityLevel.AUTH_PRIV,
        MutableVACM.VACM_MATCH_EXACT, READ_VIEW, WRITE_VIEW, NOTIFY_VIEW, nonVolatile);

    vacm.addViewTreeFamily(READ_VIEW, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded, nonVolatile);
    // snmpCommunityTable lists the community strings, the trap community among them: nobody reads it.
    vacm.addViewTreeFamily(READ_VIEW, SNMP_COMMUNITY_MIB, new OctetString(), VacmMIB.vacmViewExcluded, nonVolatile);
    for (OID subtree : WRITABLE) {
      vacm.addViewTreeFamily(WRITE_VIEW, subtree, new OctetString(), VacmMIB.vacmViewIncluded, nonVolatile);
    }
  }
}
