package dev.cpo.hal.sim.profile;

/**
 * Front-panel ports.
 *
 * @param count number of ports
 * @param lanesPerPort optical lanes per port
 * @param laneRateGbps data rate of one lane
 * @param meanPacketBytes mean frame size, for packet counters
 */
public record PortSpec(int count, int lanesPerPort, int laneRateGbps, double meanPacketBytes) {

  public PortSpec {
    Require.positive("ports.count", count);
    Require.positive("ports.lanesPerPort", lanesPerPort);
    Require.positive("ports.laneRateGbps", laneRateGbps);
    Require.range("ports.meanPacketBytes", meanPacketBytes, 64, 9216);
  }
}
