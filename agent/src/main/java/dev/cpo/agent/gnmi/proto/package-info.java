/**
 * Classes protoc and protoc-gen-grpc-java generate from {@code src/main/proto/gnmi.proto} at build
 * time (the sources are under target/generated-sources): the gNMI messages and the service base.
 */
package dev.cpo.agent.gnmi.proto;
