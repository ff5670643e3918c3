package dev.cpo.agent.snmp.bench;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.agent.snmp.SnmpAgent;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.TrapsConfig;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.OperState;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port state change event -> linkDown/linkUp trap datagram received, over loopback: the SNMP share of
 * the fault -> trap path (the poll or interrupt before the event is the agent core's). Prints p50/p99.
 */
public final class TrapLatencyBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(TrapLatencyBenchmark.class);
  private static final int WARMUPS = 200;
  private static final int SAMPLES = 1000;

  private TrapLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    FixedAgentView view = BenchSwitch.view();
    try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      receiver.setSoTimeout(5000);
      SnmpAgent agent = new SnmpAgent(new SnmpConfig("127.0.0.1", 0, "public"),
          new TrapsConfig("127.0.0.1", receiver.getLocalPort()), view, Files.createTempDirectory("trap-bench"), List.of());
      agent.start();
      try {
        double[] micros = new double[SAMPLES];
        byte[] buf = new byte[65535];
        EntityStatus up = new EntityStatus(OperState.UP, "", 4, 800_000, true);
        EntityStatus down = new EntityStatus(OperState.DOWN, "", 0, 0, true);
        for (int i = 0; i < WARMUPS + SAMPLES; i++) {
          boolean goingDown = i % 2 == 0;
          long t0 = System.nanoTime();
          view.bus().publish(new AgentEvent.StateChanged(view.bus().nextSeq(), System.currentTimeMillis(),
              "port" + (1 + i % 144), EntityClass.PORT, goingDown ? up : down, goingDown ? down : up));
          receiver.receive(new DatagramPacket(buf, buf.length));
          if (i >= WARMUPS) {
            micros[i - WARMUPS] = (System.nanoTime() - t0) / 1e3;
          }
        }
        Arrays.sort(micros);
        LOG.info(String.format("%nport state event -> trap received, %d samples: p50 %.0f us, p99 %.0f us, max %.0f us",
            SAMPLES, micros[SAMPLES / 2], micros[SAMPLES * 99 / 100], micros[SAMPLES - 1]));
      } finally {
        agent.stop();
      }
    }
  }
}
