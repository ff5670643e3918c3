package dev.cpo.agent.snmp;

import java.util.List;
import org.snmp4j.asn1.BER;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * The BER length of a PDU's variable bindings, remembering each binding's length between calls.
 *
 * <p>SNMP4J-Agent measures the whole response PDU before each repetition of a GETBULK (and again for
 * each sub-request when it releases the request), so a 50-repetition response measured every binding
 * about 200 times. A binding's name length is reused only while the binding, its {@link OID} and the
 * OID's sub-identifier array are the very objects it was measured with ({@code setOid}, {@code append},
 * {@code trim}, decoding and cloning all put a new array in place); the one change not seen is a
 * sub-identifier written into the array in place ({@link OID#set}), which nothing in SNMP4J,
 * SNMP4J-Agent or this agent does to a binding's name.
 *
 * <p>A value is set after its binding joins the response, and may be set again, so each call still
 * visits every binding. While the response is filled ({@code exact} false), a binding's whole length is
 * reused while it also holds the same value object: {@link VariableBinding#setVariable} keeps a clone of
 * what it is given, so the binding's value is its own, and nothing in SNMP4J-Agent or this agent changes
 * it in place; what is decided from these lengths is only whether a further repetition still fits. When
 * the response is measured to be trimmed, sized and encoded ({@code exact} true), every value is
 * measured afresh, so even a value changed in place is counted there. The result is what
 * {@link org.snmp4j.PDU#getBERLength(List)} returns for the bindings as they are (with {@code exact}
 * always; without it, unless a binding's value object was changed in place).
 *
 * <p>Not thread-safe in its counting, but safe to share: each remembered length is an immutable
 * record checked by identity, so a race costs a recomputation, never a wrong length.
 */
final class VarbindLengths {

  /** A binding as measured: the objects it was measured with, its name's and its whole BER length. */
  private record Measured(VariableBinding vb, OID oid, int[] subIds, int oidLength, Variable value, int length) {}

  private Measured[] measured = new Measured[0];

  /**
   * The sum of the BER lengths of {@code vbs}, as {@code PDU.getBERLength(vbs)}.
   *
   * @param exact whether every value is measured again (see the class comment)
   */
  int berLength(List<? extends VariableBinding> vbs, boolean exact) {
    int n = vbs.size();
    Measured[] m = measured;
    if (m.length < n) {
      Measured[] grown = new Measured[Math.max(n, 2 * m.length)];
      System.arraycopy(m, 0, grown, 0, m.length);
      m = grown;
      measured = grown;
    }
    int length = 0;
    for (int i = 0; i < n; i++) {
      VariableBinding vb = vbs.get(i);
      OID oid = vb.getOid();
      Variable value = vb.getVariable();
      Measured e = m[i];
      int oidLength;
      if (e != null && e.vb == vb && e.oid == oid && e.subIds == oid.getValue()) {
        if (e.value == value && !exact) {
          length += e.length;
          continue;
        }
        oidLength = e.oidLength;
      } else {
        oidLength = oid.getBERLength();
        e = null;
      }
      int payload = oidLength + value.getBERLength();
      int vbLength = payload + BER.getBERLengthOfLength(payload) + 1;
      if (e == null || e.value != value || e.length != vbLength) {
        m[i] = new Measured(vb, oid, oid.getValue(), oidLength, value, vbLength);
      }
      length += vbLength;
    }
    return length;
  }
}
