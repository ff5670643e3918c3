package dev.cpo.agent.mqtt.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for an {@code ssl://} broker from PEM files, with the JDK alone: the CA
 * that signs the broker (or the JVM's trust store), and optionally a client certificate and its PKCS#8
 * key for mutual TLS. Server verification is never switched off; host names are checked by Paho.
 */
public final class TlsSockets {

  private static final char[] NO_PASSWORD = new char[0];

  private TlsSockets() {}

  /**
   * @param caFile PEM CA certificates, or blank for the JVM's default trust store
   * @param certFile PEM client certificate chain, or blank for none
   * @param keyFile PEM PKCS#8 private key ("BEGIN PRIVATE KEY"), or blank for none
   */
  public static SSLSocketFactory socketFactory(String caFile, String certFile, String keyFile)
      throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (caFile.isBlank()) {
      tmf.init((KeyStore) null);
    } else {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates(Path.of(caFile))) {
        trust.setCertificateEntry("ca" + i++, c);
      }
      if (i == 0) {
        throw new GeneralSecurityException(caFile + " holds no PEM certificate");
      }
      tmf.init(trust);
    }
    KeyManagerFactory kmf = null;
    if (!certFile.isBlank()) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      Certificate[] chain = certificates(Path.of(certFile)).toArray(new Certificate[0]);
      if (chain.length == 0) {
        throw new GeneralSecurityException(certFile + " holds no PEM certificate");
      }
      keys.setKeyEntry("client", privateKey(Path.of(keyFile), chain[0].getPublicKey().getAlgorithm()), NO_PASSWORD, chain);
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, NO_PASSWORD);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  private static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  private static PrivateKey privateKey(Path pem, String algorithm) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException(pem + " is not a PEM PKCS#8 private key (BEGIN PRIVATE KEY); convert it with "
          + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
    }
    String base64 = text.substring(begin + 27, end).replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
