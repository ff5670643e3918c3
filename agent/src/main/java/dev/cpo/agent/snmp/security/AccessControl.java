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
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * Sets up the community table and VACM of an initialised {@link AgentConfigManager}, and names the USM users.
 *
 * <p>Groups: the v2c community is in {@code readers-v2c} (noAuthNoPriv, read view only); {@code noc}
 * in {@code readers-v3} and {@code ops} in {@code operators}, both authPriv at least, so the users'
 * names alone never grant access at a lower level. Only {@code operators} has a write view, and only
 * it reads the security and notification configuration (SNMP-TARGET-, SNMP-NOTIFICATION-,
 * SNMP-USER-BASED-SM- and SNMP-VIEW-BASED-ACM-MIB); nobody reads SNMP-COMMUNITY-MIB.
 */
public final class AccessControl {

  /** Security name the v2c community maps to. */
  public static final String V2C_SECURITY_NAME = "v2c-ro";
  public static final String NOC = "noc";
  public static final String OPS = "ops";

  /** What ops reads: everything but the community table. */
  private static final OctetString READ_VIEW = new OctetString("all");
  /** What the v2c community and noc read: no security or notification configuration. */
  private static final OctetString MONITOR_VIEW = new OctetString("monitor");
  private static final OctetString NOTIFY_VIEW = new OctetString("all");
  private static final OctetString WRITE_VIEW = new OctetString("ops-write");
  private static final OctetString NO_VIEW = new OctetString();
  private static final OctetString DEFAULT_CONTEXT = new OctetString();
  private static final OID SNMP_COMMUNITY_MIB = new OID("1.3.6.1.6.3.18");

  /**
   * The agent's security and notification configuration: who may do what, the users and their
   * protocols, where notifications go. Like net-snmp's default views, only the administrator (ops)
   * sees them.
   */
  private static final List<OID> CONFIGURATION = List.of(
      new OID("1.3.6.1.6.3.12"),       // SNMP-TARGET-MIB
      new OID("1.3.6.1.6.3.13"),       // SNMP-NOTIFICATION-MIB
      new OID("1.3.6.1.6.3.15"),       // SNMP-USER-BASED-SM-MIB
      new OID("1.3.6.1.6.3.16"),       // SNMP-VIEW-BASED-ACM-MIB
      SNMP_COMMUNITY_MIB);             // SNMP-COMMUNITY-MIB

  /** Everything an operator may change: system group, authentication traps, interfaces, entity MIBs, CPO-SWITCH-MIB. */
  private static final List<OID> WRITABLE = List.of(
      new OID("1.3.6.1.2.1.1"),        // SNMPv2-MIB system (sysContact, sysName, sysLocation)
      new OID("1.3.6.1.2.1.11.30"),    // SNMPv2-MIB snmpEnableAuthenTraps
      new OID("1.3.6.1.2.1.2"),        // IF-MIB interfaces
      new OID("1.3.6.1.2.1.31"),       // IF-MIB ifMIB
      new OID("1.3.6.1.2.1.47"),       // ENTITY-MIB
      new OID("1.3.6.1.2.1.99"),       // ENTITY-SENSOR-MIB
      new OID("1.3.6.1.2.1.131"),      // ENTITY-STATE-MIB
      new OID("1.3.6.1.4.1.32473"));   // CPO-SWITCH-MIB (thresholds)

  private AccessControl() {}

  /**
   * Everything but the USM users, which the caller adds bound to {@code engineId} (see {@link #users}).
   *
   * @param manager an agent config manager after {@code initialize()}
   * @param config community and user passphrases
   * @param engineId the agent's engine id (context engine id of the community)
   */
  public static void configure(AgentConfigManager manager, SnmpConfig config, OctetString engineId) {
    communities(manager.getSnmpCommunityMIB(), config.community(), engineId);
    CommunitySources.configure(manager.getSnmpTargetMIB(), manager.getSnmpCommunityMIB(), config.communitySources());
    vacm(manager.getVacmMIB());
  }

