package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchMessageTest {

    @Test
    void bodyCarriesIdAndSendTime() {
        BenchMessage message = new BenchMessage(42, 1234567890123L);

        assertThat(BenchMessage.parse(message.body())).isEqualTo(message);
    }

    @Test
    void negativeNanoTimesSurvive() {
        // System.nanoTime may be negative
        BenchMessage message = new BenchMessage(7, -5_000_000_000L);

        assertThat(BenchMessage.parse(message.body())).isEqualTo(message);
    }

    @Test
    void aGroupedBodyCarriesItsGroupAndPlaceInIt() {
        BenchMessage message = new BenchMessage(9, 100, 31, 277);

        assertThat(message.body()).isEqualTo("bench 9 100 31 277");
        assertThat(BenchMessage.parse(message.body())).isEqualTo(message);
        assertThat(message.groupId()).isEqualTo("group-31");
        assertThat(new BenchMessage(9, 100).grouped()).isFalse();
    }

    @Test
    void aForeignBodyIsRefused() {
        assertThatThrownBy(() -> BenchMessage.parse("bench 1 2 3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMessage.parse("bench 1 x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMessage.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMessage.parse("bench 12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMessage.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
