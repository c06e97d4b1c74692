package io.bourse.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Port 0 with several event loops: a probed port that another process took before the bind is replaced. */
class ApiServerPortTest {
    @Test
    void aProbedPortTakenBeforeTheBindIsReplacedByAnother() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger probes = new AtomicInteger();
            int taken = squatter.getLocalPort();
            ApiServer.Listening listening = ApiServer.listen(vertx, ApiConfig.defaults(0).withEventLoops(2),
                    Router.router(vertx), ws -> ws.close(),
                    () -> probes.getAndIncrement() == 0 ? taken : ApiServer.freePort());

            assertThat(probes).hasValue(2);
            assertThat(listening.port()).isNotEqualTo(taken).isPositive();
            assertThat(listening.servers()).isEqualTo(2);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
