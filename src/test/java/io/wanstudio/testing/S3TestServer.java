package io.wanstudio.testing;

import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server on loopback (s3proxy over a folder), checking V4 signatures with a known key pair, so
 * the studio's S3 code and its presigned links meet a real server over real HTTP.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "wan-test-access";
    public static final String SECRET_KEY = "wan-test-secret-5d2e";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;
    private final List<String> reads;

    private S3TestServer(S3Proxy proxy, BlobStoreContext context, URI endpoint, List<String> reads) {
        this.reads = reads;
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Starts on 127.0.0.1:{@code port}, keeping objects under {@code folder}; returns once it answers. */
    public static S3TestServer start(int port, Path folder) throws Exception {
        Files.createDirectories(folder);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(properties)
                .buildView(BlobStoreContext.class);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        List<String> reads = new CopyOnWriteArrayList<>();
        BlobStore blobs = context.getBlobStore();
        // records which objects were read through the server (by the studio, or by a provider with a presigned link)
        BlobStore recording = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                new Class<?>[] {BlobStore.class}, (self, method, arguments) -> {
                    if (method.getName().equals("getBlob")) {
                        reads.add((String) arguments[1]);
                    }
                    try {
                        return method.invoke(blobs, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        S3Proxy proxy = S3Proxy.builder().blobStore(recording).endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(proxy.getState()));
        return new S3TestServer(proxy, context, endpoint, reads);
    }

    /** The keys of the objects read so far, in order. */
    public List<String> reads() {
        return List.copyOf(reads);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The objects as the server keeps them, to check what the studio stored. */
    public BlobStore blobs() {
        return context.getBlobStore();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
