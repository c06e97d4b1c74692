package io.bourse.api.operator;

import io.bourse.api.account.WebSessions;
import io.bourse.api.http.Request;
import io.bourse.platform.Platform;
import io.bourse.platform.Refused;
import io.bourse.platform.account.Actor;
import io.bourse.platform.account.Session;
import io.bourse.platform.operator.OperatorRole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call an operator endpoint: the bearer of the operator token (the server's owner; acts as ADMIN and is
 * audited as {@code root}), or a logged-in member of staff holding one of the endpoint's roles (ADMIN holds all).
 * Blocking: a session lookup reads the database.
 */
public final class OperatorAuth {
    private final byte[] rootToken;
    private final WebSessions web;
    private final Platform platform;

    /** {@code web} and {@code platform} may be null: then only the token is accepted. */
    public OperatorAuth(String rootToken, WebSessions web, Platform platform) {
        this.rootToken = ("Bearer " + rootToken).getBytes(StandardCharsets.UTF_8);
        this.web = web;
        this.platform = platform;
    }

    public Actor require(Request r, OperatorRole... allowed) {
        String given = r.headers().get("Authorization");
        if (given != null) {
            if (MessageDigest.isEqual(rootToken, given.getBytes(StandardCharsets.UTF_8))) {
                return Actor.ROOT;
            }
            throw Refused.notLoggedIn();
        }
        if (web == null) {
            throw Refused.notLoggedIn();
        }
        Session s = web.require(r);
        Set<OperatorRole> roles = platform.roles().of(s.userId());
        if (roles.contains(OperatorRole.ADMIN) || Arrays.stream(allowed).anyMatch(roles::contains)) {
            return Actor.operator(s.userId());
        }
        throw Refused.roleRequired(Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(" or "))
                + (Arrays.asList(allowed).contains(OperatorRole.ADMIN) ? "" : " (or ADMIN)"));
    }
}
