package io.adaptivesqs.bench;

/** A span of trial time in seconds, both ends included. */
record Window(double from, double to) {

    Window {
        if (to < from) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " > " + to);
        }
    }

    double seconds() {
        return to - from;
    }

    boolean contains(double seconds) {
        return seconds >= from && seconds <= to;
    }
}
