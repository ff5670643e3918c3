package dev.cpo.agent.mqtt;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.testing.SimSnapshots;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * A publisher alone in its own JVM, so a test can kill it (SIGKILL: no DISCONNECT, no clean stop) and
 * watch the broker publish its will. Arguments: broker url, switch id, will delay in seconds, and
 * optionally user name and password.
 */
public final class PublisherProcess {

  private PublisherProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String switchId = args[1];
    int willDelaySeconds = Integer.parseInt(args[2]);
    FixedAgentView view = new FixedAgentView(SimSnapshots.at(System.currentTimeMillis()));
    MqttConfig config = MqttConfig.SECTION.defaults().withUrl(url).withWillDelaySeconds(willDelaySeconds)
        .withClientId("killable-" + switchId);
    if (args.length >= 5) {
      config = config.withCredentials(args[3], args[4]);
    }
    MqttPublisher publisher = new MqttPublisher(switchId, config, view, config::url, Clock.systemUTC());
    publisher.start();
    new CountDownLatch(1).await();
  }

  /** Starts it as a child process with this JVM's class path, connecting as {@code config}'s user (if any). */
  static Process spawn(String url, String switchId, int willDelaySeconds, MqttConfig credentials)
      throws java.io.IOException {
    String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBin, "-Xmx64m", "-cp",
        System.getProperty("java.class.path"), PublisherProcess.class.getName(), url, switchId,
        Integer.toString(willDelaySeconds)));
    if (!credentials.username().isBlank()) {
      command.addAll(java.util.List.of(credentials.username(), credentials.password()));
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
