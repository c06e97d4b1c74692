package io.bourse.runtime.pipeline;

import com.lmax.disruptor.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link EventConsumer} on its own thread. A consumer that throws is stopped (logged) without stopping
 * the exchange; it resumes from its last applied sequence at the next start.
 */
final class ConsumerStage implements EventHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerStage.class);

    private final EventConsumer consumer;
    private final long startAfter;
    private boolean failed;

    ConsumerStage(EventConsumer consumer, long startAfter) {
        this.consumer = consumer;
        this.startAfter = startAfter;
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName("bourse-consumer-" + consumer.name());
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (failed) {
            return;
        }
        try {
            if (slot.applied() && slot.sequence > startAfter) {
                consumer.onCommand(slot.sequence, slot.timestampMs, slot.command, slot.events);
            }
            if (endOfBatch) {
                consumer.onBatchEnd();
            }
        } catch (Exception e) {
            failed = true;
            LOG.error("consumer {} failed at command {}; it stops here and resumes from its last applied sequence "
                    + "at the next start", consumer.name(), slot.sequence, e);
        }
    }
}
