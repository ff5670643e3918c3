package dev.cpo.agent.snmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.snmp4j.ScopedPDU;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityParameters;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityStateReference;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * SNMP4J's USM with the two things RFC 3414 section 3.2 asks that it leaves out.
 *
 * <p>Step 8: a message that does not decrypt counts in usmStatsDecryptionErrors and is answered with a
 * report. AES in CFB mode (RFC 3826) cannot itself fail, so SNMP4J hands on whatever a wrong key
 * produces and the dispatcher counts it as an ASN.1 parse error with no answer. Here, an authenticated
 * message (its digest was right) whose plaintext is not a scopedPDU is a decryption error, which is the
 * only way it can come about; the report goes out noAuthNoPriv, as net-snmp's snmpd sends it.
 *
 * <p>The response size: the largest scopedPDU we answer with is bounded by the lesser of the request's
 * msgMaxSize and our own limit, the datagram ({@code maxMessageSize}), less every byte the message
 * around it can take. SNMP4J's estimate leaves out the outer SEQUENCE, msgVersion, the OCTET STRING
 * wrapping the security parameters and the encrypted PDU, and the privacy padding; without them a
 * response could exceed either limit by a few bytes and be dropped by the network stack.
 *
 * <p>The configured users are localised beside the start ({@link #addUsersAside}): each key is a megabyte
 * of SHA-256 (RFC 3414 A.2), and the four were about a quarter of the main thread's work before SNMP
 * answered (JFR), work SNMPv1/v2c requests do not need. Until they are in, a v3 message (a request, an
 * engine discovery, a notification going out) waits for them rather than meeting an unknown user.
 */
final class CpoUsm extends USM {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CpoUsm.class);

  /**
   * Bytes of a v3 message SNMP4J's estimate leaves out: outer SEQUENCE header (4), msgVersion (3),
   * the OCTET STRING headers of msgSecurityParameters (4) and of the encrypted scopedPDU (4), and
   * padding up to a DES block (8).
   */
  static final int UNCOUNTED_OVERHEAD = 4 + 3 + 4 + 4 + 8;

  private final int maxMessageSize;
  /** The thread localising the configured users, or null when none is. */
  private volatile Thread localising;

  CpoUsm(SecurityProtocols protocols, OctetString engineId, int engineBoots, CounterSupport counters,
      int maxMessageSize) {
    super(protocols, engineId, engineBoots, counters);
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  public int processIncomingMsg(int snmpVersion, int maxMessageSize, SecurityParameters securityParameters,
      SecurityModel securityModel, int securityLevel, BERInputStream wholeMsg,
      TransportStateReference tmStateReference, OctetString securityEngineID, OctetString securityName,
      BEROutputStream scopedPDU, Integer32 maxSizeResponseScopedPDU, SecurityStateReference securityStateReference,
      StatusInformation statusInfo) throws IOException {
    awaitUsers();
    // maxMessageSize here is the request's msgMaxSize less SNMP4J's header estimate.
    int limit = Math.min(maxMessageSize, this.maxMessageSize - MPv3.MAX_HEADER_LENGTH) - UNCOUNTED_OVERHEAD;
    int status = super.processIncomingMsg(snmpVersion, limit, securityParameters, securityModel, securityLevel,
        wholeMsg, tmStateReference, securityEngineID, securityName, scopedPDU, maxSizeResponseScopedPDU,
        securityStateReference, statusInfo);
    boolean undecryptable = status == SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR
        || (status == SnmpConstants.SNMPv3_USM_OK && securityLevel == SecurityLevel.AUTH_PRIV
            && !isScopedPdu(scopedPDU));
    if (undecryptable) {
      CounterEvent event = new CounterEvent(this, SnmpConstants.usmStatsDecryptionErrors);
      fireIncrementCounter(event);
      if (statusInfo != null) {
        statusInfo.setSecurityLevel(new Integer32(SecurityLevel.NOAUTH_NOPRIV));
        statusInfo.setErrorIndication(new VariableBinding(event.getOid(), event.getCurrentValue()));
      }
      return SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR;
    }
    return status;
  }

  @Override
  public int generateRequestMessage(int snmpVersion, byte[] globalData, int maxMessageSize, int securityModel,
      byte[] securityEngineID, byte[] securityName, int securityLevel, BERInputStream scopedPDU,
      SecurityParameters securityParameters, BEROutputStream wholeMsg, TransportStateReference tmStateReference,
      SecurityStateReference securityStateReference) throws IOException {
    awaitUsers();
    return super.generateRequestMessage(snmpVersion, globalData, maxMessageSize, securityModel, securityEngineID,
        securityName, securityLevel, scopedPDU, securityParameters, wholeMsg, tmStateReference,
        securityStateReference);
  }

  /**
   * Adds {@code users} localised to {@code engineId} on a thread of its own, which ends when they are in; v3
   * messages wait for it ({@link #awaitUsers}).
   */
  void addUsersAside(List<UsmUser> users, OctetString engineId) {
    Thread t = new Thread(() -> {
      for (UsmUser user : users) {
        try {
          addUser(user, engineId);
        } catch (RuntimeException e) {
          LOG.error("SNMPv3 user {} could not be localised, its requests are refused: {}", user.getSecurityName(),
              e.toString());
        }
      }
    }, "snmp-usm-keys");
    t.setDaemon(true);
    localising = t;
    t.start();
  }

  /** Returns once the configured users are in (at once after that). */
  void awaitUsers() {
    Thread t = localising;
    if (t == null) {
      return;
    }
    try {
      // Joined rather than signalled: once a v3 message has been answered the thread is gone.
      t.join();
      localising = null;
    } catch (InterruptedException e) {
      // Stopping: the message meets whatever users are in.
      Thread.currentThread().interrupt();
    }
  }

  private static boolean isScopedPdu(BEROutputStream plaintext) {
    ByteBuffer buffer = plaintext.getBuffer();
    if (buffer == null) {
      return false;
    }
    // rewind() moves to the plaintext's start (MPv3 rewinds again before it decodes); read a copy.
    ByteBuffer copy = plaintext.rewind().duplicate();
    try {
      new ScopedPDU().decodeBER(new BERInputStream(copy));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
