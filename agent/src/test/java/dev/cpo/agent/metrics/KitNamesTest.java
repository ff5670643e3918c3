package dev.cpo.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cpo.agent.alarm.Alarm;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.mqtt.Payloads;
import dev.cpo.agent.mqtt.Topics;
import dev.cpo.agent.testing.Tools;
import dev.cpo.hal.Entity;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The collector kits in integrations/ name only what the running product really publishes: every metric and label
 * in the Grafana dashboard is in a {@code /metrics} scrape, every Telegraf topic filter and topic pattern matches the
 * agent's topics and every json_v2 path is a key of their payloads, every OID of the Zabbix template is answered by
 * the agent's SNMP. A metric, key or OID renamed in the agent breaks this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KitNamesTest {

  private static final Path KITS = Tools.repoRoot().resolve("integrations");
  private static final Pattern SELECTOR = Pattern.compile("\\b(cpo_[a-z0-9_]+)(\\{([^}]*)\\})?");
  private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

  private Product product;
  /** Sample names of a scrape, with the label names each has. */
  private final Map<String, Set<String>> samples = new HashMap<>();
  /**
   * Family names of a scrape (its TYPE lines) and those the collector declares: a family with no sample yet (no
   * laser forecast while the trend is flat) is not written, but it is published once it has one.
   */
  private final Set<String> families = new HashSet<>();
  /** Topic -> payload keys, for every message the agent would publish now. */
  private final Map<String, Set<String>> messages = new HashMap<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    product = Product.of(AgentSections.load(null, List.of("switch.id=sw1", "snmp.port=0", "gnmi.port=0", "control.port=0",
        "mqtt.embedded.port=0", "traps.port=" + PrometheusServer.freePort(), "state.dir=" + dir.resolve("state"))));
    product.start();
    product.sim().faults().inject(FaultRequest.of(FaultCatalog.LASER_FAILURE, "els3/laser5"));
    Awaitility.await().until(() -> !product.agent().latest().activeAlarms().isEmpty()
        && !product.agent().latest().forecasts().isEmpty());

    ByteArrayOutputStream scrape = new ByteArrayOutputStream();
    SwitchCollector collector = new SwitchCollector(product.agent(), "sw1");
    MetricsEndpoint.of(collector).write(null, scrape);
    families.addAll(collector.getPrometheusNames());
    for (String line : scrape.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.split(" ")[2]);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      String name = line.substring(0, brace < 0 ? line.indexOf(' ') : brace);
      Set<String> labels = samples.computeIfAbsent(name, k -> new HashSet<>());
      if (brace >= 0) {
        Matcher m = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(line.substring(brace, line.lastIndexOf('}')));
        while (m.find()) {
          labels.add(m.group(1));
        }
      }
    }

    Topics topics = new Topics("sw1");
    Payloads payloads = new Payloads("sw1");
    HalSnapshot snap = product.agent().latest().hal();
    ObjectMapper json = new ObjectMapper();
    for (Entity e : product.agent().inventory().entities()) {
      // number() is the payload as the outbox sends it, seq included.
      var t = payloads.telemetry(snap, e);
      if (t != null) {
        messages.put(topics.telemetry(e.entityClass(), e.name()), keys(json.readTree(t.number())));
      }
      messages.put(topics.state(e.entityClass(), e.name()), keys(json.readTree(payloads.state(e.name(),
          e.entityClass(), snap.entityStatus(e), null, snap.timeMillis()).number())));
    }
    for (Alarm a : product.agent().latest().activeAlarms()) {
      messages.put(topics.activeAlarm(a.id()), keys(json.readTree(payloads.alarm(a).number())));
    }
  }

  @AfterAll
  void stop() {
    if (product != null) {
      product.stop();
    }
  }

  @Test
  void theGrafanaDashboardQueriesOnlyMetricsAndLabelsThatAScrapeHas() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(KITS.resolve("grafana/cpo-switch-dashboard.json").toFile());
    List<String> exprs = new ArrayList<>();
    dash.findValues("expr").forEach(e -> exprs.add(e.asText()));
    dash.path("templating").path("list").forEach(v -> exprs.add(v.path("definition").asText()));
    assertThat(exprs).hasSizeGreaterThan(15);
    Set<String> used = new HashSet<>();
    for (String expr : exprs) {
      Matcher m = SELECTOR.matcher(expr);
      while (m.find()) {
        String name = m.group(1);
        used.add(name);
        assertThat(families).as("metric in the dashboard query " + expr).contains(name);
        if (m.group(3) != null && samples.containsKey(name)) {
          Matcher l = MATCHER.matcher(m.group(3));
          while (l.find()) {
            if (!l.group(1).equals("instance")) {
              assertThat(samples.get(name)).as("label of " + name + " in " + expr).contains(l.group(1));
            }
          }
        }
      }
    }
    // The panels the issue asks for: faceplate port and laser state, bias against threshold, RX power, alarms.
    assertThat(used).contains("cpo_port_oper_state", "cpo_laser_oper_state", "cpo_laser_bias_amperes",
        "cpo_laser_bias_threshold_amperes", "cpo_lane_rx_power_dbm", "cpo_alarm_active");
  }

  @Test
  void theTelegrafConfigSubscribesToTheAgentsTopicsAndReadsKeysItsPayloadsHave() throws Exception {
    JsonNode conf = new TomlMapper().readTree(KITS.resolve("telegraf/cpo-agent.conf").toFile());
    JsonNode consumers = conf.path("inputs").path("mqtt_consumer");
    assertThat(consumers.size()).isEqualTo(3);
    for (JsonNode c : consumers) {
      Set<String> subscribed = new HashSet<>();
      for (JsonNode filter : c.path("topics")) {
        List<String> hits = messages.keySet().stream().filter(t -> matches(filter.asText(), t)).toList();
        assertThat(hits).as("agent topics matching " + filter.asText()).isNotEmpty();
        subscribed.addAll(hits);
      }
      for (JsonNode p : c.path("topic_parsing")) {
        String pattern = p.path("topic").asText();
        assertThat(subscribed.stream().filter(t -> matches(pattern, t))).as("topics parsed by " + pattern).isNotEmpty();
        int levels = pattern.split("/").length;
        assertThat(p.path("tags").asText().split("/")).hasSize(levels);
        if (p.has("measurement")) {
          assertThat(p.path("measurement").asText().split("/")).hasSize(levels);
        }
      }
      Set<String> keys = new HashSet<>();
      subscribed.forEach(t -> keys.addAll(messages.get(t)));
      for (JsonNode j : c.path("json_v2")) {
        assertThat(keys).as("timestamp of " + c.path("topics")).contains(j.path("timestamp_path").asText());
        for (String kind : List.of("field", "tag")) {
          for (JsonNode f : j.path(kind)) {
            assertThat(keys).as(kind + " path in " + c.path("topics")).contains(f.path("path").asText());
          }
        }
      }
    }
  }

  @Test
  void everyOidOfTheZabbixTemplateIsAnsweredByTheAgentsSnmp() throws Exception {
    JsonNode template = new YAMLMapper().readTree(Files.readString(KITS.resolve("zabbix/cpo-switch-snmp.yaml")));
    assertThat(template.path("zabbix_export").path("version").asText()).isEqualTo("6.0");
    Set<String> oids = new HashSet<>();
    for (JsonNode o : template.findValues("snmp_oid")) {
      Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)+)").matcher(o.asText());
      while (m.find()) {
        oids.add(m.group(1));
      }
    }
    assertThat(oids).hasSizeGreaterThan(8);
    try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
      snmp.listen();
      CommunityTarget<UdpAddress> target = new CommunityTarget<>(
          new UdpAddress("127.0.0.1/" + product.snmp().port()), new OctetString("public"));
      target.setVersion(SnmpConstants.version2c);
      target.setTimeout(3000);
      for (String oid : oids) {
        // A scalar's ".0" or a column's base: the next object after it must lie under it.
        OID base = new OID(oid.endsWith(".0") ? oid.substring(0, oid.length() - 2) : oid);
        PDU pdu = new PDU();
        pdu.setType(PDU.GETNEXT);
        pdu.add(new VariableBinding(base));
        ResponseEvent<UdpAddress> r = snmp.send(pdu, target);
        assertThat(r.getResponse()).as("answer for " + oid).isNotNull();
        assertThat(r.getResponse().get(0).getOid().startsWith(base)).as("the agent serves " + oid).isTrue();
      }
    }
  }

  /** MQTT topic filter matching (MQTT 5 section 4.7). */
  private static boolean matches(String filter, String topic) {
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }

  private static Set<String> keys(JsonNode n) {
    Set<String> out = new HashSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
