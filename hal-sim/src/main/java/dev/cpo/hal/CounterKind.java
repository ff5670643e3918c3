package dev.cpo.hal;

/** 64-bit monotonically increasing counters. */
public enum CounterKind {
  /** Per port. */
  RX_OCTETS("rx_octets", EntityClass.PORT),
  TX_OCTETS("tx_octets", EntityClass.PORT),
  RX_UNICAST_PACKETS("rx_ucast_pkts", EntityClass.PORT),
  TX_UNICAST_PACKETS("tx_ucast_pkts", EntityClass.PORT),
  RX_MULTICAST_PACKETS("rx_mcast_pkts", EntityClass.PORT),
  TX_MULTICAST_PACKETS("tx_mcast_pkts", EntityClass.PORT),
  RX_BROADCAST_PACKETS("rx_bcast_pkts", EntityClass.PORT),
  TX_BROADCAST_PACKETS("tx_bcast_pkts", EntityClass.PORT),
  RX_ERRORS("rx_errors", EntityClass.PORT),
  RX_DISCARDS("rx_discards", EntityClass.PORT),
  /** Times the port's link went down (its flaps), counted by the hardware since start. */
  LINK_DOWN_EVENTS("link_down_events", EntityClass.PORT),
  /** Per lane. */
  FEC_CORRECTED_CODEWORDS("fec_corrected", EntityClass.LANE),
  FEC_UNCORRECTABLE_CODEWORDS("fec_uncorrectable", EntityClass.LANE);

  private final String key;
  private final EntityClass entityClass;

  CounterKind(String key, EntityClass entityClass) {
    this.key = key;
    this.entityClass = entityClass;
  }

  public String key() {
    return key;
  }

  /** The class of entity that carries this counter. */
  public EntityClass entityClass() {
    return entityClass;
  }
}
