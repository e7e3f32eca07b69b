package io.wanstudio.platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a base URL can possibly be reached from the internet, judged from its text alone: an IP literal by its
 * range, a name by its form (never looked up — the answer must not depend on this machine's DNS). Used to warn
 * when the provider would be handed links it can never fetch.
 */
public final class PublicReach {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private PublicReach() {
    }

    /**
     * True when nothing on the internet can fetch from {@code baseUrl}: loopback, private, link-local, carrier-grade
     * NAT, unspecified and unique-local addresses; {@code localhost} and names under {@code .localhost},
     * {@code .local} (mDNS), {@code .internal}, {@code .lan}, {@code .home.arpa}; names without a dot (resolved by
     * a local search domain at best); and URLs without a host.
     */
    public static boolean isLocalOnly(String baseUrl) {
        String host;
        try {
            host = URI.create(baseUrl.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return true;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("[") || IPV4.matcher(host).matches()) {
            return isLocalAddress(host);
        }
        return !host.contains(".") || host.equals("localhost") || host.endsWith(".localhost")
                || host.endsWith(".local") || host.endsWith(".internal") || host.endsWith(".lan")
                || host.endsWith(".home.arpa");
    }

    private static boolean isLocalAddress(String literal) {
        if (!literal.startsWith("[")) {
            for (String part : literal.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return true; // no address at all (and getByName would look it up as a name)
                }
            }
        }
        InetAddress address;
        try {
            // an IP literal: parsed, never looked up
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()) {
            return true;
        }
        if (b.length == 4) {
            int a = b[0] & 0xFF;
            return a == 0 || a == 100 && (b[1] & 0xC0) == 64; // "this network"; carrier-grade NAT 100.64/10
        }
        return (b[0] & 0xFE) == 0xFC; // unique-local fc00::/7
    }
}
