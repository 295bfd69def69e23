package io.adaptivesqs.camel;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parts of the {@link BlockingQueue} contract that follow from a timed {@link #offer(Object, long, TimeUnit)},
 * a timed {@link #poll(long, TimeUnit)} and a bounded {@link #drainTo(Collection, int)}: a queue with its own
 * hand-out rule implements those three (and the inspection methods) and inherits the rest.
 */
abstract class TimedBlockingQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

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
