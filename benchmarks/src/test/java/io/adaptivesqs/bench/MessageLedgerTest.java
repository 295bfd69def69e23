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
}
