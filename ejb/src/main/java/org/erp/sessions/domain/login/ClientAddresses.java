package org.erp.sessions.domain.login;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** How a client address is counted by the login throttle. */
public final class ClientAddresses {

  private ClientAddresses() {}

  /**
   * The address as the throttle counts it: an IPv4 address as is, an IPv6 address by its /64
   * network, since one IPv6 client usually holds a whole /64 and could otherwise take a new
   * address for every attempt. Anything that is not an IP literal counts as the text it is.
   */
  public static String throttleKey(String address) {
    if (address == null || address.isEmpty()) {
      return "unknown";
    }
    String literal = address;
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    // Only hex digits, ':' and '.': parsed as a literal, never looked up as a host name.
    if (literal.indexOf(':') < 0 || literal.length() > 45 || !literal.matches("[0-9A-Fa-f:.]+")) {
      return address;
    }
    try {
      InetAddress parsed = InetAddress.getByName(literal);
      if (parsed instanceof Inet6Address) {
        return HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "::/64";
      }
      return parsed.getHostAddress(); // an IPv4-mapped IPv6 address is its IPv4 address
    } catch (UnknownHostException notAnAddress) {
      return address;
    }
  }
}
