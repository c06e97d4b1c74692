package io.bourse.bench.workload;

import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.Side;
import io.bourse.engine.command.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadReplayTest {
    @TempDir
    Path dir;

    private Path csv(String... rows) throws IOException {
        Path file = dir.resolve("w.csv.gz");
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.US_ASCII)) {
            w.write("seq,type,orderId,uid,side,price,size\n");
            for (String row : rows) {
                w.write(row + "\n");
            }
        }
        return file;
    }

    @Test
    void shouldReplayEveryKindOfRowWithWorkloadIdsAsEngineIds() throws IOException {
        WorkloadStream stream = WorkloadStream.read(csv(
                "0,GTC,1,5,ASK,6000010,3",
                "1,GTC,2,6,BID,5999990,4",
                "2,MOVE,1,5,ASK,6000011,0",
                "3,IOC,3,7,BID,12000000,1",
                "4,CANCEL,2,6,BID,0,0",
                "5,GTC,4,8,BID,5999000,2"));
        Command[] commands = WorkloadMarket.commands(stream);
        EngineReplay.RejectCounter rejections = new EngineReplay.RejectCounter();
        Engine engine = WorkloadMarket.newEngine(rejections);
        long seq = WorkloadMarket.setupCount();
        for (Command c : commands) {
            engine.apply(++seq, 0, c);
        }

        assertThat(rejections.rejected).isZero();
        assertThat(engine.books().nextOrderId()).isEqualTo(5);
        assertThat(engine.books().levelPrice(0, Side.SELL, 0)).isEqualTo(6_000_011 * WorkloadMarket.TICK);
        assertThat(engine.books().levelQty(0, Side.SELL, 0)).isEqualTo(2 * WorkloadMarket.LOT);
        assertThat(engine.books().levelPrice(0, Side.BUY, 0)).isEqualTo(5_999_000 * WorkloadMarket.TICK);
        assertThat(Invariants.violations(engine)).isEmpty();
    }

    @Test
    void shouldRefuseAFileThatIsNotAWorkload() throws IOException {
        Path file = dir.resolve("bad.csv.gz");
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.US_ASCII)) {
            w.write("a,b,c\n");
        }
        assertThatThrownBy(() -> WorkloadStream.read(file)).hasMessageContaining("not a workload CSV");
        assertThatThrownBy(() -> WorkloadStream.read(csv("0,SWAP,1,1,BID,1,1"))).hasMessageContaining("unknown type");
    }
}
