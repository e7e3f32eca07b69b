import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gallery benchmark's client (run with `java GalleryBench.java`): finds the deep page by following cursors,
 * then times one address with many concurrent clients and prints p50/p95 in milliseconds. Loopback only.
 *
 * <pre>
 * java GalleryBench.java cursor BASE TOKEN QUERY PAGES   -> prints the cursor after PAGES pages (or of the deepest
 *                                                         page that still has a next one)
 * java GalleryBench.java time BASE TOKEN QUERY CLIENTS REQUESTS_PER_CLIENT -> "p50 p95" in ms
 * </pre>
 */
public class GalleryBench {
    private static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"([A-Za-z0-9_-]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[1];
        if (!base.startsWith("http://127.0.0.1:") && !base.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        // HTTP/1.1 like browsers' plain-HTTP requests (the JDK would try an h2c upgrade, which Grizzly drops here)
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = args[2];
        String query = args[3];
        if (args[0].equals("cursor")) {
            int pages = Integer.parseInt(args[4]);
            String cursor = null;
            for (int page = 0; page < pages; page++) {
                String body = get(client, base, token, query + (cursor == null ? "" : "&cursor=" + cursor)).body();
                Matcher next = NEXT.matcher(body);
                if (!next.find()) {
                    break; // the last page: keep the cursor of the deepest page that has one after it
                }
                String following = next.group(1);
                String after = get(client, base, token, query + "&cursor=" + following).body();
                if (!NEXT.matcher(after).find()) {
                    break; // the next page is the last, maybe short one: the page at `cursor` is a full one
                }
                cursor = following;
            }
            System.out.println(cursor == null ? "" : cursor);
            return;
        }
        int clients = Integer.parseInt(args[4]);
        int perClient = Integer.parseInt(args[5]);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int warm = 0; warm < 3; warm++) { // warm-up rounds: JIT, caches, connections
            run(pool, clients, Math.max(5, perClient / 2), client, base, token, query);
        }
        List<Long> times = run(pool, clients, perClient, client, base, token, query);
        pool.shutdown();
        Collections.sort(times);
        System.out.printf("%.1f %.1f%n", times.get(times.size() / 2) / 1e6,
                times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1e6);
    }

    private static List<Long> run(ExecutorService pool, int clients, int perClient, HttpClient client, String base,
            String token, String query) throws Exception {
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = get(client, base, token, query);
                    mine.add(System.nanoTime() - start);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        return all;
    }

    private static HttpResponse<String> get(HttpClient client, String base, String token, String query)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tasks?" + query))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
