package io.adaptivesqs.runner;

import java.util.Optional;

/**
 * Small helpers for reading a chain of causes.
 */
final class Failures {

    private Failures() {
    }

    /**
     * The outermost failure of the given type in the chain of causes.
     */
    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /**
     * The innermost failure of the given type in the chain of causes.
     */
    static <T extends Throwable> Optional<T> findInnermost(Throwable failure, Class<T> type) {
        T found = null;
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (type.isInstance(cause)) {
                found = type.cast(cause);
            }
        }
        return Optional.ofNullable(found);
    }

    static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        return root;
    }

    /**
     * One line for a failure nobody explained better: the first line of the root cause's message.
     */
    static String summary(Throwable failure) {
        Throwable root = root(failure);
        String message = firstLine(root.getMessage());
        return message.isEmpty() ? root.getClass().getName() : message;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    private static Throwable next(Throwable failure) {
        Throwable cause = failure.getCause();
        return cause == failure ? null : cause;
    }
}
