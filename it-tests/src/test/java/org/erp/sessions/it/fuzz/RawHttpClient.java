package org.erp.sessions.it.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.erp.sessions.it.ApiClient;

/**
 * A raw HTTP/1.1 client over a socket: sends exactly the bytes generated (a real client would
 * refuse or re-encode some cookies and headers), one connection per request.
 */
final class RawHttpClient {

  private static final URI BASE = URI.create(ApiClient.BASE);

  private RawHttpClient() {}

  static Answer exchange(Request request) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ascii(out, request.method() + " " + request.target() + " HTTP/1.1\r\n");
    ascii(out, "Host: " + BASE.getHost() + ":" + BASE.getPort() + "\r\nConnection: close\r\n");
    for (String[] header : request.headers()) {
      out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] body = request.body();
    if (body != null && request.chunked()) {
      ascii(out, "Transfer-Encoding: chunked\r\n\r\n");
      for (int at = 0; at < body.length; at += 8192) {
        int length = Math.min(8192, body.length - at);
        ascii(out, Integer.toHexString(length) + "\r\n");
        out.write(body, at, length);
        ascii(out, "\r\n");
      }
      ascii(out, "0\r\n\r\n");
    } else if (body != null) {
      ascii(out, "Content-Length: " + body.length + "\r\n\r\n");
      out.writeBytes(body);
    } else {
      ascii(out, request.method().equals("GET") ? "\r\n" : "Content-Length: 0\r\n\r\n");
    }
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    String error = null;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(BASE.getHost(), BASE.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      try {
        OutputStream stream = socket.getOutputStream();
        stream.write(out.toByteArray());
        stream.flush();
      } catch (IOException writeFailed) {
        // The server may answer (413) and close before reading a large body: read the answer.
        error = "write: " + writeFailed;
      }
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[16384];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (IOException e) {
      error = (error == null ? "" : error + ", ") + "read: " + e;
    }
    return parse(received.toByteArray(), error);
  }

  private static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static Answer parse(byte[] bytes, String error) {
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      return new Answer(
          0,
          Map.of(),
          "",
          error == null ? "incomplete answer (" + bytes.length + " bytes)" : error);
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      return new Answer(0, Map.of(), "", "bad status line " + lines[0]);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
    boolean chunked =
        headers.getOrDefault("transfer-encoding", List.of()).stream()
            .anyMatch(v -> v.equalsIgnoreCase("chunked"));
    byte[] body = chunked ? dechunk(rest) : rest;
    List<String> length = headers.getOrDefault("content-length", List.of());
    if (!chunked && !length.isEmpty()) {
      int n = Integer.parseInt(length.get(0));
      body = Arrays.copyOf(rest, Math.min(n, rest.length));
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), error);
  }

  private static byte[] dechunk(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < bytes.length) {
      int lineEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
      if (lineEnd < 0) {
        break;
      }
      String sizeText =
          new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      out.write(bytes, lineEnd + 2, Math.min(size, bytes.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    outer:
    for (int i = from; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