  /**
   * The USM users {@code noc} and {@code ops}, to be added bound to the agent's engine id
   * ({@code USM.addUser(user, engineId)}): an unbound user would be localised (a megabyte of hashing) for every
   * engine id a request names and kept, so forged requests could burn CPU and grow the user table. Informs
   * localise for their receiver's engine once it is discovered (see the notify package).
   */
  public static List<UsmUser> users(SnmpConfig config) {
    return List.of(user(NOC, config.noc()), user(OPS, config.ops()));
  }

  private static void communities(SnmpCommunityMIB mib, String community, OctetString engineId) {
    // Traps carry their own community (TrapsConfig) and are sent without this table: the only row is the
    // read community, accepted from its configured networks.
    mib.addSnmpCommunityEntry(new OctetString("read"), new OctetString(community),
        new OctetString(V2C_SECURITY_NAME), engineId, DEFAULT_CONTEXT, CommunitySources.TAG, StorageType.readOnly);
  }

  /** The USM user (HMAC-SHA-256, AES-128, passphrases not yet localised) of {@code noc} or {@code ops}. */
  public static UsmUser user(String name, SnmpConfig.UsmUserConfig user) {
    return new UsmUser(new OctetString(name), AuthHMAC192SHA256.ID, new OctetString(user.authPassphrase()),
        PrivAES128.ID, new OctetString(user.privPassphrase()));
  }

  private static void vacm(VacmMIB vacm) {
    int nonVolatile = StorageType.readOnly;
    OctetString v2cGroup = new OctetString("readers-v2c");
    OctetString nocGroup = new OctetString("readers-v3");
    OctetString opsGroup = new OctetString("operators");
    vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, new OctetString(V2C_SECURITY_NAME), v2cGroup, nonVolatile);
    vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(NOC), nocGroup, nonVolatile);
    vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(OPS), opsGroup, nonVolatile);

    vacm.addAccess(v2cGroup, DEFAULT_CONTEXT, SecurityModel.SECURITY_MODEL_SNMPv2c, SecurityLevel.NOAUTH_NOPRIV,
        MutableVACM.VACM_MATCH_EXACT, MONITOR_VIEW, NO_VIEW, NOTIFY_VIEW, nonVolatile);
    vacm.addAccess(nocGroup, DEFAULT_CONTEXT, SecurityModel.SECURITY_MODEL_USM, SecurityLevel.AUTH_PRIV,
        MutableVACM.VACM_MATCH_EXACT, MONITOR_VIEW, NO_VIEW, NOTIFY_VIEW, nonVolatile);
    vacm.addAccess(opsGroup, DEFAULT_CONTEXT, SecurityModel.SECURITY_MODEL_USM, SecurityLevel.AUTH_PRIV,
        MutableVACM.VACM_MATCH_EXACT, READ_VIEW, WRITE_VIEW, NOTIFY_VIEW, nonVolatile);

    vacm.addViewTreeFamily(READ_VIEW, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded, nonVolatile);
    // snmpCommunityTable lists the community string: nobody reads it, not even over SNMPv3.
    vacm.addViewTreeFamily(READ_VIEW, SNMP_COMMUNITY_MIB, new OctetString(), VacmMIB.vacmViewExcluded, nonVolatile);
    vacm.addViewTreeFamily(MONITOR_VIEW, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded, nonVolatile);
    for (OID subtree : CONFIGURATION) {
      vacm.addViewTreeFamily(MONITOR_VIEW, subtree, new OctetString(), VacmMIB.vacmViewExcluded, nonVolatile);
    }
    for (OID subtree : WRITABLE) {
      vacm.addViewTreeFamily(WRITE_VIEW, subtree, new OctetString(), VacmMIB.vacmViewIncluded, nonVolatile);
    }
  }
}
