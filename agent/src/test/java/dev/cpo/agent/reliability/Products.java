package dev.cpo.agent.reliability;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.cli.Product;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The product as {@code run} composes it, on free loopback ports, its state in a test directory. */
final class Products {

  static final String SWITCH_ID = "reliab-sw1";

  private Products() {}

  /** Starts it; traps go to {@code trapPort}; {@code sets} override the defaults as {@code --set} does. */
  static Product start(Path dir, int trapPort, String... sets) throws Exception {
    List<String> all = new ArrayList<>(List.of("switch.id=" + SWITCH_ID, "snmp.port=0", "gnmi.port=0", "control.port=0",
        "mqtt.embedded.port=0", "traps.port=" + trapPort, "state.dir=" + dir.resolve("state")));
    all.addAll(List.of(sets));
    Product product = Product.of(AgentSections.load(null, all));
    product.start();
    return product;
  }
}
