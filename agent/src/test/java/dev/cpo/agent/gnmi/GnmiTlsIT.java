package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cpo.agent.cli.Product;
import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.mqtt.Certificates;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gNMI target with TLS (PEM certificate and key from the config, as MQTT takes them): every call
 * needs the username/password metadata, a wrong password is refused and counted, and a plaintext
 * client gets nowhere. The client is Python grpcio trusting the test CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GnmiTlsIT {

  private Product product;
  private PyGnmi tls;
  private PyGnmi plaintext;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Certificates certs = new Certificates(dir, "gnmi-ca");
    product = Product.of(AgentSections.load(null, List.of("snmp.port=0", "control.port=0", "traps.port=9",
        "mqtt.embedded.port=0", "gnmi.port=0", "state.dir=" + dir.resolve("state"),
        "gnmi.tls.certFile=" + certs.serverCert, "gnmi.tls.keyFile=" + certs.serverKey)));
    product.start();
    // The server certificate names 127.0.0.1 and localhost.
    plaintext = PyGnmi.forTarget("localhost:" + product.gnmi().port());
    tls = plaintext.trusting(certs.caCert);
  }

  @AfterAll
  void stop() {
    if (product != null) {
      product.stop();
    }
  }

  @Test
  void theReadOnlyUserReadsOverTls() throws Exception {
    List<JsonNode> lines = tls.as("noc", "noc-gnmi-pass").call("get", "/components/component[name=chassis]/state/type");
    assertThat(lines.get(0).path("value").asText()).isEqualTo("openconfig-platform-types:CHASSIS");
  }

  @Test
  void aWrongPasswordOrNoneIsRefusedUnauthenticatedAndCounted() throws Exception {
    long before = product.gnmi().stats().unauthenticated();
    JsonNode wrong = tls.as("ops", "guess").call("get", "/components/component[name=chassis]/state/type").get(0);
    assertThat(wrong.path("code").asText()).isEqualTo("UNAUTHENTICATED");
    JsonNode none = tls.call("caps").get(0);
    assertThat(none.path("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(none.path("details").asText()).contains("username and password");
    assertThat(product.gnmi().stats().unauthenticated()).isEqualTo(before + 2);
  }

  @Test
  void aPlaintextClientCannotTalkToTheTlsTarget() throws Exception {
    JsonNode r = plaintext.as("noc", "noc-gnmi-pass").call("caps").get(0);
    assertThat(r.path("type").asText()).isEqualTo("error");
    assertThat(r.path("code").asText()).isEqualTo("UNAVAILABLE");
  }
}
