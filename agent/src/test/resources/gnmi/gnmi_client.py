"""An independent gNMI client for the gNMI integration tests: Python grpcio with stubs that
grpc_tools.protoc generated from agent/src/main/proto/gnmi.proto (the test passes their directory
as --stubs). It prints one JSON object per line, so the Java test reads what a real client received.

  caps
  get PATH... [--encoding JSON_IETF|JSON] [--type ALL|CONFIG|STATE]
  subscribe --mode STREAM|ONCE|POLL --sub 'PATH;MODE;SAMPLE_MS;SUPPRESS;HEARTBEAT_MS'... [--updates-only]
            [--seconds N] [--polls N] [--stall-seconds N] [--max-updates N]
  set PATH=VALUE... [--replace]

--prefix-target T puts T in the request prefix's target (gNMI 2.2.2.1: which device of several behind
one server); each update and delete printed names the target its notification's prefix carried.

Paths are gNMI path strings: /components/component[name=*]/state/type, cpo:/thresholds/...
"""
import argparse
import json
import sys
import threading
import time

import grpc


def parse_path(text, pb):
    origin = ""
    if ":" in text.split("/")[0]:
        origin, text = text.split(":", 1)
    elems = []
    depth = 0
    cur = ""
    for c in text:
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        if c == "/" and depth == 0:
            if cur:
                elems.append(cur)
            cur = ""
        else:
            cur += c
    if cur:
        elems.append(cur)
    path = pb.Path(origin=origin)
    for e in elems:
        name = e.split("[", 1)[0]
        pe = path.elem.add(name=name)
        rest = e[len(name):]
        while rest.startswith("["):
            end = rest.index("]")
            k, v = rest[1:end].split("=", 1)
            pe.key[k] = v
            rest = rest[end + 1:]
    return path


def path_text(prefix, path):
    parts = []
    origin = prefix.origin or path.origin
    for p in (prefix, path):
        for e in p.elem:
            s = e.name
            for k in sorted(e.key):
                s += "[%s=%s]" % (k, e.key[k])
            parts.append(s)
    text = "/" + "/".join(parts)
    return (origin + ":" + text) if origin and origin != "openconfig" else text


def value(tv):
    kind = tv.WhichOneof("value")
    if kind is None:
        return None
    v = getattr(tv, kind)
    if kind in ("json_val", "json_ietf_val"):
        return json.loads(v.decode())
    if kind == "bytes_val":
        return v.hex()
    return v


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def notification(n, kind_of=None):
    for u in n.update:
        emit({"type": "update", "path": path_text(n.prefix, u.path), "value": value(u.val),
              "kind": u.val.WhichOneof("value"), "target": n.prefix.target, "ts": n.timestamp,
              "recv": time.time()})
    for d in n.delete:
        emit({"type": "delete", "path": path_text(n.prefix, d), "target": n.prefix.target, "ts": n.timestamp,
              "recv": time.time()})


