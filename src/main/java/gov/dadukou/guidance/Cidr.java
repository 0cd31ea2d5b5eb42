package gov.dadukou.guidance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}, or a single address).
 * Immutable, thread-safe.
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /**
     * Parses {@code address[/prefix]}. Only literal addresses are accepted: a host name would be looked
     * up in DNS, which must not decide whom we believe.
     *
     * @throws IllegalArgumentException with the text when it is not a literal address and prefix
     */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: " + text, e);
        }
        return new Cidr(bytes, prefix);
    }

    /** Whether {@code address} (a literal IP, as a socket reports it) lies in this network. */
    public boolean contains(String address) {
        return address != null && literal(address).map(this::contains).orElse(false);
    }

    private boolean contains(byte[] other) {
        if (other.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        if (!Arrays.equals(Arrays.copyOf(other, full), Arrays.copyOf(network, full))) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (other[full] & mask) == (network[full] & mask);
    }

    /** The bytes of a literal address; empty for anything else (never a DNS lookup). */
    public static java.util.Optional<byte[]> literal(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.isEmpty() || !a.matches("[0-9.]+|[0-9A-Fa-f:.%A-Za-z]*:[0-9A-Fa-f:.%A-Za-z]*")) {
            return java.util.Optional.empty();
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.matches("[0-9.]+") && !a.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            return java.util.Optional.empty(); // "10.1" would be read as 10.0.0.1 by InetAddress
        }
        try {
            byte[] bytes = InetAddress.getByName(a).getAddress(); // a literal: no lookup happens
            return java.util.Optional.of(bytes.length == 16 && isV4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes);
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
