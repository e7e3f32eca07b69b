package io.wanstudio.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * Server-side fetch of a user-given URL, guarded against SSRF: only http(s); the host is resolved once and every
 * address checked before any connection is opened (loopback, private, link-local, metadata, any-local,
 * multicast, IPv4-mapped forms are refused) unless the URL's origin is on the allow-list; redirects are
 * followed by hand (at most 5), each target checked the same way; the body is streamed to a file through
 * {@link BoundedFile}, its size capped while it arrives.
 *
 * <p>Requests go out as a browser sends them, in origin form ({@code GET /path HTTP/1.1} with a Host header),
 * over Apache HttpClient. DNS rebinding (a name that answers a public address to our check and a private one
 * to the connection) is shut out by giving the client a {@link DnsResolver} that answers only with the
 * addresses we checked: the client never asks DNS itself. https keeps normal certificate and host-name
 * verification and sends the name (SNI). Connections are always direct (no system proxy, plain sockets
 * made with {@link Proxy#NO_PROXY}); nothing is retried, decompressed or kept alive across fetches.
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
    /** Some hosts and CDNs refuse clients that do not name themselves; this one says what it is. */
    private static final String USER_AGENT = "Mozilla/5.0 (compatible; WanStudio/1.0; input check)";

    private final List<URI> allowedOrigins;
    private final Timeout connectTimeout;
    private final Timeout responseTimeout;
    private final TlsSocketStrategy tls;

    /**
     * @param allowedOrigins origins (scheme://host:port) that may be fetched even though they are local
     * @param timeout        for connecting, and for each wait on the server while reading its answer
     */
    public SafeUrlFetcher(List<URI> allowedOrigins, Duration timeout) {
        this(allowedOrigins, timeout, timeout);
    }

    public SafeUrlFetcher(List<URI> allowedOrigins, Duration connectTimeout, Duration responseTimeout) {
        this(allowedOrigins, connectTimeout, responseTimeout, SSLContexts.createDefault());
    }

    /** With the trust of {@code sslContext} instead of the JDK's default trust store (tests). */
    SafeUrlFetcher(List<URI> allowedOrigins, Duration connectTimeout, Duration responseTimeout,
            SSLContext sslContext) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.connectTimeout = Timeout.of(connectTimeout);
        this.responseTimeout = Timeout.of(responseTimeout);
        this.tls = new DefaultClientTlsStrategy(sslContext, HostnameVerificationPolicy.BUILTIN, null);
    }

    /**
     * Downloads {@code url} into {@code target} (replacing it); refuses past {@code maxBytes}, leaving neither
     * the target nor a partial file.
     *
     * @return the size and SHA-256 of what was stored
     * @throws FetchRefusedException with a message fit for the user; {@link FetchRefusedException#status()}
     *                               tells the server's final HTTP status when that was the reason
     */
    public BoundedFile.Written fetchTo(URI url, Path target, long maxBytes) throws FetchRefusedException {
        PinnedDns dns = new PinnedDns();
        CloseableHttpClient client = newClient(dns);
        try {
            URI current = url;
            for (int redirects = 0; ; redirects++) {
                Target checked = check(current);
                dns.pin(checked.host(), checked.addresses());
                Hop hop = exchange(client, checked, target, maxBytes);
                if (hop.written() != null) {
                    return hop.written();
                }
                if (redirects == MAX_REDIRECTS) {
                    throw new FetchRefusedException("The URL redirects more than " + MAX_REDIRECTS + " times.");
                }
                current = hop.redirect();
            }
        } finally {
            client.close(CloseMode.IMMEDIATE);
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

    /**
     * A destination that passed every check: {@code host} (normalised, named in messages) may be reached only at
     * {@code addresses}; {@code port} is the URL's own (-1 when it gives none, so the Host header is as written).
     */
    private record Target(URI url, String host, int port, InetAddress[] addresses) {
    }

    /** The outcome of one request: either where the server redirects to, or what was stored. */
    private record Hop(URI redirect, BoundedFile.Written written) {
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
        return new Target(url, hostPort.host(), explicitPort(url), addresses);
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

    private CloseableHttpClient newClient(DnsResolver dns) {
        // Plain sockets with NO_PROXY: a bare new Socket() would follow the JVM's socksProxyHost setting.
        var operator = new DefaultHttpClientConnectionOperator(socksProxy -> new Socket(Proxy.NO_PROXY),
                DefaultSchemePortResolver.INSTANCE, dns,
                RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
        var connections = new BasicHttpClientConnectionManager(operator, null);
        connections.setConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connectTimeout)
                .setSocketTimeout(responseTimeout).build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE)) // direct, never a proxy
                .disableRedirectHandling()     // by hand, each hop checked
                .disableAutomaticRetries()     // one request per hop, whatever happens
                .disableContentCompression()   // bytes as sent: no gzip bombs, the limit counts what lands
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(responseTimeout)
                        .setRedirectsEnabled(false)
                        .setProtocolUpgradeEnabled(false) // else a plain GET carries "Upgrade: TLS/1.2"
                        .build())
                .build();
    }

    /** One request to a checked target, its answer handled; the connection is dropped, never drained. */
    private Hop exchange(CloseableHttpClient client, Target target, Path file, long maxBytes)
            throws FetchRefusedException {
        String scheme = target.url().getScheme().toLowerCase(Locale.ROOT);
        HttpHost host;
        try {
            host = new HttpHost(scheme, target.host(), target.port());
        } catch (IllegalArgumentException e) {
            throw new FetchRefusedException("The URL cannot be fetched.", e);
        }
        var request = new BasicClassicHttpRequest(Method.GET, host, originForm(target.url()));
        request.setHeader(HttpHeaders.ACCEPT, "*/*");
        request.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(host, request, null);
            int status = response.getCode();
            if (REDIRECTS.contains(status)) {
                var location = response.getFirstHeader(HttpHeaders.LOCATION);
                return new Hop(redirectTarget(target.url(), location == null ? null : location.getValue(),
                        target.host()), null);
            }
            if (status < 200 || status > 299) {
                throw new FetchRefusedException("The server " + target.host() + " answered HTTP " + status + ".",
                        status);
            }
            HttpEntity entity = response.getEntity();
            if (entity != null && entity.getContentLength() > maxBytes) {
                throw new FetchRefusedException(tooLarge(maxBytes)); // said so up front: not a byte is read
            }
            InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
            return new Hop(null, BoundedFile.copy(body, file, maxBytes));
        } catch (BoundedFile.TooLargeException e) {
            throw new FetchRefusedException(tooLarge(maxBytes));
        } catch (InterruptedIOException e) {
            // connect and socket timeouts both land here
            throw new FetchRefusedException("The server " + target.host() + " did not answer in time.", e);
        } catch (IOException e) {
            throw new FetchRefusedException("Could not download from " + target.host() + ".", e);
        } finally {
            if (response instanceof ModalCloseable open) {
                open.close(CloseMode.IMMEDIATE); // a graceful close would read the rest of the body first
            }
        }
    }

    /** The request target as a browser sends it: path and query, never the scheme and host. */
    private static String originForm(URI url) {
        String path = url.getRawPath();
        String query = url.getRawQuery();
        return (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
    }

    /** The port written in the URL, or -1; read from the raw authority where java.net.URI found no host. */
    private static int explicitPort(URI url) {
        if (url.getHost() != null) {
            return url.getPort();
        }
        String authority = url.getRawAuthority();
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
    }

    /**
     * The client's only name service: the addresses this fetch has checked, host by host. A host that was not
     * checked gets no address at all, so no connection can go anywhere the checks have not seen.
     */
    private static final class PinnedDns implements DnsResolver {
        private final Map<String, InetAddress[]> checked = new ConcurrentHashMap<>();

        void pin(String host, InetAddress[] addresses) {
            checked.put(host, addresses.clone());
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = checked.get(host.toLowerCase(Locale.ROOT));
            if (addresses == null) {
                throw new UnknownHostException(host + " was not checked");
            }
            return addresses.clone();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // asked only for Kerberos/SPNEGO, which is off; never a second lookup
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

    private static String tooLarge(long maxBytes) {
        return "The file is larger than the " + BoundedFile.TooLargeException.describe(maxBytes) + " allowed.";
    }
}
