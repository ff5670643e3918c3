package dev.cpo.hal.sim.profile;

/**
 * Front-panel ports.
 *
 * @param count number of ports
 * @param lanesPerPort optical lanes per port
 * @param laneRateGbps data rate of one lane
 * @param meanPacketBytes mean frame size, for packet counters
 * @param degradedMode what a dark lane does to its port: {@code plane-aggregate} (each lane is its own
 *     plane link; speed = lanes up x lane rate) or {@code pcs} (the lanes form one PCS; any dark lane
 *     takes the port down)
 * @param moduleInitSeconds an inserted laser module initialises this long before its lasers ramp
 * @param linkUpSeconds once its light is up, a lane trains and aligns for this long before it carries traffic
 */
public record PortSpec(int count, int lanesPerPort, int laneRateGbps, double meanPacketBytes, String degradedMode,
    double moduleInitSeconds, double linkUpSeconds) {

  public static final String PLANE_AGGREGATE = "plane-aggregate";
  public static final String PCS = "pcs";

  public PortSpec {
    if (!PLANE_AGGREGATE.equals(degradedMode) && !PCS.equals(degradedMode)) {
      throw new IllegalArgumentException("ports.degradedMode must be plane-aggregate or pcs, was " + degradedMode);
    }
    Require.positive("ports.count", count);
    Require.positive("ports.lanesPerPort", lanesPerPort);
    Require.positive("ports.laneRateGbps", laneRateGbps);
    Require.range("ports.meanPacketBytes", meanPacketBytes, 64, 9216);
    Require.range("ports.moduleInitSeconds", moduleInitSeconds, 0, 600);
    Require.range("ports.linkUpSeconds", linkUpSeconds, 0, 600);
  }

  /** Whether one dark lane takes the whole port down. */
  public boolean pcs() {
    return PCS.equals(degradedMode);
  }
}
