package io.wanstudio.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The application as built by {@code mvn package}, so tests run exactly what ships. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive app() {
        File war = new File(System.getProperty("wan.build.dir", "target"), "wan-studio.war");
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests with 'mvn verify'");
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    /**
     * The app plus the test-only account switch ({@link TestAccountsServlet}: create, disable, reset users in the
     * container), for tests that need several users, and the gallery's test switch ({@link TestGalleryServlet}).
     * Never part of what ships.
     */
    public static WebArchive appWithTestAccounts() {
        return openPaths(app().addClasses(TestAccountsServlet.class, TestGalleryServlet.class),
                TestAccountsServlet.PATH, TestGalleryServlet.PATH);
    }

    /** The app plus test libraries, for tests that run inside the container. */
    public static WebArchive appWithTestLibraries(Class<?>... testClasses) {
        // Arquillian's own servlet (from its web-fragment) runs the tests: it must be reachable without signing in
        WebArchive archive = openPaths(app(), "/ArquillianServletRunnerEE9").addClasses(testClasses);
        for (Class<?> library : new Class<?>[] {org.assertj.core.api.Assertions.class,
                org.awaitility.Awaitility.class, org.hamcrest.Matcher.class}) {
            archive.addAsLibrary(jarOf(library));
        }
        return archive;
    }

    /** Adds a security constraint without roles for these exact paths (more specific than the app's "/*"). */
    private static WebArchive openPaths(WebArchive archive, String... paths) {
        String webXml;
        try (InputStream in = archive.get("WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder open = new StringBuilder("    <security-constraint><web-resource-collection>"
                + "<web-resource-name>tests</web-resource-name>");
        for (String path : paths) {
            open.append("<url-pattern>").append(path).append("</url-pattern>");
        }
        open.append("</web-resource-collection></security-constraint>\n</web-app>");
        archive.delete("WEB-INF/web.xml");
        return archive.addAsWebInfResource(new StringAsset(webXml.replace("</web-app>", open)), "web.xml");
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
