package io.ghanomaly.api.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks the admin bearer token in constant time: both sides are hashed first, so neither the
 * content nor the length of the token shows in the time a refusal takes. The token is never logged
 * or echoed.
 */
final class AdminAuth {
    private final byte[] expectedHash;

    AdminAuth(Optional<String> token) {
        this.expectedHash = token.map(AdminAuth::sha256).orElse(null);
    }

    boolean enabled() {
        return expectedHash != null;
    }

    /** Returns when the request carries the token; an ApiError (403 or 401) otherwise. */
    void require(Context ctx) {
        if (expectedHash == null) {
            throw new ApiError(
                    403,
                    "admin endpoints are disabled: start the API with GH_ANOMALY_ADMIN_TOKEN set");
        }
        String header = ctx.header("Authorization");
        String prefix = "Bearer ";
        boolean bearer =
                header != null
                        && header.length() > prefix.length()
                        && header.regionMatches(true, 0, prefix, 0, prefix.length());
        byte[] given = sha256(bearer ? header.substring(prefix.length()).trim() : "");
        if (!MessageDigest.isEqual(given, expectedHash) || !bearer) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(
                    401,
                    "send the admin token as 'Authorization: Bearer <token>'; it did not match");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
