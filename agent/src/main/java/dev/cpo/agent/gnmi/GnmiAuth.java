package dev.cpo.agent.gnmi;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code username} and {@code password} call metadata (gNMI specification 3.1) against the
 * configured users before any RPC runs. Without credentials a call reads anonymously on a loopback
 * plaintext target; with TLS, or off loopback, credentials are required. Wrong credentials are always
 * refused. Refusals answer UNAUTHENTICATED and are counted; the role reaches the service in the
 * {@link Context}.
 */
final class GnmiAuth implements ServerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(GnmiAuth.class);
  static final Metadata.Key<String> USERNAME = Metadata.Key.of("username", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> PASSWORD = Metadata.Key.of("password", Metadata.ASCII_STRING_MARSHALLER);
  static final Context.Key<Role> ROLE = Context.key("gnmi-role");
  static final Context.Key<String> USER = Context.key("gnmi-user");
  static final Context.Key<String> PEER = Context.key("gnmi-peer");

  /** What a caller may do. */
  enum Role {
    ANONYMOUS,
    READ_ONLY,
    READ_WRITE
  }

  private final GnmiConfig config;
  private final GnmiStats stats;

  GnmiAuth(GnmiConfig config, GnmiStats stats) {
    this.config = config;
    this.stats = stats;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String user = headers.get(USERNAME);
    String pass = headers.get(PASSWORD);
    Role role;
    if (user != null || pass != null) {
      Optional<Role> r = config.authenticate(user, pass);
      if (r.isEmpty()) {
        return refuse(call, "wrong username or password", user);
      }
      role = r.get();
    } else if (config.credentialsRequired()) {
      return refuse(call, "username and password call metadata are required on this target", null);
    } else {
      role = Role.ANONYMOUS;
    }
    Context ctx = Context.current().withValue(ROLE, role).withValue(USER, user == null ? "anonymous" : user)
        .withValue(PEER, String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
    return Contexts.interceptCall(ctx, call, headers, next);
  }

  private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why, String user) {
    long n = stats.unauthenticated.incrementAndGet();
    LOG.warn("gNMI {} refused: {} (user '{}', {} refused so far)", call.getMethodDescriptor().getBareMethodName(),
        why, user == null ? "" : user, n);
    call.close(Status.UNAUTHENTICATED.withDescription(why), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
