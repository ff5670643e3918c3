package dev.cpo.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * What the benchmark reads of a process it started, the same way for the agent and for snmpd, so the
 * two figures of a table row are measured alike: CPU and resident memory from {@code /proc/<pid>}, and
 * the time from process start to its first answered SNMP GET. Linux only (/proc).
 */
final class ProcessProbe {

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, fixed at 100 on Linux for /proc
  private static final Duration GET_TIMEOUT = Duration.ofMillis(20);

  private ProcessProbe() {}

  /** Whether /proc gives this JVM's CPU time and resident memory of other processes. */
  static boolean procAvailable() {
    return Files.isReadable(Path.of("/proc/self/stat")) && Files.isReadable(Path.of("/proc/self/status"));
  }

  /** User plus system CPU time of process {@code pid} so far, in nanoseconds (from /proc/<pid>/stat). */
  static long cpuNanos(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
    // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
  }

  /** A {@code /proc/<pid>/status} field in kB (VmRSS, VmHWM), as MiB. */
  static double statusMebibytes(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IOException(field + " not in /proc/" + pid + "/status");
  }

  /**
   * Sends SNMPv2c GETs of sysUpTime.0 (community public) to {@code port} on loopback with a short timeout,
   * back to back (the timeout paces them), until one is answered: the nanoseconds from {@code startedNanos}
   * (taken just before the process was started) to that answer.
   *
   * @param what the program, for the error
   * @throws IOException when the process exits or does not answer within {@code limit} of its start
   */
  static long awaitFirstAnswerNanos(Process process, int port, long startedNanos, Duration limit, String what)
      throws IOException {
    try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
      snmp.listen();
      CommunityTarget<UdpAddress> target = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + port),
          new OctetString("public"));
      target.setVersion(SnmpConstants.version2c);
      target.setTimeout(GET_TIMEOUT.toMillis());
      target.setRetries(0);
      long deadline = startedNanos + limit.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException(what + " exited with " + process.exitValue() + " before answering SNMP");
        }
        PDU get = new PDU();
        get.setType(PDU.GET);
        get.add(new VariableBinding(SnmpConstants.sysUpTime));
        ResponseEvent<UdpAddress> r = snmp.send(get, target);
        if (r.getResponse() != null && r.getResponse().getErrorStatus() == 0) {
          return System.nanoTime() - startedNanos;
        }
      }
      throw new IOException(what + " did not answer SNMP within " + limit.toSeconds() + " s");
    }
  }
}
