package io.adaptivesqs.camel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The running polling loops. Growing starts new pollers at once; shrinking retires the newest ones, which exit once
 * they have handed over what they hold.
 */
final class PollerPool implements Supervisor.Pollers {

    private final IntFunction<Poller> newPoller;
    private final ExecutorService executor;
    private final List<Poller> pollers = new CopyOnWriteArrayList<>();
    private volatile int target;
    private boolean stopped;
    private int nextId;

    PollerPool(IntFunction<Poller> newPoller, ExecutorService executor) {
        this.newPoller = newPoller;
        this.executor = executor;
    }

    /** Allows {@link #resize} again after {@link #stopAll}. */
    synchronized void reopen() {
        stopped = false;
    }

    /** Runs {@code count} pollers; ignored once stopped, so that a late supervisor tick cannot restart polling. */
    @Override
    public synchronized void resize(int count) {
        if (stopped) {
            return;
        }
        pollers.removeIf(Poller::hasExited);
        target = count;
        List<Poller> working = pollers.stream().filter(p -> !p.isRetired() && !p.hasExited()).toList();
        for (int i = working.size(); i < count; i++) {
            Poller poller = newPoller.apply(++nextId);
            pollers.add(poller);
            executor.execute(poller);
        }
        for (int i = working.size() - 1; i >= count; i--) {
            working.get(i).retire();
        }
    }

    /** Pollers running and not told to go. */
    @Override
    public int active() {
        return (int) pollers.stream().filter(p -> !p.isRetired() && !p.hasExited()).count();
    }

    /** Pollers whose receive has been waiting longer than {@code nanos}: long polls on an empty queue. */
    @Override
    public int waitingLongerThan(long nanos) {
        long now = System.nanoTime();
        return (int) pollers.stream().filter(p -> !p.isRetired() && p.isWaitingLongerThan(nanos, now)).count();
    }

    @Override
    public int target() {
        return target;
    }

    /** Tells every poller to stop and waits up to {@code timeoutMillis} for them to exit. */
    synchronized boolean stopAll(long timeoutMillis) throws InterruptedException {
        stopped = true;
        target = 0;
        pollers.forEach(Poller::stop);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Poller poller : pollers) {
            if (!poller.awaitExit(deadline - System.nanoTime())) {
                return false;
            }
        }
        pollers.clear();
        return true;
    }
}
