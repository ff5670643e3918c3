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
 * <p>A value is set after its binding joins the response, and may be set again, so a binding's value
 * is looked at again at each call. While the response is filled ({@code exact} false), a binding's whole length is
 * reused while it also holds the same value object: {@link VariableBinding#setVariable} keeps a clone of
 * what it is given, so the binding's value is its own, and nothing in SNMP4J-Agent or this agent changes
 * it in place; what is decided from these lengths is only whether a further repetition still fits. When
 * the response is measured to be trimmed, sized and encoded ({@code exact} true), every value is
 * measured afresh, so even a value changed in place is counted there. The result is what
 * {@link org.snmp4j.PDU#getBERLength(List)} returns for the bindings as they are (with {@code exact}
 * always; without it, unless a binding's value object was changed in place).
 *
 * <p>Even so, each measurement visited every binding: about 200 visits per varbind of a walk, 8 full
 * passes per repetition (SNMP4J-Agent's iterator asks before and in each step, its release pass again).
 * While the response is filled, SNMP4J-Agent changes only its last bindings between two measurements
 * (the repetition it is filling; a cut at endOfMibView shortens the list). So with a {@code tail} (the
 * response's: about twice the request's bindings), a measurement that is not exact and finds the list no
 * shorter than last time checks only the last {@code tail} bindings of last time's and those added since,
 * and takes the sum of the ones before from last time. What could be missed (an earlier binding changed
 * while filling) only moves the point at which a further repetition is judged not to fit: the exact
 * measurement that follows trims the response to size. {@code tail} 0 checks every binding, always.
 *
 * <p>Not thread-safe: each response (and so each instance) is filled and measured by one thread at a time.
 */
final class VarbindLengths {

  /** A binding as measured: the objects it was measured with, its name's and its whole BER length. */
  private record Measured(VariableBinding vb, OID oid, int[] subIds, int oidLength, Variable value, int length) {}

  private final int tail;
  private Measured[] measured = new Measured[0];
  /** {@code sums[i]}: the length of the first {@code i} bindings as last measured. */
  private int[] sums = new int[1];
  /** How many bindings the last measurement covered. */
  private int lastSize;

  /** Measures every binding at each call. */
  VarbindLengths() {
    this(0);
  }

  /**
   * The tail of a response cloned from a request of {@code requestBindings} bindings: SNMP4J-Agent fills
   * one repetition (one binding per repeater) between two measurements; twice that and two more.
   */
  static int tailFor(int requestBindings) {
    return 2 * requestBindings + 2;
  }

  /** @param tail how many of the last measured bindings a measurement that is not exact checks again */
  VarbindLengths(int tail) {
    this.tail = tail;
  }

  /**
   * The sum of the BER lengths of {@code vbs}, as {@code PDU.getBERLength(vbs)}.
   *
   * @param exact whether every value is measured again (see the class comment)
   */
  int berLength(List<? extends VariableBinding> vbs, boolean exact) {
    int n = vbs.size();
    Measured[] m = measured;
    if (m.length < n) {
      int size = Math.max(n, 2 * m.length);
      m = java.util.Arrays.copyOf(m, size);
      measured = m;
      sums = java.util.Arrays.copyOf(sums, size + 1);
    }
    int[] sum = sums;
    int from = exact || tail == 0 || n < lastSize ? 0 : Math.max(0, lastSize - tail);
    int length = sum[from];
    for (int i = from; i < n; i++) {
      VariableBinding vb = vbs.get(i);
      OID oid = vb.getOid();
      Variable value = vb.getVariable();
      Measured e = m[i];
      int oidLength;
      if (e != null && e.vb == vb && e.oid == oid && e.subIds == oid.getValue()) {
        if (e.value == value && !exact) {
          length += e.length;
          sum[i + 1] = length;
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
      sum[i + 1] = length;
    }
    lastSize = n;
    return length;
  }
}
