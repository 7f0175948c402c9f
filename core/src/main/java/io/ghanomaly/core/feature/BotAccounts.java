package io.ghanomaly.core.feature;

import java.util.Set;

/** Tells bot accounts from people by login, the way GitHub names them. */
public final class BotAccounts {
    /** Bots whose login lacks the {@code [bot]} suffix. */
    private static final Set<String> KNOWN_BOT_LOGINS = Set.of("Copilot");

    private BotAccounts() {}

    public static boolean isBot(String login) {
        return login.endsWith("[bot]") || KNOWN_BOT_LOGINS.contains(login);
    }
}
