package dev.cpo.agent.gnmi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bound of one stream's queue, with a transport that is ready only when the test says so. */
class OutboxTest {

  private static final int MAX = 10_000;

  private final Transport transport = new Transport();
  private final AtomicInteger overflows = new AtomicInteger();
  private final Outbox out = new Outbox(transport, MAX, overflows::incrementAndGet);

  @Test
  void aDumpLargerThanTheBoundIsQueuedWholeAndSentInOrderToAClientThatReads() {
    List<ByteString> dump = responses(30, 1_000, 'd'); // three times the bound
    assertThat(out.offerDump(dump)).isTrue();
    assertThat(out.offer(response(500, 's'))).as("the sync_response after it").isTrue();
    assertThat(out.closed()).isFalse();
    assertThat(out.queuedBytes()).isEqualTo(30_500);

    transport.ready = true;
    out.drain();
    assertThat(transport.sent).hasSize(31);
    assertThat(transport.sent.subList(0, 30)).isEqualTo(dump);
    assertThat(out.queuedBytes()).isZero();
    assertThat(overflows).hasValue(0);
    assertThat(transport.status).isNull();
  }

  @Test
  void aClientThatDoesNotReadIsClosedByTheUpdatesAfterTheDumpAndEverythingQueuedIsDropped() {
    out.offerDump(responses(30, 1_000, 'd'));
    // Updates up to the bound wait behind the dump.
    for (int i = 0; i < 10; i++) {
      assertThat(out.offer(response(1_000, 'u'))).isTrue();
    }
    assertThat(out.closed()).isFalse();
    assertThat(out.offer(response(1_000, 'u'))).isFalse();

    assertThat(out.closed()).isTrue();
    assertThat(overflows).hasValue(1);
    assertThat(out.queuedBytes()).isZero();
    assertThat(transport.status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(transport.status.getDescription()).contains("not reading").contains("40000 bytes");
    assertThat(out.offer(response(10, 'u'))).isFalse();
    assertThat(overflows).hasValue(1);
  }

  @Test
  void aSecondDumpWhileTheFirstStillWaitsCountsAgainstTheBound() {
    out.offerDump(responses(5, 1_000, 'd'));
    assertThat(out.offerDump(responses(30, 1_000, 'p'))).isFalse();
    assertThat(out.closed()).isTrue();
    assertThat(overflows).hasValue(1);
  }

  @Test
  void onceTheDumpIsSentTheNextDumpIsOutsideTheBoundAgain() {
    out.offerDump(responses(30, 1_000, 'd'));
    transport.ready = true;
    out.drain();
    transport.ready = false;
    assertThat(out.offerDump(responses(30, 1_000, 'p'))).isTrue();
    assertThat(out.closed()).isFalse();
    assertThat(out.queuedBytes()).isEqualTo(30_000);
  }

  @Test
  void whatIsLeftOfAPartlySentDumpIsStillOutsideTheBound() {
    out.offerDump(responses(30, 1_000, 'd'));
    transport.readyFor(12);
    out.drain();
    assertThat(transport.sent).hasSize(12);
    // 18 dump responses still wait; the bound is for updates alone.
    for (int i = 0; i < 10; i++) {
      assertThat(out.offer(response(1_000, 'u'))).isTrue();
    }
    assertThat(out.offer(response(1_000, 'u'))).isFalse();
    assertThat(overflows).hasValue(1);
  }

  @Test
  void oneResponseLargerThanTheBoundIsSentWhenNothingElseWaits() {
    assertThat(out.offer(response(MAX * 2, 'u'))).isTrue();
    assertThat(out.closed()).isFalse();
    assertThat(out.offer(response(1, 'u'))).isFalse();
  }

  private static List<ByteString> responses(int n, int size, char fill) {
    List<ByteString> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[size];
      java.util.Arrays.fill(b, (byte) fill);
      b[0] = (byte) i;
      list.add(ByteString.copyFrom(b));
    }
    return list;
  }

  private static ByteString response(int size, char fill) {
    return responses(1, size, fill).get(0);
  }

  /** gRPC's side of the stream: ready or not, and what it was given. */
  private static final class Transport extends ServerCallStreamObserver<ByteString> {
    boolean ready;
    int readyBudget = -1;
    final List<ByteString> sent = new ArrayList<>();
    Status status;

    void readyFor(int messages) {
      ready = true;
      readyBudget = messages;
    }

    @Override
    public boolean isReady() {
      return ready && readyBudget != 0;
    }

    @Override
    public void onNext(ByteString value) {
      sent.add(value);
      if (readyBudget > 0) {
        readyBudget--;
      }
    }

    @Override
    public void onError(Throwable t) {
      status = Status.fromThrowable(t);
    }

    @Override
    public void onCompleted() {
      status = Status.OK;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void setOnCancelHandler(Runnable onCancelHandler) {}

    @Override
    public void setCompression(String compression) {}

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void disableAutoInboundFlowControl() {}
  }
}
