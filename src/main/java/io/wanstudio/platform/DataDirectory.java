package io.wanstudio.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one folder holding everything the app keeps on disk (database, media, simulator state). Resolved to an
 * absolute path once, so that {@code java -jar} and Arquillian agree on it whatever their working directory.
 */
@ApplicationScoped
public class DataDirectory {
    @Inject
    @ConfigProperty(name = "wan.data-dir", defaultValue = "./data")
    String configured;

    private Path root;

    @PostConstruct
    void init() {
        root = resolve(configured);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-folder of the data directory, created when missing. */
    public Path folder(String name) {
        Path folder = root.resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
        return folder;
    }

    static Path resolve(String configured) {
        return Path.of(configured).toAbsolutePath().normalize();
    }
}
