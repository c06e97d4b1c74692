package io.bourse.platform;

import io.bourse.platform.account.AccountLocks;
import io.bourse.platform.account.Logins;
import io.bourse.platform.account.PasswordChanges;
import io.bourse.platform.account.Registration;
import io.bourse.platform.account.Sessions;
import io.bourse.platform.account.UserRow;
import io.bourse.platform.apikey.UserApiKeys;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.kyc.DocumentStore;
import io.bourse.platform.kyc.Kyc;
import io.bourse.platform.kyc.Screening;
import io.bourse.platform.mail.Outbox;
import io.bourse.platform.operator.OperatorRoles;
import io.bourse.platform.password.PasswordHasher;
import io.bourse.platform.twofactor.TwoFactor;
import io.bourse.store.Accounts;
import io.bourse.store.Database;
import io.bourse.store.MasterKey;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;

/**
 * The account and security services over one database, wired together. Every method may block (SQL, password
 * hashing): callers on an event loop run them on a worker thread.
 */
public final class Platform {
    private final Jdbi jdbi;
    private final PlatformConfig config;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Registration registration;
    private final Sessions sessions;
    private final Logins logins;
    private final PasswordChanges passwords;
    private final TwoFactor twoFactor;
    private final AccountLocks locks;
    private final OperatorRoles roles;
    private final UserApiKeys apiKeys;
    private final Kyc kyc;

    public Platform(Database db, MasterKey masterKey, Accounts accounts, PlatformConfig config, Screening screening,
                    Clock clock) {
        this.jdbi = db.jdbi();
        this.config = config;
        PasswordHasher hasher = new PasswordHasher(config.passwordCost());
        this.audit = new AuditTrail(jdbi);
        this.outbox = new Outbox(jdbi);
        this.registration = new Registration(jdbi, clock, config, hasher, audit, outbox);
        this.sessions = new Sessions(jdbi, clock, config, audit);
        this.twoFactor = new TwoFactor(jdbi, clock, masterKey, hasher, audit, outbox, "Bourse");
        this.logins = new Logins(jdbi, clock, config, hasher, twoFactor, sessions, audit, outbox);
        this.passwords = new PasswordChanges(jdbi, clock, config, hasher, twoFactor, audit, outbox);
        this.locks = new AccountLocks(jdbi, clock, audit);
        this.roles = new OperatorRoles(jdbi, clock, audit);
        this.apiKeys = new UserApiKeys(jdbi, clock, accounts, twoFactor, audit);
        this.kyc = new Kyc(jdbi, clock, config.kyc(), screening, new DocumentStore(config.kyc().documentDir(),
                masterKey), audit, outbox);
    }

    public PlatformConfig config() {
        return config;
    }

    public Optional<UserRow> user(long userId) {
        return jdbi.withHandle(h -> UserRow.byId(h, userId));
    }

    public AuditTrail audit() {
        return audit;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Registration registration() {
        return registration;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Logins logins() {
        return logins;
    }

    public PasswordChanges passwords() {
        return passwords;
    }

    public TwoFactor twoFactor() {
        return twoFactor;
    }

    public AccountLocks locks() {
        return locks;
    }

    public OperatorRoles roles() {
        return roles;
    }

    public UserApiKeys apiKeys() {
        return apiKeys;
    }

    public Kyc kyc() {
        return kyc;
    }
}
