package io.adaptivesqs.camel;

import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The parts of the {@link BlockingQueue} contract that follow from a timed {@link #offer(Object, long, TimeUnit)},
 * a timed {@link #poll(long, TimeUnit)} and a bounded {@link #drainTo(Collection, int)}: a queue with its own
 * hand-out rule implements those three (and the inspection methods) and inherits the rest.
 */
abstract class TimedBlockingQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    /**
     * Hands in a poller's batch, in that poller's turn, and returns once all of it is in; if {@code stopped} reads
     * true before then, returns the messages the buffer did not take, for the poller to hand back to SQS. Here one
     * message at a time, as room frees up; the timed waits of {@code checkNanos} only notice a stop.
     */
    List<E> handIn(List<E> batch, long checkNanos, BooleanSupplier stopped) throws InterruptedException {
        for (int i = 0; i < batch.size(); i++) {
            E element = batch.get(i);
            boolean offered = false;
            while (!stopped.getAsBoolean() && !offered) {
                offered = offer(element, checkNanos, TimeUnit.NANOSECONDS);
            }
            if (stopped.getAsBoolean()) {
                // the consumer drains the buffer when it stops; take back an offer that may have slipped in after
                List<E> untaken = new ArrayList<>(batch.subList(offered ? i + 1 : i, batch.size()));
                if (offered && remove(element)) {
                    untaken.add(element);
                }
                return untaken;
            }
        }
        return List.of();
    }

    /** The messages waiting in the buffer, as the consumer reports them (JMX, metrics, the why-log). */
    int depth() {
        return size();
    }

    @Override
    public boolean offer(E element) {
        try {
            return offer(element, 0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void put(E element) throws InterruptedException {
        while (!offer(element, 1, TimeUnit.DAYS)) {
            // keep waiting: put never gives up
        }
    }

    @Override
    public E take() throws InterruptedException {
        E element;
        do {
            element = poll(1, TimeUnit.DAYS);
        } while (element == null);
        return element;
    }

    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }
}
