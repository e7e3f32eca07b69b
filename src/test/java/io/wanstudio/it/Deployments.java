package io.wanstudio.it;

import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
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

    /** The app plus test libraries, for tests that run inside the container. */
    public static WebArchive appWithTestLibraries(Class<?>... testClasses) {
        WebArchive archive = app().addClasses(testClasses);
        for (Class<?> library : new Class<?>[] {org.assertj.core.api.Assertions.class,
                org.awaitility.Awaitility.class, org.hamcrest.Matcher.class}) {
            archive.addAsLibrary(jarOf(library));
        }
        return archive;
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
