package io.adaptivesqs.bench;

/**
 * What every benchmark message carries: its id, for duplicate and missing accounting, the moment it was sent
 * ({@link System#nanoTime()} of this JVM, where producer and consumers both run), for end-to-end latency, and on a FIFO
 * queue its message group and its place in that group, for order checking.
 *
 * @param group    message group index, or {@link #NO_GROUP} on a standard queue
 * @param sequence place in its group, from 0, in send order
 */
record BenchMessage(long id, long sentNanos, int group, long sequence) {

    static final int NO_GROUP = -1;
    private static final String PREFIX = "bench ";

    BenchMessage(long id, long sentNanos) {
        this(id, sentNanos, NO_GROUP, 0);
    }

    boolean grouped() {
        return group != NO_GROUP;
    }

    /** The MessageGroupId on a FIFO queue. */
    String groupId() {
        return "group-" + group;
    }

    String body() {
        String body = PREFIX + id + ' ' + sentNanos;
        return grouped() ? body + ' ' + group + ' ' + sequence : body;
    }

    static BenchMessage parse(String body) {
        if (body == null || !body.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a benchmark message: " + body);
        }
        String[] fields = body.substring(PREFIX.length()).split(" ");
        try {
            if (fields.length == 2) {
                return new BenchMessage(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
            }
            if (fields.length == 4) {
                return new BenchMessage(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
                        Integer.parseInt(fields[2]), Long.parseLong(fields[3]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a benchmark message: " + body, e);
        }
        throw new IllegalArgumentException("not a benchmark message: " + body);
    }
}
