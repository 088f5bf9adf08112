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
  private static final Parser PARSER = new Parser();
  private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();

  private UserAgents() {}

  public static Parsed parse(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return new Parsed("Unknown", "Unknown");
    }
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

  private static String name(String family) {
    return family == null || family.isBlank() || family.equals("Other") ? "Unknown" : family;
  }
}
