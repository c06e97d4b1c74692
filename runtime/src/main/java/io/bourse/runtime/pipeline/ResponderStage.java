package io.bourse.runtime.pipeline;

import com.lmax.disruptor.EventHandler;
import io.bourse.engine.RejectReason;
import io.bourse.runtime.event.EventBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** Tells each submitter what became of its command, off the engine's thread. */
final class ResponderStage implements EventHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(ResponderStage.class);

    @Override
    public void onStart() {
        Thread.currentThread().setName("bourse-responder");
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        CommandCallback callback = slot.callback;
        if (callback == null) {
            return;
        }
        slot.callback = null;
        boolean applied = slot.applied();
        CommandResult result = new CommandResult(slot.sequence, slot.timestampMs, slot.outcome(),
                applied ? slot.reject : RejectReason.NONE,
                applied && callback.needsEvents() ? slot.events.copy() : EventBuffer.Events.NONE);
        try {
            callback.onResult(result);
        } catch (RuntimeException e) {
            LOG.error("a command callback failed (command {})", slot.sequence, e);
        }
    }
}
