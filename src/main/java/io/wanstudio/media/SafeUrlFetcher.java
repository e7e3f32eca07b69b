package io.wanstudio.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Server-side fetch of a user-given URL, guarded against SSRF: only http(s); the host is resolved and every
 * address checked before any connection is opened (loopback, private, link-local, metadata, any-local,
 * multicast, IPv4-mapped forms are refused) unless the URL's origin is on the allow-list; redirects are
 * followed by hand (at most 5), each target re-checked; the body is streamed to a file with a byte limit.
 *
 * <p>DNS rebinding (a name that answers a public address to our check and a private one to the connection):
 * for http the connection goes to the very address that was checked — it is handed to HttpURLConnection as
 * an HTTP proxy, so the request is sent in absolute form ({@code GET http://host/path}) with the right Host
 * header, which origin servers must accept (RFC 9112 §3.2.2). For https the JDK resolves the name again, but a
 * rebound connection cannot succeed: the internal server would have to present a trusted certificate for
 * the attacker's host name. Connections are always direct; system proxy settings are not used.
 */
public final class SafeUrlFetcher {
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** Names that are local or cloud metadata services whatever DNS says. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of("localhost", "metadata", "metadata.google.internal",
            "metadata.goog", "instance-data", "instance-data.ec2.internal");
    /** Host names taken from a raw authority (see {@link #hostAndPort}) may use only these characters. */
    private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String LOCAL_ADDRESS =
            "The URL points to a local or private network address; such URLs are not fetched.";

    private final List<URI> allowedOrigins;
    private final Duration timeout;

    /** @param allowedOrigins origins (scheme://host:port) that may be fetched even though they are local */
    public SafeUrlFetcher(List<URI> allowedOrigins, Duration timeout) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.timeout = timeout;
    }

    /** Downloads {@code url} into {@code target}; refuses (and deletes the partial file) past {@code maxBytes}. */
    public void fetchTo(URI url, Path target, long maxBytes) throws FetchRefusedException {
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            Target checked = check(current);
            HttpURLConnection connection = open(checked);
            try {
                int status = connection.getResponseCode();
                if (REDIRECTS.contains(status)) {
                    if (redirects == MAX_REDIRECTS) {
                        throw new FetchRefusedException("The URL redirects more than " + MAX_REDIRECTS + " times.");
                    }
                    current = redirectTarget(current, connection.getHeaderField("Location"), checked.host());
                    continue;
                }
                if (status < 200 || status > 299) {
                    throw new FetchRefusedException("The server " + checked.host() + " answered HTTP " + status + ".");
                }
                long length = connection.getContentLengthLong();
                if (length > maxBytes) {
                    throw new FetchRefusedException(tooLarge(maxBytes));
                }
                try (InputStream body = connection.getInputStream()) {
                    copyLimited(body, target, maxBytes);
                }
                return;
            } catch (SocketTimeoutException e) {
                throw new FetchRefusedException("The server " + checked.host() + " did not answer in time.", e);
            } catch (IOException e) {
                throw new FetchRefusedException("Could not download from " + checked.host() + ".", e);
            } finally {
                connection.disconnect();
            }
        }
    }

    /**
     * The verdict on a URL that needs no DNS: scheme, user info, host syntax, forbidden names, and literal
     * addresses in any spelling. Empty means "not refused yet": a host name is still resolved and checked
     * before a fetch. URLs of an allowed origin are never refused for their address.
     */
    public static Optional<String> refusalFor(URI url, List<URI> allowedOrigins) {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return Optional.of("Only http and https URLs can be fetched"
                    + (scheme == null ? "." : "; this one is " + scheme + ":."));
        }
        if (url.getRawUserInfo() != null || url.getRawAuthority() != null && url.getRawAuthority().contains("@")) {
            return Optional.of("URLs with a user name or password are not fetched.");
        }
        Optional<HostPort> hostPort = hostAndPort(url);
        if (hostPort.isEmpty()) {
            return Optional.of("The URL has no valid host name.");
        }
        if (isAllowedOrigin(url, allowedOrigins)) {
            return Optional.empty();
        }
        String host = hostPort.get().host();
        if (FORBIDDEN_NAMES.contains(host) || host.endsWith(".localhost")) {
            return Optional.of(LOCAL_ADDRESS);
        }
        try {
            Optional<InetAddress> literal = literalAddress(host);
            if (literal.isPresent() && isForbiddenAddress(literal.get())) {
                return Optional.of(LOCAL_ADDRESS);
            }
            if (literal.isPresent() && literal.get().getAddress().length == 4 && !AddressRules.isCanonicalIpv4(host)) {
                // Parsers disagree on "010.0.0.1" (octal 8.0.0.1 or decimal 10.0.0.1): accept one spelling only.
                return Optional.of("Write the IP address of the URL as four decimal numbers (like 203.0.113.7).");
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("The URL has no valid host name.");
        }
        return Optional.empty();
    }

    /** True for any address a user-given URL must not reach: loopback, private, link-local, metadata, etc. */
    public static boolean isForbiddenAddress(InetAddress address) {
        return AddressRules.isForbidden(address);
    }

    private record HostPort(String host, int port) {
    }

    /** The checked destination: connect to {@code address} (for http), and name {@code host} in messages. */
    private record Target(URI url, String host, InetAddress address, int port) {
    }

    private Target check(URI url) throws FetchRefusedException {
        Optional<String> refusal = refusalFor(url, allowedOrigins);
        if (refusal.isPresent()) {
            throw new FetchRefusedException(refusal.get());
        }
        HostPort hostPort = hostAndPort(url).orElseThrow();
        InetAddress[] addresses = resolve(hostPort.host());
        if (!isAllowedOrigin(url, allowedOrigins)) {
            for (InetAddress address : addresses) {
                if (isForbiddenAddress(address)) {
                    // Any one bad answer refuses: the client may pick any of them. Which one is not said.
                    throw new FetchRefusedException(LOCAL_ADDRESS);
                }
            }
        }
        return new Target(url, hostPort.host(), addresses[0], hostPort.port());
    }

    private static InetAddress[] resolve(String host) throws FetchRefusedException {
        try {
            Optional<InetAddress> literal = literalAddress(host);
            return literal.isPresent() ? new InetAddress[] {literal.get()} : InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchRefusedException("The host " + host + " could not be found.", e);
        }
    }

    /** An IP literal parsed without any DNS lookup; empty for host names. */
    private static Optional<InetAddress> literalAddress(String host) {
        try {
            if (host.contains(":")) {
                return Optional.of(InetAddress.getByName(host)); // IPv6 literal: parsed, never looked up
            }
            Optional<byte[]> ipv4 = AddressRules.parseIpv4(host);
            return ipv4.isPresent() ? Optional.of(InetAddress.getByAddress(ipv4.get())) : Optional.empty();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host, e);
        }
    }

    /**
     * Lower-case host (no IPv6 brackets, no trailing dot) and effective port. java.net.URI leaves the host null
     * for spellings it finds odd ("2130706433", "127.1", names with '_') that other parsers accept, so those
     * are read from the raw authority, allowing plain characters only.
     */
    private static Optional<HostPort> hostAndPort(URI url) {
        String host = url.getHost();
        int port = url.getPort();
        if (host == null) {
            String authority = url.getRawAuthority();
            if (authority == null) {
                return Optional.empty();
            }
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            try {
                port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (!PLAIN_HOST.matcher(host).matches() || port > 65535) {
                return Optional.empty();
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return Optional.of(new HostPort(host.toLowerCase(Locale.ROOT),
                port >= 0 ? port : "https".equals(scheme) ? 443 : 80));
    }

    /** Same scheme, host and port (default ports filled in) as one of the allowed origins. */
    private static boolean isAllowedOrigin(URI url, List<URI> allowedOrigins) {
        Optional<HostPort> target = hostAndPort(url);
        return target.isPresent() && allowedOrigins.stream().anyMatch(origin ->
                origin.getScheme() != null && origin.getScheme().equalsIgnoreCase(url.getScheme())
                        && hostAndPort(origin).equals(target));
    }

    private HttpURLConnection open(Target target) throws FetchRefusedException {
        try {
            boolean http = "http".equalsIgnoreCase(target.url().getScheme());
            // http: the checked address, handed over as a "proxy" (see the class comment); https: direct.
            Proxy route = http
                    ? new Proxy(Proxy.Type.HTTP, new InetSocketAddress(target.address(), target.port()))
                    : Proxy.NO_PROXY;
            HttpURLConnection connection = (HttpURLConnection) target.url().toURL().openConnection(route);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(Math.toIntExact(timeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(timeout.toMillis()));
            connection.setRequestProperty("Accept-Encoding", "identity");
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new FetchRefusedException("The URL cannot be fetched.", e);
        }
    }

    private static URI redirectTarget(URI from, String location, String host) throws FetchRefusedException {
        if (location == null || location.isBlank()) {
            throw new FetchRefusedException("The server " + host + " redirected without saying where to.");
        }
        try {
            return from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new FetchRefusedException("The server " + host + " redirected to an invalid URL.", e);
        }
    }

    /** Streams into a temporary sibling, moved into place only when complete: no partial file survives. */
    private static void copyLimited(InputStream body, Path target, long maxBytes)
            throws IOException, FetchRefusedException {
        Path folder = target.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(folder, ".fetch-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = body.read(buffer)) != -1; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new FetchRefusedException(tooLarge(maxBytes));
                    }
                    out.write(buffer, 0, n);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String tooLarge(long maxBytes) {
        long mebibyte = 1024L * 1024;
        String limit = maxBytes >= mebibyte && maxBytes % mebibyte == 0
                ? maxBytes / mebibyte + " MB"
                : maxBytes + " bytes";
        return "The file is larger than the " + limit + " allowed.";
    }
}
