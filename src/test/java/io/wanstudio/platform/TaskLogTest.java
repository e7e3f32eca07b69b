package io.wanstudio.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskLogTest {
    private final Logger logger = Logger.getLogger("io.wanstudio.test.TaskLogTest");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
        logger.setLevel(Level.INFO);
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void aLineNamesTheTaskInItsTextAndCarriesItsIdsAsFields() {
        TaskLog.log(logger, Level.INFO, 12, "prov-7", "QUEUED -> PROCESSING", null);

        LogRecord record = records.get(0);
        assertThat(new SimpleFormatter().formatMessage(record)).isEqualTo("Task 12: QUEUED -> PROCESSING");
        assertThat(record.getParameters()).containsExactly(Map.of("taskId", "12", "providerTaskId", "prov-7"));
        assertThat(record.getSourceClassName()).isEqualTo(TaskLogTest.class.getName());
    }

    @Test
    void aTaskWithoutAProviderIdYetHasOnlyItsOwnId() {
        TaskLog.log(logger, Level.WARNING, 3, null, "download failed", new IllegalStateException("cut"));

        assertThat(records.get(0).getParameters()).containsExactly(Map.of("taskId", "3"));
        assertThat(records.get(0).getThrown()).hasMessage("cut");
    }

    @Test
    void aReasonThatLooksLikeAPlaceholderIsPrintedAsItIs() {
        TaskLog.log(logger, Level.INFO, 5, null, "PROCESSING -> FAILED: bad template {0}", null);

        assertThat(new SimpleFormatter().formatMessage(records.get(0)))
                .isEqualTo("Task 5: PROCESSING -> FAILED: bad template { 0}");
    }

    @Test
    void nothingIsBuiltForALevelThatIsNotLogged() {
        TaskLog.log(logger, Level.FINE, 5, null, "claim released", null);

        assertThat(records).isEmpty();
    }
}
