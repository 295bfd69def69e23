package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageLedgerTest {

    @Test
    void idsAreDenseFromZero() {
        MessageLedger ledger = new MessageLedger();

        assertThat(ledger.reserve(10)).isZero();
        assertThat(ledger.reserve(1)).isEqualTo(10);
        assertThat(ledger.sent()).isEqualTo(11);
    }

    @Test
    void aSecondCompletionOfAnIdIsADuplicate() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(3);

        assertThat(ledger.complete(0)).isTrue();
        assertThat(ledger.complete(1)).isTrue();
        assertThat(ledger.complete(1)).isFalse();
        assertThat(ledger.complete(1)).isFalse();

        assertThat(ledger.duplicates()).isEqualTo(2);
        assertThat(ledger.distinctCompleted()).isEqualTo(2);
        assertThat(ledger.outstanding()).isEqualTo(1);
    }

    @Test
    void withAnEmptyQueueEveryIdNotCompletedIsMissingAndNamed() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(5);
        ledger.complete(0);
        ledger.complete(2);
        ledger.complete(4);

        MessageLedger.Accounting books = ledger.account(0);

        assertThat(books.sent()).isEqualTo(5);
        assertThat(books.missing()).isEqualTo(2);
        assertThat(books.someMissingIds()).containsExactly(1L, 3L);
    }

    @Test
    void messagesLeftInTheQueueAreNotMissing() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(100);
        for (long id = 0; id < 60; id++) {
            ledger.complete(id);
        }

        MessageLedger.Accounting books = ledger.account(40);

        assertThat(books.missing()).isZero();
        assertThat(books.leftInQueue()).isEqualTo(40);
        assertThat(books.someMissingIds()).as("ids cannot be named while some are in the queue").isEmpty();
        assertThat(ledger.account(30).missing()).isEqualTo(10);
    }

    @Test
    void aCompletedMessageStillInTheQueueIsNotCountedAsNegativeMissing() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(10);
        for (long id = 0; id < 10; id++) {
            ledger.complete(id);
        }

        assertThat(ledger.account(1).missing()).isZero();
    }

    @Test
    void failedSendsAreNeitherSentNorMissing() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(10);
        ledger.notSent(10);

        assertThat(ledger.sent()).isZero();
        assertThat(ledger.outstanding()).isZero();
    }

    private static BenchMessage grouped(long id, int group, long sequence) {
        return new BenchMessage(id, 0, group, sequence);
    }

    /** Starts and completes a message of a group, as the route does. */
    private static void run(MessageLedger ledger, BenchMessage message) {
        ledger.started(message);
        ledger.complete(message);
    }

    @Test
    void groupsCompletedInOrderOneAtATimeShowNoViolation() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(6);
        for (long seq = 0; seq < 3; seq++) {
            run(ledger, grouped(seq * 2, 0, seq));
            run(ledger, grouped(seq * 2 + 1, 1, seq));
        }

        assertThat(ledger.outOfOrder()).isZero();
        assertThat(ledger.overlaps()).isZero();
        assertThat(ledger.account(0).outOfOrder()).isZero();
    }

    @Test
    void aMessageFinishingAfterALaterOneOfItsGroupIsOutOfOrder() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(4);
        run(ledger, grouped(1, 0, 1));
        run(ledger, grouped(0, 0, 0));
        run(ledger, grouped(2, 0, 2));
        // another group's order is its own
        run(ledger, grouped(3, 1, 0));

        assertThat(ledger.outOfOrder()).isEqualTo(1);
        assertThat(ledger.account(0).outOfOrder()).isEqualTo(1);
    }

    @Test
    void twoMessagesOfOneGroupInTheRouteAtOnceAreAnOverlapButTwoGroupsAreNot() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(4);
        BenchMessage first = grouped(0, 0, 0);
        BenchMessage second = grouped(1, 0, 1);
        BenchMessage otherGroup = grouped(2, 1, 0);

        ledger.started(first);
        ledger.started(otherGroup);
        ledger.started(second);
        ledger.complete(first);
        ledger.complete(second);
        ledger.complete(otherGroup);
        run(ledger, grouped(3, 0, 2));

        assertThat(ledger.overlaps()).isEqualTo(1);
        assertThat(ledger.outOfOrder()).as("completed in order although overlapping").isZero();
        assertThat(ledger.account(0).overlaps()).isEqualTo(1);
    }

    @Test
    void aRedeliveryOfACompletedMessageIsADuplicateNotAnOrderViolation() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(2);
        run(ledger, grouped(0, 0, 0));
        run(ledger, grouped(1, 0, 1));
        run(ledger, grouped(0, 0, 0));

        assertThat(ledger.duplicates()).isEqualTo(1);
        assertThat(ledger.outOfOrder()).isZero();
        assertThat(ledger.overlaps()).isZero();
    }

    @Test
    void ungroupedMessagesAreNeverOrderChecked() {
        MessageLedger ledger = new MessageLedger();
        ledger.reserve(2);
        BenchMessage later = new BenchMessage(1, 0);
        BenchMessage earlier = new BenchMessage(0, 0);
        ledger.started(later);
        ledger.started(earlier);
        ledger.complete(later);
        ledger.complete(earlier);

        assertThat(ledger.outOfOrder()).isZero();
        assertThat(ledger.overlaps()).isZero();
        assertThat(ledger.distinctCompleted()).isEqualTo(2);
    }
}
