package io.wanstudio.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.mp4parser.PropertyBoxParserImpl;

/**
 * isoparser's box parser, made so that it works inside the app server: isoparser reads its box table through the
 * system class loader, which there does not hold the library (STACK.md pitfall 14); so the table is read once
 * from the library's own jar and handed over. Every use of isoparser takes its parser from here.
 */
public final class IsoBoxes {
    private static final Properties BOX_TABLE = loadBoxTable();

    private IsoBoxes() {
    }

    public static PropertyBoxParserImpl parser() {
        return new PropertyBoxParserImpl(BOX_TABLE);
    }

    private static Properties loadBoxTable() {
        var table = new Properties();
        try (InputStream in = PropertyBoxParserImpl.class.getResourceAsStream("/isoparser2-default.properties")) {
            table.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("isoparser's box table is missing", e);
        }
        return table;
    }
}
