package org.erp.sessions.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-in attempts from another client address: the whole 127.0.0.0/8 range reaches the server
 * on this machine, so a socket bound to 127.0.0.2 is another client as the server sees it. (Java
 * 17's HttpClient cannot choose its local address, hence one plain HTTP/1.1 request.)
 */
final class FromAddress {

  /** The status and the Retry-After header of one answer. */
  record Answer(int status, Optional<String> retryAfter, String body) {}

  private final String localAddress;

  FromAddress(String localAddress) {
    this.localAddress = localAddress;
  }

  Answer login(String login, String password) {
    URI base = URI.create(ApiClient.BASE);
    String body =
        "{\"login\":" + ApiClient.quote(login) + ",\"password\":" + ApiClient.quote(password) + "}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST /api/session HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
              + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
              + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      UsedSecrets.record("password", password);
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      Matcher cookie = Pattern.compile("(?im)^Set-Cookie:\\s*" + ApiClient.COOKIE + "=([^;\\r\\n]+)").matcher(answer);
      while (cookie.find()) {
        UsedSecrets.record("session id", cookie.group(1));
      }
      Matcher retry = Pattern.compile("(?im)^Retry-After:\\s*(\\d+)\\s*$").matcher(answer);
      int split = answer.indexOf("\r\n\r\n");
      return new Answer(
          status,
          retry.find() ? Optional.of(retry.group(1)) : Optional.empty(),
          split < 0 ? "" : answer.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
