package io.wanstudio.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines about one task. Each reads "Task 12: ..." on the console, and carries the task's id (and its provider
 * task id, once known) as fields of their own: Payara's JSON log formatter ({@code docker/logging.properties}) turns
 * every {@code Map} parameter of a record into top-level fields, so a log collector finds all lines of task 12 by
 * {@code taskId} without parsing the message.
 */
public final class TaskLog {
    private TaskLog() {
    }

    public static void log(Logger logger, Level level, long taskId, String providerTaskId, String message,
            Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("taskId", Long.toString(taskId));
        if (providerTaskId != null) {
            fields.put("providerTaskId", providerTaskId);
        }
        // Payara's formatters fill in a message only when it holds "{0": without it (a provider's reason might have
        // one) the text is printed as it is and the map only becomes fields
        LogRecord record = new LogRecord(level, "Task " + taskId + ": " + message.replace("{0", "{ 0"));
        record.setParameters(new Object[] {fields});
        record.setThrown(thrown);
        record.setLoggerName(logger.getName());
        // the line's source is the caller, not this class
        StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).ifPresent(caller -> {
            record.setSourceClassName(caller.getClassName());
            record.setSourceMethodName(caller.getMethodName());
        });
        logger.log(record);
    }
}
