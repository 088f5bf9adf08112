package org.erp.sessions.domain.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  @Test
  void ipv4AddressesCountOneByOne() {
    assertEquals("203.0.113.7", ClientAddresses.throttleKey("203.0.113.7"));
    assertNotEquals(
        ClientAddresses.throttleKey("203.0.113.7"), ClientAddresses.throttleKey("203.0.113.8"));
  }

  @Test
  void ipv6AddressesOfOneSlash64CountAsOneClient() {
    String key = ClientAddresses.throttleKey("2001:db8:1:2::1");
    assertEquals("20010db800010002::/64", key);
    assertEquals(key, ClientAddresses.throttleKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    assertEquals(key, ClientAddresses.throttleKey("[2001:0db8:0001:0002:0:0:0:9]"));
    assertEquals(key, ClientAddresses.throttleKey("2001:db8:1:2::9%eth0"));
    assertNotEquals(key, ClientAddresses.throttleKey("2001:db8:1:3::1"));
  }

  @Test
  void anIpv4MappedAddressIsItsIpv4Address() {
    assertEquals("192.0.2.1", ClientAddresses.throttleKey("::ffff:192.0.2.1"));
  }

  @Test
  void textThatIsNoAddressCountsAsItIs() {
    assertEquals("unknown", ClientAddresses.throttleKey(null));
    assertEquals("localhost", ClientAddresses.throttleKey("localhost"));
    assertEquals("zz::1", ClientAddresses.throttleKey("zz::1"));
  }
}
