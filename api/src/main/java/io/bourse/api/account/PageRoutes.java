package io.bourse.api.account;

import io.bourse.api.http.Endpoint;
import io.bourse.api.http.Request;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The few pages mail links open (verify the email, reset the password) and the payment sandbox's checkout, until
 * the web app serves them: static HTML and one script that posts to the JSON API. Served with a content security
 * policy that allows only this origin's scripts and styles, and no framing.
 */
public final class PageRoutes {
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public List<Endpoint> endpoints() {
        return List.of(page("/verify-email", "verify-email.html", "text/html;charset=UTF-8"),
                page("/reset-password", "reset-password.html", "text/html;charset=UTF-8"),
                page("/fiat/sandbox/checkout", "sandbox-checkout.html", "text/html;charset=UTF-8"),
                page("/pages/pages.js", "pages.js", "text/javascript;charset=UTF-8"),
                page("/pages/pages.css", "pages.css", "text/css;charset=UTF-8"));
    }

    private static Endpoint page(String path, String resource, String type) {
        Buffer content = load(resource);
        return Endpoint.get(path, 1, (Request r) -> {
            r.responseHeaders().set("Content-Type", type).set("Content-Security-Policy", POLICY)
                    .set("X-Content-Type-Options", "nosniff").set("Referrer-Policy", "no-referrer")
                    .set("Cache-Control", "no-store");
            return content;
        });
    }

    private static Buffer load(String resource) {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/pages/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("page " + resource + " is missing from the build");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
