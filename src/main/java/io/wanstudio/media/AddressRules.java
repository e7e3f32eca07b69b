package io.wanstudio.media;

import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which IP addresses a server-side fetch must never reach, and how browsers read numeric IPv4 hosts. */
final class AddressRules {
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0[xX][0-9a-fA-F]*");

    private AddressRules() {
    }

    /** True for any address that is not plainly on the public internet. */
    static boolean isForbidden(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? isForbiddenIpv4(b, 0) : isForbiddenIpv6(b);
    }

    private static boolean isForbiddenIpv4(byte[] b, int at) {
        int a = b[at] & 0xFF;
        int s = b[at + 1] & 0xFF;
        int t = b[at + 2] & 0xFF;
        return a == 0                                  // "this network", incl. 0.0.0.0
                || a == 10                             // private
                || a == 127                            // loopback
                || a == 100 && (s & 0xC0) == 64        // carrier-grade NAT 100.64/10 (also a cloud metadata range)
                || a == 169 && s == 254                // link-local, cloud metadata 169.254.169.254
                || a == 172 && (s & 0xF0) == 16        // private 172.16/12
                || a == 192 && s == 168                // private
                || a == 192 && s == 0 && t == 0        // IETF protocol assignments
                || a == 198 && (s & 0xFE) == 18        // benchmarking 198.18/15
                || a >= 224;                           // multicast, reserved 240/4, broadcast
    }

    private static boolean isForbiddenIpv6(byte[] b) {
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        if (isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return isForbiddenIpv4(b, 12);             // IPv4-mapped ::ffff:a.b.c.d
        }
        if (isZero(b, 0, 12)) {
            return true;                               // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        }
        if (isZero(b, 0, 8) && (b[8] & 0xFF) == 0xFF && (b[9] & 0xFF) == 0xFF && isZero(b, 10, 12)) {
            return isForbiddenIpv4(b, 12);             // IPv4-translated ::ffff:0:a.b.c.d
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
            // NAT64: the well-known prefix 64:ff9b::/96 embeds an IPv4 address; 64:ff9b:1::/48 is local use.
            return !isZero(b, 4, 12) || isForbiddenIpv4(b, 12);
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return isForbiddenIpv4(b, 2);              // 6to4 2002:a.b.c.d::/48
        }
        if (b0 == 0x20 && b1 == 0x01 && isZero(b, 2, 4)) {
            byte[] client = new byte[4];               // Teredo 2001::/32: client address stored inverted
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            return isForbiddenIpv4(client, 0);
        }
        return b0 == 0xFF                              // multicast
                || (b0 & 0xFE) == 0xFC                 // unique-local fc00::/7 (incl. AWS metadata fd00:ec2::254)
                || b0 == 0xFE && (b1 & 0x80) == 0x80;  // link-local fe80::/10 and old site-local fec0::/10
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a host the way browsers and C's inet_aton do: one to four parts, each decimal, hex ("0x") or octal
     * (leading 0), the last part filling the remaining bytes — so "2130706433", "0x7f000001", "017700000001" and
     * "127.1" are all 127.0.0.1. Empty when the host is a name (its last label is not numeric).
     *
     * @throws IllegalArgumentException when the host ends in a number but is no valid address (e.g. "1.2.3.999")
     */
    static Optional<byte[]> parseIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (!NUMERIC_LABEL.matcher(parts[parts.length - 1]).matches()) {
            return Optional.empty();
        }
        if (parts.length > 4) {
            throw new IllegalArgumentException("too many parts");
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parsePart(parts[i]);
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            throw new IllegalArgumentException("last part out of range");
        }
        long address = last;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                throw new IllegalArgumentException("part out of range");
            }
            address |= values[i] << (8 * (3 - i));
        }
        return Optional.of(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                (byte) address});
    }

    private static long parsePart(String part) {
        if (!NUMERIC_LABEL.matcher(part).matches()) {
            throw new IllegalArgumentException("not a number: " + part); // also refuses signs: "+1", "-1"
        }
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            // also catches numbers too long for a long: all are out of range anyway
            throw new IllegalArgumentException("not a number: " + part, e);
        }
    }

    /** Plain a.b.c.d in decimal without leading zeros: the only IPv4 spelling every parser reads the same way. */
    static boolean isCanonicalIpv4(String host) {
        return CANONICAL_IPV4.matcher(host).matches();
    }
}
