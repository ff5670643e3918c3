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
  private static final String ROOT = "cpo/v1";
  private static final String CMD = "cmd";

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

  /**
   * Topics only the agent writes: everything under {@code cpo/v1/} but a switch's {@code cmd/} subtree.
   * Asked for every publish on the broker, so it reads the levels in place instead of splitting the topic.
   */
  static boolean agentOnly(String topic) {
    if (!topic.startsWith(ROOT) || topic.length() > ROOT.length() && topic.charAt(ROOT.length()) != '/') {
      return false;
    }
    // cpo/v1/<switch>/<fourth level>/...: only a fourth level of exactly "cmd" is open to everyone.
    int switchEnd = topic.indexOf('/', ROOT.length() + 1);
    if (switchEnd < 0) {
      return true;
    }
    int fourth = switchEnd + 1;
    int fourthEnd = topic.indexOf('/', fourth);
    int length = (fourthEnd < 0 ? topic.length() : fourthEnd) - fourth;
    return !(length == CMD.length() && topic.startsWith(CMD, fourth));
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
    // The agent first: nearly every publish is its own.
    if (agent.username().equals(user) || !agentOnly(topic.toString())) {
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
