package dev.cpo.agent.snmp.security;

import dev.cpo.agent.config.Checks;
import dev.cpo.agent.snmp.SnmpAgent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import org.snmp4j.agent.mo.MOTable;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.snmp.SnmpCommunityMIB;
import org.snmp4j.agent.mo.snmp.SnmpTargetMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.TransportDomains;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * The source networks the v2c community is accepted from, the standard way (RFC 3584 section 5.2.1):
 * the community row carries a transport tag; snmpTargetAddrTable rows with that tag and a mask in
 * snmpTargetAddrExtTable name the networks. A request from elsewhere counts as snmpInBadCommunityNames
 * and gets no answer.
 */
final class CommunitySources {

  /** Transport tag of the read community's allowed sources. */
  static final OctetString TAG = new OctetString("v2c-sources");

  private CommunitySources() {}

  /** One network in CIDR form, e.g. {@code 127.0.0.0/8} or {@code ::1/128}. */
  record Network(InetAddress address, int prefixLength) {

    /** A network {@link Checks#cidr} accepts (the config loader has already checked it, naming the key). */
    static Network parse(String cidr) {
      String v = Checks.cidr("snmp.communitySources", cidr).strip();
      int slash = v.indexOf('/');
      try {
        // A literal address, as Checks.cidr made sure: no name lookup happens.
        return new Network(InetAddress.getByName(v.substring(0, slash)), Integer.parseInt(v.substring(slash + 1)));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("snmp.communitySources entry '" + cidr + "' does not start with an IP address", e);
      }
    }

    /** TAddress (address octets, then the port) as SNMP-TARGET-MIB stores it. */
    OctetString tAddress() {
      byte[] ip = address.getAddress();
      return new OctetString(ByteBuffer.allocate(ip.length + 2).put(ip).putShort((short) 0).array());
    }

    /** snmpTargetAddrTMask: prefix bits set, any port. */
    OctetString mask() {
      byte[] mask = new byte[address.getAddress().length + 2];
      for (int bit = 0; bit < prefixLength; bit++) {
        mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
      }
      return new OctetString(mask);
    }

    OID domain() {
      return address.getAddress().length == 4 ? TransportDomains.snmpUDPDomain : TransportDomains.transportDomainUdpIpv6;
    }
  }

  // SNMP4J-Agent exposes snmpTargetAddrExtTable only as a raw MOTable.
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void configure(SnmpTargetMIB targets, SnmpCommunityMIB communities, List<String> cidrs) {
    int n = 0;
    for (String cidr : cidrs) {
      Network network = Network.parse(cidr);
      OctetString name = new OctetString("v2c-source-" + (++n));
      targets.addTargetAddress(name, network.domain(), network.tAddress(), 0, 0, TAG, new OctetString("none"),
          StorageType.readOnly);
      MOTable ext = communities.getSnmpTargetAddrExtEntry();
      MOTableRow row = ext.createRow(name.toSubIndex(true),
          new Variable[] {network.mask(), new Integer32(SnmpAgent.MAX_MESSAGE_SIZE)});
      ext.addRow(row);
    }
    communities.setSourceAddressFiltering(true);
  }
}
