package dev.cpo.agent.mqtt;

import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what on the embedded broker. Anyone on this host may connect without credentials and
 * subscribe to anything; only the agent (its {@link AgentCredentials}) may publish under {@code cpo/v1/},
 * except {@code cpo/v1/<switch>/cmd/#}, where anyone may send a command; a client that presents
 * credentials must present the agent's. The agent's client ids are reserved (see {@link ClientIdGuard}).
 */
final class BrokerPolicy implements IAuthenticator, IAuthorizatorPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerPolicy.class);

  private final AgentCredentials agent;
  private final Set<String> reservedClientIds = ConcurrentHashMap.newKeySet();
  private final AtomicLong refusedPublishes = new AtomicLong();

  BrokerPolicy(AgentCredentials agent) {
    this.agent = agent;
  }

  AgentCredentials agent() {
    return agent;
  }

  void reserve(String clientId) {
    reservedClientIds.add(clientId);
  }

  boolean reserved(String clientId) {
    return reservedClientIds.contains(clientId);
  }

  /** Topics only the agent writes: everything under {@code cpo/v1/} but a switch's {@code cmd/} subtree. */
  static boolean agentOnly(String topic) {
    String[] levels = topic.split("/", -1);
    if (levels.length < 2 || !levels[0].equals("cpo") || !levels[1].equals("v1")) {
      return false;
    }
    return !(levels.length >= 4 && levels[3].equals("cmd"));
  }

  /** Called by Moquette only for a CONNECT that carries a user name (anonymous ones never get here). */
  @Override
  public boolean checkValid(String clientId, String username, byte[] password) {
    boolean ok = agent.matches(username, password);
    if (!ok) {
      LOG.warn("embedded MQTT broker: refused client {} (user '{}'): only the agent connects with credentials",
          clientId, username);
    }
    return ok;
  }

  @Override
  public boolean canWrite(Topic topic, String user, String client) {
    if (!agentOnly(topic.toString()) || agent.username().equals(user)) {
      return true;
    }
    countRefusedPublish(topic.toString(), client);
    return false;
  }

  void countRefusedPublish(String topic, String client) {
    long n = refusedPublishes.incrementAndGet();
    // The first refusal and every 1000th: a flood of forgeries must not flood the log.
    if (n == 1 || n % 1000 == 0) {
      LOG.warn("embedded MQTT broker: refused a publish to {} by {} (only the agent publishes there; "
          + "refused so far: {})", topic, client, n);
    }
  }

  @Override
  public boolean canRead(Topic topic, String user, String client) {
    return true;
  }

  /** Publishes refused by {@link #canWrite}. */
  long refusedPublishes() {
    return refusedPublishes.get();
  }
}