def error(e):
    emit({"type": "error", "code": e.code().name, "details": e.details(), "recv": time.time()})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stubs", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--ca")
    ap.add_argument("cmd")
    ap.add_argument("args", nargs="*")
    ap.add_argument("--encoding", default="JSON_IETF")
    ap.add_argument("--type", default="ALL")
    ap.add_argument("--mode", default="STREAM")
    ap.add_argument("--sub", action="append", default=[])
    ap.add_argument("--updates-only", action="store_true")
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--polls", type=int, default=0)
    ap.add_argument("--stall-seconds", type=float, default=0)
    ap.add_argument("--max-updates", type=int, default=0)
    ap.add_argument("--replace", action="store_true")
    ap.add_argument("--prefix-target", default="")
    a = ap.parse_args()
    sys.path.insert(0, a.stubs)
    import gnmi_pb2 as pb
    import gnmi_pb2_grpc as rpc

    if a.ca:
        creds = grpc.ssl_channel_credentials(root_certificates=open(a.ca, "rb").read())
        channel = grpc.secure_channel(a.target, creds)
    else:
        channel = grpc.insecure_channel(a.target)
    stub = rpc.gNMIStub(channel)
    md = []
    if a.user is not None:
        md = [("username", a.user), ("password", a.password or "")]
    enc = pb.Encoding.Value(a.encoding)
    try:
        if a.cmd == "caps":
            r = stub.Capabilities(pb.CapabilityRequest(), metadata=md, timeout=10)
            emit({"type": "caps", "version": r.gNMI_version,
                  "models": [{"name": m.name, "organization": m.organization, "version": m.version}
                             for m in r.supported_models],
                  "encodings": [pb.Encoding.Name(e) for e in r.supported_encodings]})
        elif a.cmd == "get":
            req = pb.GetRequest(encoding=enc, type=pb.GetRequest.DataType.Value(a.type))
            if a.prefix_target:
                req.prefix.target = a.prefix_target
            for p in a.args:
                req.path.append(parse_path(p, pb))
            r = stub.Get(req, metadata=md, timeout=30)
            for n in r.notification:
                notification(n)
            emit({"type": "end", "notifications": len(r.notification)})
        elif a.cmd == "set":
            req = pb.SetRequest()
            if a.prefix_target:
                req.prefix.target = a.prefix_target
            for arg in a.args:
                p, v = arg.rsplit("=", 1)
                u = req.replace.add() if a.replace else req.update.add()
                u.path.CopyFrom(parse_path(p, pb))
                u.val.CopyFrom(pb.TypedValue(double_val=float(v)))
            r = stub.Set(req, metadata=md, timeout=10)
            emit({"type": "set", "results": [{"path": path_text(r.prefix, x.path),
                                              "op": pb.UpdateResult.Operation.Name(x.op)} for x in r.response]})
        elif a.cmd == "subscribe":
            subscribe(a, stub, md, enc, pb)
        else:
            raise SystemExit("unknown command " + a.cmd)
    except grpc.RpcError as e:
        error(e)


def subscribe(a, stub, md, enc, pb):
    sl = pb.SubscriptionList(mode=pb.SubscriptionList.Mode.Value(a.mode), encoding=enc,
                             updates_only=a.updates_only)
    if a.prefix_target:
        sl.prefix.target = a.prefix_target
    for s in a.sub:
        path, mode, sample_ms, suppress, heartbeat_ms = (s.split(";") + ["", "", "", "", ""])[:5]
        sub = sl.subscription.add(path=parse_path(path, pb))
        sub.mode = pb.SubscriptionMode.Value(mode or "TARGET_DEFINED")
        sub.sample_interval = int(float(sample_ms or 0) * 1e6)
        sub.suppress_redundant = suppress == "true"
        sub.heartbeat_interval = int(float(heartbeat_ms or 0) * 1e6)
    polls = threading.Semaphore(0)
    done = threading.Event()

    def requests():
        yield pb.SubscribeRequest(subscribe=sl)
        while not done.is_set():
            if polls.acquire(timeout=0.1):
                yield pb.SubscribeRequest(poll=pb.Poll())

    call = stub.Subscribe(requests(), metadata=md)
    timer = threading.Timer(a.seconds, call.cancel)
    timer.daemon = True
    timer.start()
    syncs = 0
    updates = 0
    first = True
    try:
        for resp in call:
            if first and a.stall_seconds > 0:
                first = False
                emit({"type": "stall", "seconds": a.stall_seconds, "recv": time.time()})
                time.sleep(a.stall_seconds)
                emit({"type": "resume", "recv": time.time()})
            kind = resp.WhichOneof("response")
            if kind == "sync_response":
                syncs += 1
                emit({"type": "sync", "recv": time.time()})
                if a.mode == "POLL" and syncs <= a.polls:
                    polls.release()
            elif kind == "update":
                notification(resp.update)
                updates += len(resp.update.update)
                if a.max_updates and updates >= a.max_updates:
                    call.cancel()
        emit({"type": "end"})
    except grpc.RpcError as e:
        if e.code() == grpc.StatusCode.CANCELLED:
            emit({"type": "end", "cancelled": True})
        else:
            error(e)
    finally:
        done.set()
        timer.cancel()


if __name__ == "__main__":
    main()
