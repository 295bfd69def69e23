package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;

/** The samples of one trial, per consumer, and when each phase started. */
final class Timeline {

    private final List<List<Sample>> perConsumer = new ArrayList<>();
    private final List<Double> phaseStarts = new ArrayList<>();

    Timeline(int consumers) {
        for (int i = 0; i < consumers; i++) {
            perConsumer.add(new ArrayList<>());
        }
    }

    /** Builds a timeline from known samples, for tests and re-analysis. */
    static Timeline of(List<Double> phaseStarts, List<List<Sample>> perConsumer) {
        Timeline timeline = new Timeline(perConsumer.size());
        timeline.phaseStarts.addAll(phaseStarts);
        for (int i = 0; i < perConsumer.size(); i++) {
            timeline.perConsumer.get(i).addAll(perConsumer.get(i));
        }
        return timeline;
    }

    /**
     * A phase's conditions apply from now. It starts at the last sample, the one that closed the phase before it, so
     * that the quarter second right after a step counts in the new phase: it is where a consumer shows how fast it
     * answers the step.
     */
    void phaseStarted() {
        List<Sample> first = perConsumer.get(0);
        phaseStarts.add(first.isEmpty() ? 0 : first.get(first.size() - 1).seconds());
    }

    void add(int consumer, Sample sample) {
        perConsumer.get(consumer).add(sample);
    }

    int consumers() {
        return perConsumer.size();
    }

    List<Sample> consumer(int index) {
        return perConsumer.get(index);
    }

    /** All consumers summed tick by tick. */
    List<Sample> total() {
        if (perConsumer.size() == 1) {
            return perConsumer.get(0);
        }
        int ticks = perConsumer.stream().mapToInt(List::size).min().orElse(0);
        List<Sample> total = new ArrayList<>(ticks);
        for (int tick = 0; tick < ticks; tick++) {
            List<Sample> sameTick = new ArrayList<>(perConsumer.size());
            for (List<Sample> samples : perConsumer) {
                sameTick.add(samples.get(tick));
            }
            total.add(Sample.sum(sameTick));
        }
        return total;
    }

    double phaseStart(int phase) {
        return phaseStarts.get(phase);
    }

    /** When a phase ended: the next one's start, or the last sample. */
    double phaseEnd(int phase) {
        return phase + 1 < phaseStarts.size() ? phaseStarts.get(phase + 1) : end();
    }

    List<Double> phaseStarts() {
        return List.copyOf(phaseStarts);
    }

    double end() {
        List<Sample> first = perConsumer.get(0);
        return first.isEmpty() ? 0 : first.get(first.size() - 1).seconds();
    }
}
