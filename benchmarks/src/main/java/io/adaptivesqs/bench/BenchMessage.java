package io.adaptivesqs.bench;

/**
 * What every benchmark message carries: its id, for duplicate and missing accounting, and the moment it was sent
 * ({@link System#nanoTime()} of this JVM, where producer and consumers both run), for end-to-end latency.
 */
record BenchMessage(long id, long sentNanos) {

    private static final String PREFIX = "bench ";

    String body() {
        return PREFIX + id + ' ' + sentNanos;
    }

    static BenchMessage parse(String body) {
        if (body == null || !body.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a benchmark message: " + body);
        }
        int space = body.indexOf(' ', PREFIX.length());
        if (space < 0) {
            throw new IllegalArgumentException("not a benchmark message: " + body);
        }
        return new BenchMessage(Long.parseLong(body.substring(PREFIX.length(), space)),
                Long.parseLong(body.substring(space + 1)));
    }
}
