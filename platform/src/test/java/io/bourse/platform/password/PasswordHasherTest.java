package io.bourse.platform.password;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Cost.TEST);

    @Test
    void hashesVerifyOnlyTheirOwnPassword() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash);
    }

    @Test
    void malformedOrMissingHashesMatchNothing() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=zz,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$q=1,t=1,p=1$AAAA$AAAA")).isFalse();
    }

    @Test
    void aHashMadeUnderAnotherCostStillVerifiesAndAsksForARehash() {
        String weak = hasher.hash("pw pw pw pw");
        PasswordHasher stronger = new PasswordHasher(new PasswordHasher.Cost(2048, 2, 1));
        assertThat(stronger.verify("pw pw pw pw", weak)).isTrue();
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("pw pw pw pw"))).isFalse();
    }
}
