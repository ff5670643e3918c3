package dev.cpo.agent.bench;

/** The figures the benchmark reports, by their key in the {@code --json} file. */
public enum Metric {
  SNMP_WALK_RATIO("snmp_walk_ratio_vs_snmpd"),
  FAULT_TO_TRAP_P50("fault_to_trap_p50_ms"),
  FAULT_TO_TRAP_P99("fault_to_trap_p99_ms"),
  FAULT_TO_MQTT_P50("fault_to_mqtt_p50_ms"),
  FAULT_TO_MQTT_P99("fault_to_mqtt_p99_ms"),
  FAULT_TO_GNMI_P50("fault_to_gnmi_p50_ms"),
  FAULT_TO_GNMI_P99("fault_to_gnmi_p99_ms"),
  CPU_PERCENT_GNMI_SAMPLE("cpu_percent_16_gnmi_sample_subscribers"),
  POLL_CYCLE_DEFAULT("poll_cycle_ms_default"),
  POLL_CYCLE_409T("poll_cycle_ms_409t"),
  CPU_PERCENT_DEFAULT("cpu_percent_default"),
  CPU_PERCENT_CONSOLE_OPEN("cpu_percent_console_open"),
  RSS("rss_mb"),
  METRICS_SCRAPE_CPU_DEFAULT("metrics_scrape_cpu_ms_default"),
  METRICS_SCRAPE_CPU_409T("metrics_scrape_cpu_ms_409t"),
  METRICS_SCRAPE_ALLOCATION_DEFAULT("metrics_scrape_allocated_per_response_byte_default"),
  METRICS_SCRAPE_ALLOCATION_409T("metrics_scrape_allocated_per_response_byte_409t"),
  STARTUP("startup_ms"),
  /** net-snmp snmpd's VmRSS after its walks in the same run: the anchor of {@link #RSS}. */
  SNMPD_RSS("snmpd_rss_mb"),
  /** snmpd's CPU, idle, over the same window as {@link #CPU_PERCENT_DEFAULT}. */
  SNMPD_CPU_PERCENT("snmpd_cpu_percent"),
  /** snmpd's start to its first answered GET, timed as {@link #STARTUP} (median). */
  SNMPD_STARTUP("snmpd_startup_ms");

  private final String key;

  Metric(String key) {
    this.key = key;
  }

  /** The JSON key. */
  public String key() {
    return key;
  }
}
