package io.envguard.cli.members;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.api.ApiException;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Member;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the USER of a command (an email, a name or a user id) into one member, through the member search. Only an
 * exact match counts (ignoring case): granting production to the wrong "Ada" is worse than asking again.
 */
public final class Users {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Users() {
    }

    public static Member resolve(EnvguardApi api, String user) {
        String text = user == null ? "" : user.strip();
        if (text.isEmpty()) {
            throw new Failure(ExitCode.INVALID_INPUT, "USER is empty: give an email, a name or a user id");
        }
        if (ID.matcher(text).matches()) {
            try {
                return api.member(text);
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw notFound(text, List.of());
                }
                throw e;
            }
        }
        return pick(text, api.searchMembers(text));
    }

    /** The one member among the search's answers whose email or name is {@code text}; a failure otherwise. */
    static Member pick(String text, List<Member> found) {
        String wanted = text.toLowerCase(Locale.ROOT);
        List<Member> exact = found.stream()
                .filter(m -> wanted.equals(lower(m.email())) || wanted.equals(lower(m.name())))
                .toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        if (exact.isEmpty()) {
            throw notFound(text, found);
        }
        throw new Failure(ExitCode.INVALID_INPUT, List.of(
                "\"" + text + "\" matches " + exact.size() + " members; name one by email or user id:",
                describe(exact)), Map.of("matches", exact));
    }

    private static Failure notFound(String text, List<Member> similar) {
        String line = "no member of the organization is \"" + text + "\" (by email, name or user id)";
        if (similar.isEmpty()) {
            return new Failure(ExitCode.NOT_FOUND, List.of(line), Map.of());
        }
        return new Failure(ExitCode.NOT_FOUND, List.of(line, "did you mean: " + describe(similar)),
                Map.of("similar", similar));
    }

    private static String describe(List<Member> members) {
        return members.stream().map(Users::describe).collect(Collectors.joining("; "));
    }

    public static String describe(Member member) {
        return member.name() + " <" + member.email() + "> " + member.userId();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
