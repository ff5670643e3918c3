package dev.cpo.agent.gnmi;

import java.util.concurrent.atomic.AtomicLong;

/** What the gNMI target counts: refused calls, subscriptions closed for a slow client, streams open. */
public final class GnmiStats {

  final AtomicLong unauthenticated = new AtomicLong();
  final AtomicLong permissionDenied = new AtomicLong();
  final AtomicLong slowSubscribersDropped = new AtomicLong();
  final AtomicLong subscriptions = new AtomicLong();
  final AtomicLong activeSubscriptions = new AtomicLong();

  /** Calls refused with UNAUTHENTICATED (missing or wrong username/password). */
  public long unauthenticated() {
    return unauthenticated.get();
  }

  /** Calls refused with PERMISSION_DENIED (a Set by a user who may only read). */
  public long permissionDenied() {
    return permissionDenied.get();
  }

  /** Subscriptions closed with RESOURCE_EXHAUSTED because the client did not read. */
  public long slowSubscribersDropped() {
    return slowSubscribersDropped.get();
  }

  /** Subscribe streams started since start. */
  public long subscriptions() {
    return subscriptions.get();
  }

  /** Subscribe streams open now. */
  public long activeSubscriptions() {
    return activeSubscriptions.get();
  }
}
