package dev.cpo.agent.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Times full {@code snmpbulkwalk -v2c -Cr50} walks of SNMP agents on loopback: the same client for every agent. */
final class WalkTimer {

  /** One agent's figures: varbinds per walk and the median walk time. */
  record Figures(String agent, int varbinds, double medianSeconds) {
    double varbindsPerSecond() {
      return varbinds / medianSeconds;
    }
  }

  private final String snmpbulkwalk;
  private final int repetitions;

  WalkTimer(String snmpbulkwalk, int repetitions) {
    this.snmpbulkwalk = snmpbulkwalk;
    this.repetitions = repetitions;
  }

  /** Walks the whole tree (.1) with max-repetitions 50, numeric output, no MIBs to parse. */
  int walk(int port) throws IOException, InterruptedException {
    List<String> cmd = List.of(snmpbulkwalk, "-m", "", "-On", "-Oq", "-t", "5", "-r", "0", "-v2c", "-c", "public",
        "-Cr50", "udp:127.0.0.1:" + port, ".1");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException("walk of port " + port + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    int lines = 0;
    for (byte b : out) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** Warms the agent up, then times walks of it alone; reports the median. */
  Figures measure(String name, int port, int warmups) throws IOException, InterruptedException {
    for (int i = 0; i < warmups; i++) {
      walk(port);
    }
    double[] seconds = new double[repetitions];
    int varbinds = 0;
    for (int i = 0; i < repetitions; i++) {
      long t0 = System.nanoTime();
      varbinds = walk(port);
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(seconds);
    return new Figures(name, varbinds, seconds[repetitions / 2]);
  }

  /**
   * Warms both agents up, then alternates timed walks between them so that load from elsewhere on the
   * machine falls on both alike; reports the median of each.
   */
  List<Figures> measureInterleaved(String nameA, int portA, String nameB, int portB, int warmups)
      throws IOException, InterruptedException {
    for (int i = 0; i < warmups; i++) {
      walk(portA);
      walk(portB);
    }
    double[] a = new double[repetitions];
    double[] b = new double[repetitions];
    int varbindsA = 0;
    int varbindsB = 0;
    for (int i = 0; i < repetitions; i++) {
      long t0 = System.nanoTime();
      varbindsA = walk(portA);
      long t1 = System.nanoTime();
      varbindsB = walk(portB);
      long t2 = System.nanoTime();
      a[i] = (t1 - t0) / 1e9;
      b[i] = (t2 - t1) / 1e9;
    }
    Arrays.sort(a);
    Arrays.sort(b);
    return List.of(new Figures(nameA, varbindsA, a[repetitions / 2]), new Figures(nameB, varbindsB, b[repetitions / 2]));
  }
}
