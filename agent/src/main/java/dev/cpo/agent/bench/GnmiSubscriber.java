package dev.cpo.agent.bench;

import dev.cpo.agent.gnmi.proto.Encoding;
import dev.cpo.agent.gnmi.proto.Notification;
import dev.cpo.agent.gnmi.proto.Path;
import dev.cpo.agent.gnmi.proto.PathElem;
import dev.cpo.agent.gnmi.proto.SubscribeRequest;
import dev.cpo.agent.gnmi.proto.SubscribeResponse;
import dev.cpo.agent.gnmi.proto.Subscription;
import dev.cpo.agent.gnmi.proto.SubscriptionList;
import dev.cpo.agent.gnmi.proto.SubscriptionMode;
import dev.cpo.agent.gnmi.proto.Update;
import dev.cpo.agent.gnmi.proto.gNMIGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * gNMI subscriptions the benchmark holds on the child agent: an ON_CHANGE one on the alarm ids
 * (each raised {@code laser-failure/<laser>} arrives as a {@link Signal}, each clear as a delete), and
 * SAMPLE collectors that count what they read.
 */
final class GnmiSubscriber implements AutoCloseable {

  static final String RAISED = "gnmi-alarm-update";
  static final String CLEARED = "gnmi-alarm-delete";
  private static final String ALARM_PREFIX = "laser-failure/";

  /** An alarm id update or delete, stamped on arrival. */
  record AlarmSignal(long nanos, String kind, String alarmId) implements Signal {
    @Override
    public boolean matches(String k, String entity) {
      return kind.equals(k) && alarmId.equals(ALARM_PREFIX + entity);
    }
  }

  private final ManagedChannel channel;
  private final BlockingQueue<Signal> received = new LinkedBlockingQueue<>();
  private final List<ClientCallStreamObserver<SubscribeRequest>> calls = new ArrayList<>();
  private final AtomicLong updates = new AtomicLong();

  GnmiSubscriber(int port) {
    // Direct executor: each response is stamped on the transport thread that decoded it, as the trap
    // receiver (SNMP4J's listen thread) and the MQTT subscriber (Paho's receive thread) stamp theirs;
    // grpc-java's default executor would add a hand-over inside this client to the gNMI figure only.
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
  }

  BlockingQueue<Signal> received() {
    return received;
  }

  /** Updates the SAMPLE collectors have read. */
  long updates() {
    return updates.get();
  }

  /**
   * ON_CHANGE on {@code /system/alarms/alarm/state/id}, without the initial values; returns once the
   * target's sync_response says the subscription is in place.
   */
  void alarms() throws InterruptedException {
    CountDownLatch synced = new CountDownLatch(1);
    subscribe(SubscriptionList.newBuilder().setMode(SubscriptionList.Mode.STREAM).setEncoding(Encoding.JSON_IETF)
        .setUpdatesOnly(true).addSubscription(Subscription.newBuilder().setMode(SubscriptionMode.ON_CHANGE)
            .setPath(path("system", "alarms", "alarm", "state", "id"))).build(), this::onAlarm, synced);
    if (!synced.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the gNMI alarm subscription got no sync_response within 10 s");
    }
  }

  /** The lane readings: each physical channel's powers, laser bias, laser temperature and laser age. */
  static final List<String> LANE_READINGS = List.of("output-power/instant", "input-power/instant",
      "laser-bias-current/instant", "laser-temperature/instant", "laser-age");

  /** {@code count} collectors, each SAMPLE every second over every lane reading ({@link #LANE_READINGS}). */
  void samplers(int count) {
    for (int i = 0; i < count; i++) {
      SubscriptionList.Builder list = SubscriptionList.newBuilder().setMode(SubscriptionList.Mode.STREAM)
          .setEncoding(Encoding.JSON_IETF).setPrefix(Path.newBuilder()
              .addElem(PathElem.newBuilder().setName("components"))
              .addElem(PathElem.newBuilder().setName("component").putKey("name", "*"))
              .addElem(PathElem.newBuilder().setName("transceiver"))
              .addElem(PathElem.newBuilder().setName("physical-channels"))
              .addElem(PathElem.newBuilder().setName("channel").putKey("index", "*"))
              .addElem(PathElem.newBuilder().setName("state")));
      for (String reading : LANE_READINGS) {
        list.addSubscription(Subscription.newBuilder().setMode(SubscriptionMode.SAMPLE)
            .setPath(path(reading.split("/"))).setSampleInterval(TimeUnit.SECONDS.toNanos(1)));
      }
      subscribe(list.build(), n -> updates.addAndGet(n.getUpdateCount()), new CountDownLatch(1));
    }
  }

  private static Path path(String... names) {
    Path.Builder b = Path.newBuilder();
    for (String n : names) {
      b.addElem(PathElem.newBuilder().setName(n));
    }
    return b.build();
  }

  private void onAlarm(Notification n) {
    long now = System.nanoTime();
    for (Update u : n.getUpdateList()) {
      received.add(new AlarmSignal(now, RAISED, u.getVal().getStringVal()));
    }
    for (Path d : n.getDeleteList()) {
      for (PathElem e : d.getElemList()) {
        if (e.getName().equals("alarm")) {
          received.add(new AlarmSignal(now, CLEARED, e.getKeyOrDefault("id", "")));
        }
      }
    }
  }

  private void subscribe(SubscriptionList list, java.util.function.Consumer<Notification> onUpdate,
      CountDownLatch synced) {
    gNMIGrpc.newStub(channel).subscribe(new ClientResponseObserver<SubscribeRequest, SubscribeResponse>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<SubscribeRequest> call) {
        synchronized (calls) {
          calls.add(call);
        }
      }

      @Override
      public void onNext(SubscribeResponse r) {
        if (r.hasUpdate()) {
          onUpdate.accept(r.getUpdate());
        } else if (r.getSyncResponse()) {
          synced.countDown();
        }
      }

      @Override
      public void onError(Throwable t) {
        // Cancelled at close, or the child stopped: the measurement that needed it times out and says so.
      }

      @Override
      public void onCompleted() {}
    }).onNext(SubscribeRequest.newBuilder().setSubscribe(list).build());
  }

  @Override
  public void close() {
    synchronized (calls) {
      for (StreamObserver<SubscribeRequest> c : calls) {
        ((ClientCallStreamObserver<SubscribeRequest>) c).cancel("benchmark done", null);
      }
    }
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
