package dev.cpo.agent.metrics;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.Inventory;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HAL's 64-bit counters as Prometheus counters, named as node_exporter names interface counters (the
 * ifHCInOctets family of IF-MIB): {@code cpo_port_receive_bytes_total{port}}, {@code cpo_port_transmit_bytes_total},
 * {@code cpo_port_receive_packets_total{port,cast="unicast|multicast|broadcast"}}, {@code cpo_port_receive_errors_total},
 * {@code cpo_port_receive_discards_total}, and per lane {@code cpo_lane_fec_corrected_codewords_total{port,lane}} and
 * {@code cpo_lane_fec_uncorrectable_codewords_total}.
 */
final class CounterFamilies {

  /** One member of a family: a counter kind and the labels of each of its entities. */
  private record Member(CounterKind kind, Labels[] labels, CounterDataPointSnapshot[] last) {}

  private record Family(MetricMetadata metadata, List<Member> members) {}

  private final List<Family> families = new ArrayList<>();
  private final int lanesPerPort;

  CounterFamilies(Inventory inventory, EntityLabels entityLabels) {
    this.lanesPerPort = inventory.lanesPerPort();
    Map<String, Family> byName = new LinkedHashMap<>();
    for (CounterKind kind : CounterKind.values()) {
      String name = name(kind);
      String cast = cast(kind);
      boolean lane = kind.entityClass() == EntityClass.LANE;
      Labels[] labels = new Labels[lane ? inventory.portCount() * lanesPerPort : inventory.portCount()];
      for (var e : inventory.entitiesOf(kind.entityClass())) {
        int i = lane ? inventory.laneIndex(e.port(), e.lane()) : e.port() - 1;
        Labels l = entityLabels.of(e.index());
        labels[i] = cast == null ? l : l.add("cast", cast);
      }
      byName.computeIfAbsent(name, n -> new Family(new MetricMetadata(n, help(kind), unit(n)), new ArrayList<>()))
          .members().add(new Member(kind, labels, new CounterDataPointSnapshot[labels.length]));
    }
    families.addAll(byName.values());
  }

  /** The family names, without {@code _total}. */
  List<String> names() {
    return families.stream().map(f -> f.metadata.getPrometheusName()).toList();
  }

  void collect(HalSnapshot snap, List<MetricSnapshot> out) {
    for (Family f : families) {
      int size = 0;
      for (Member m : f.members) {
        size += m.labels.length;
      }
      List<CounterDataPointSnapshot> points = new ArrayList<>(size);
      for (Member m : f.members) {
        boolean lane = m.kind.entityClass() == EntityClass.LANE;
        for (int i = 0; i < m.labels.length; i++) {
          long v = lane ? snap.laneCounter(m.kind, i / lanesPerPort + 1, i % lanesPerPort + 1)
              : snap.portCounter(m.kind, i + 1);
          // A counter that has not moved since the last scrape (errors, uncorrectable codewords) reuses its point.
          CounterDataPointSnapshot p = m.last[i];
          if (p == null || p.getValue() != v) {
            p = new CounterDataPointSnapshot(v, m.labels[i], null, 0);
            m.last[i] = p;
          }
          points.add(p);
        }
      }
      out.add(new CounterSnapshot(f.metadata, points));
    }
  }

  /** The family name without {@code _total}, which the writers add. */
  static String name(CounterKind kind) {
    return MetricNames.PREFIX + switch (kind) {
      case RX_OCTETS -> "port_receive_bytes";
      case TX_OCTETS -> "port_transmit_bytes";
      case RX_UNICAST_PACKETS, RX_MULTICAST_PACKETS, RX_BROADCAST_PACKETS -> "port_receive_packets";
      case TX_UNICAST_PACKETS, TX_MULTICAST_PACKETS, TX_BROADCAST_PACKETS -> "port_transmit_packets";
      case RX_ERRORS -> "port_receive_errors";
      case RX_DISCARDS -> "port_receive_discards";
      case FEC_CORRECTED_CODEWORDS -> "lane_fec_corrected_codewords";
      case FEC_UNCORRECTABLE_CODEWORDS -> "lane_fec_uncorrectable_codewords";
      default -> MetricNames.subject(kind.entityClass()) + "_" + kind.key();
    };
  }

  private static String cast(CounterKind kind) {
    return switch (kind) {
      case RX_UNICAST_PACKETS, TX_UNICAST_PACKETS -> "unicast";
      case RX_MULTICAST_PACKETS, TX_MULTICAST_PACKETS -> "multicast";
      case RX_BROADCAST_PACKETS, TX_BROADCAST_PACKETS -> "broadcast";
      default -> null;
    };
  }

  private static Unit unit(String name) {
    return name.endsWith("_bytes") ? Unit.BYTES : null;
  }

  private static String help(CounterKind kind) {
    return switch (kind) {
      case RX_OCTETS -> "Octets received (IF-MIB ifHCInOctets)";
      case TX_OCTETS -> "Octets transmitted (IF-MIB ifHCOutOctets)";
      case RX_UNICAST_PACKETS, RX_MULTICAST_PACKETS, RX_BROADCAST_PACKETS ->
          "Packets received by cast (IF-MIB ifHCIn{Ucast,Multicast,Broadcast}Pkts)";
      case TX_UNICAST_PACKETS, TX_MULTICAST_PACKETS, TX_BROADCAST_PACKETS ->
          "Packets transmitted by cast (IF-MIB ifHCOut{Ucast,Multicast,Broadcast}Pkts)";
      case RX_ERRORS -> "Inbound packets with errors (IF-MIB ifInErrors)";
      case RX_DISCARDS -> "Inbound packets discarded (IF-MIB ifInDiscards)";
      case FEC_CORRECTED_CODEWORDS -> "FEC codewords corrected";
      case FEC_UNCORRECTABLE_CODEWORDS -> "FEC codewords that could not be corrected";
      default -> kind.key();
    };
  }
}
