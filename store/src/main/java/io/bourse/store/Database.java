package io.bourse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bourse's PostgreSQL: an embedded server whose data lives in the data directory (the default), or an external
 * one by JDBC URL (production). Migrates the schema with Flyway on start.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** How long the safety-net shutdown hook lets the owner's orderly shutdown close the database first. */
    private static final long OWNER_SHUTDOWN_WAIT_S = 15;

    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread exitHook;

    private Database(EmbeddedPostgres embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.exitHook = embedded == null ? null : new Thread(this::stopServerIfLeftRunning, "bourse-db-shutdown");
        if (exitHook != null) {
            Runtime.getRuntime().addShutdownHook(exitHook);
        }
    }

    /** Starts (or reuses) the embedded server with its files in {@code dataDir}, then migrates. */
    public static Database embedded(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        long start = System.nanoTime();
        EmbeddedPostgres pg;
        try {
            // not the library's own shutdown hook: it stops the server while the exchange's shutdown still writes
            // (final history rows, the wallet's last pass); see stopServerIfLeftRunning
            // the library starts the server for throwaway test databases: fsync off (-F) and asynchronous commits.
            // Accounts, keys and the wallet's records live here, so a commit must be on the disk when it returns:
            // a later -c fsync=on overrides -F.
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new IOException("the database in " + dataDir + " is in use by another running Bourse", e);
            }
            throw e;
        }
        LOG.info("store: embedded PostgreSQL on port {} ({} ms, data in {})", pg.getPort(),
                (System.nanoTime() - start) / 1_000_000, dataDir);
        try {
            return open(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** Connects to an external server, then migrates. */
    public static Database external(String jdbcUrl, String user, String password) {
        return open(null, jdbcUrl, user, password);
    }

    private static Database open(EmbeddedPostgres pg, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("bourse-store");
        // a batch of inserts goes out as multi-row statements rather than one statement per row
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(pg, ds);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() throws IOException {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            dataSource.close();
            if (embedded != null) {
                embedded.close();
            }
        } finally {
            closed.countDown();
            if (exitHook != null && Thread.currentThread() != exitHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(exitHook);
                } catch (IllegalStateException shuttingDown) {
                    // closed from the owner's own shutdown hook: this one is running too and returns at once
                }
            }
        }
    }

    /**
     * At JVM exit: the owner's shutdown closes the database after everything that writes to it; if it has not
     * done so within {@link #OWNER_SHUTDOWN_WAIT_S} (an owner without a shutdown of its own), the embedded server
     * is stopped here so it never outlives the process.
     */
    private void stopServerIfLeftRunning() {
        try {
            if (!closed.await(OWNER_SHUTDOWN_WAIT_S, TimeUnit.SECONDS)) {
                embedded.close();
            }
        } catch (IOException | InterruptedException e) {
            LOG.warn("store: could not stop the embedded PostgreSQL at exit: {}", e.toString());
        }
    }
}
