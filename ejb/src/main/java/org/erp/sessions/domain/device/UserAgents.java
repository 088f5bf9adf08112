package org.erp.sessions.domain.device;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Turns a User-Agent header into a browser and a platform name with ua-parser's maintained
 * regular expressions (the same data the uap-core project keeps for many languages).
 */
public final class UserAgents {

  /** Browser and platform names, e.g. "Chrome" and "Linux". */
  public record Parsed(String browser, String platform) {}

  private static final int CACHE_LIMIT = 1024;

  /** As stored on the device; a longer header is cut before parsing, so it costs no more. */
  public static final int MAX_LENGTH = 512;
  private static final Parser PARSER = new Parser();
  private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();

  private UserAgents() {}

  public static Parsed parse(String header) {
    if (header == null || header.isBlank()) {
      return new Parsed("Unknown", "Unknown");
    }
    String userAgent = cut(header);
    Parsed cached = CACHE.get(userAgent);
    if (cached != null) {
      return cached;
    }
    Client client = PARSER.parse(userAgent);
    Parsed parsed = new Parsed(name(client.userAgent.family), name(client.os.family));
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(userAgent, parsed);
    }
    return parsed;
  }

  /** The header as it is parsed, cached and stored: at most {@link #MAX_LENGTH} characters. */
  public static String cut(String header) {
    return header.length() <= MAX_LENGTH ? header : header.substring(0, MAX_LENGTH);
  }

  static int cached() {
    return CACHE.size();
  }

  private static String name(String family) {
    return family == null || family.isBlank() || family.equals("Other") ? "Unknown" : family;
  }
}
