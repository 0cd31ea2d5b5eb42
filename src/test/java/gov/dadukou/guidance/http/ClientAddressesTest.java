package gov.dadukou.guidance.http;

import gov.dadukou.guidance.Cidr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAddressesTest {
    private final ClientAddresses behindProxies = new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")));
    private final ClientAddresses direct = new ClientAddresses(List.of());

    @Test
    void theTcpPeerIsTheClientWhenNoProxyIsTrusted() {
        assertEquals("10.1.2.3", direct.resolve("10.1.2.3", "203.0.113.5"));
    }

    @Test
    void theFirstUntrustedHopFromTheRightIsTheClient() {
        assertEquals("203.0.113.5", behindProxies.resolve("10.1.2.3", "203.0.113.5"));
        assertEquals("203.0.113.5", behindProxies.resolve("10.1.2.3", "198.51.100.9, 203.0.113.5, 10.9.9.9"));
        assertEquals("203.0.113.5", behindProxies.resolve("::1", "203.0.113.5"));
    }

    @Test
    void aPeerOutsideTheTrustedProxiesCannotNameAnotherClient() {
        assertEquals("203.0.113.5", behindProxies.resolve("203.0.113.5", "10.0.0.1"));
    }

    @Test
    void garbageInTheHeaderStopsAtTheLastTrustworthyHop() {
        assertEquals("10.9.9.9", behindProxies.resolve("10.1.2.3", "evil.example, 10.9.9.9"));
        assertEquals("10.1.2.3", behindProxies.resolve("10.1.2.3", "unknown"));
    }

    @Test
    void cidrsMatchByPrefixAndNeverLookUpNames() {
        Cidr net = Cidr.parse("192.168.4.0/22");
        assertTrue(net.contains("192.168.7.255"));
        assertFalse(net.contains("192.168.8.0"));
        assertFalse(net.contains("localhost"));
        assertTrue(Cidr.parse("2001:db8::/32").contains("2001:db8:1::5"));
        assertFalse(Cidr.parse("2001:db8::/32").contains("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("proxy.example"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.1"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/40"));
    }
}
