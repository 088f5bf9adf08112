package org.erp.sessions.web.session;

import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the Cookie header readable for the session manager. Undertow's cookie parser throws on a
 * control or non-ASCII character in a cookie value, on a non-numeric {@code $Version} and on more
 * than {@code max-cookies} cookies. It first runs when the session is looked up, before any filter
 * or JAX-RS, so such a cookie (even one that another application on the host set) made every
 * request fail with a 500 and the container's error page. This handler runs first and drops those
 * cookies, as RFC 6265 user agents drop malformed ones: a session cookie among them is just absent
 * (401 not_authenticated), the readable cookies still count.
 */
public class CookieHeaderGuard implements ServletExtension {

  @Override
  public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
    deployment.addInitialHandlerChainWrapper(
        next ->
            exchange -> {
              clean(exchange);
              next.handleRequest(exchange);
            });
  }

  private static void clean(HttpServerExchange exchange) {
    HeaderValues headers = exchange.getRequestHeaders().get(Headers.COOKIE);
    if (headers == null) {
      return;
    }
    int maxCookies =
        exchange
            .getConnection()
            .getUndertowOptions()
            .get(UndertowOptions.MAX_COOKIES, UndertowOptions.DEFAULT_MAX_COOKIES);
    String cleaned = readableCookies(List.copyOf(headers), maxCookies);
    if (cleaned == null) {
      return;
    }
    if (cleaned.isEmpty()) {
      exchange.getRequestHeaders().remove(Headers.COOKIE);
    } else {
      exchange.getRequestHeaders().put(Headers.COOKIE, cleaned);
    }
  }

  /**
   * The cookies of these Cookie headers that Undertow can parse, as one header value, or null when
   * all of them can (then the headers stay as they are).
   */
  static String readableCookies(List<String> headers, int maxCookies) {
    int pairs = 0;
    boolean suspect = false;
    for (String header : headers) {
      pairs += 1 + (int) header.chars().filter(c -> c == ';').count();
      suspect |= !printable(header) || header.contains("$Version");
    }
    if (!suspect && pairs <= maxCookies) {
      return null; // every request with cookies passes here: the usual header needs no more
    }
    List<String> kept = new ArrayList<>();
    int cookies = 0;
    boolean dropped = false;
    for (String header : headers) {
      for (String part : header.split(";")) {
        String cookie = trimSpaces(part);
        if (cookie.isEmpty()) {
          continue;
        }
        boolean attribute = cookie.startsWith("$");
        boolean readable =
            printable(cookie)
                && !(cookie.startsWith("$Version=") && !cookie.substring(9).matches("[0-9]{1,9}"))
                && (attribute || cookies < maxCookies);
        if (!readable) {
          dropped = true;
          continue;
        }
        if (!attribute) {
          cookies++;
        }
        kept.add(cookie);
      }
    }
    return dropped ? String.join("; ", kept) : null;
  }

  /** Visible ASCII, space and tab: what Undertow's cookie parser accepts. */
  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\t' && (c < 0x20 || c >= 0x7f)) {
        return false;
      }
    }
    return true;
  }

  /** Not String.trim(): that would also strip the control characters looked for here. */
  private static String trimSpaces(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return text.substring(start, end);
  }
}
