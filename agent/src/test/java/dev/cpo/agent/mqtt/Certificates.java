package dev.cpo.agent.mqtt;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI made with the openssl CLI: a CA, a server certificate for 127.0.0.1/localhost and a
 * client certificate, all PEM, keys PKCS#8 (what openssl 3 writes by default).
 */
public final class Certificates {

  public final Path caCert;
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;

  private final Path dir;
  private final String openssl;

  public Certificates(Path dir, String caName) throws IOException, InterruptedException {
    this.dir = dir;
    this.openssl = Tools.require("openssl").toString();
    caCert = dir.resolve(caName + ".crt");
    Path caKey = dir.resolve(caName + ".key");
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", caCert.toString(),
        "-days", "2", "-subj", "/CN=" + caName);
    serverKey = dir.resolve(caName + "-server.key");
    serverCert = dir.resolve(caName + "-server.crt");
    sign(caCert, caKey, serverKey, serverCert, "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    clientKey = dir.resolve(caName + "-client.key");
    clientCert = dir.resolve(caName + "-client.crt");
    sign(caCert, caKey, clientKey, clientCert, "cpo-agent", "extendedKeyUsage=clientAuth");
  }

  private void sign(Path ca, Path caKey, Path key, Path cert, String cn, String extension)
      throws IOException, InterruptedException {
    Path csr = dir.resolve(cn + "-" + System.nanoTime() + ".csr");
    Path ext = dir.resolve(cn + "-" + System.nanoTime() + ".ext");
    Files.writeString(ext, extension + "\n");
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + cn);
    run("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(), "-CAcreateserial",
        "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
  }

  private void run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(openssl);
    cmd.addAll(List.of(args));
    Path log = dir.resolve("openssl.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + Files.readString(log));
    }
  }
}
