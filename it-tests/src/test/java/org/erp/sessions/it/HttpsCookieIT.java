package org.erp.sessions.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** Over HTTPS the session cookie is Secure, as are the cookies that clear it. */
class HttpsCookieIT extends ApiTestBase {

  /** The server's HTTPS listener uses a self-signed certificate for "localhost", made at first use. */
  static HttpClient trustingClient() throws Exception {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new TrustManager[] {trustAll}, null);
    SSLParameters parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm(null);
    return HttpClient.newBuilder().sslContext(ssl).sslParameters(parameters).build();
  }

  @Test
  void theSessionCookieIsSecureOverHttps() throws Exception {
    String https = System.getProperty("erp.https-url", "https://localhost:8443");
    HttpResponse<String> login =
        trustingClient()
            .send(
                HttpRequest.newBuilder(URI.create(https + "/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"demo\",\"password\":\"demo\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("session_id="))
            .findFirst()
            .orElseThrow();
    String lower = cookie.toLowerCase();
    assertTrue(lower.contains("secure"), cookie);
    assertTrue(lower.contains("httponly"), cookie);
    assertTrue(lower.contains("samesite=lax"), cookie);

    HttpResponse<String> anonymous =
        trustingClient()
            .send(
                HttpRequest.newBuilder(URI.create(https + "/api/session")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    assertTrue(
        anonymous.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.contains("Max-Age=0") && c.contains("Secure")),
        "the clearing cookie is Secure too");
  }
}
