package io.envguard.edge.identity;

import jakarta.json.JsonString;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * One identity, spelled one way, in every service (this one class, shared by the three): an email is a plain
 * ASCII address, checked before any case mapping so that a look-alike (the Kelvin sign for K, a dotless i) is refused
 * rather than folded into someone else's address, then lower-cased in the root locale.
 */
public final class Emails {

    private static final Pattern ADDRESS =
            Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}$");
    private static final int MAX_LENGTH = 254;

    private Emails() {
    }

    /** The email's one spelling, or empty when it is not a plain ASCII address. */
    public static Optional<String> normalize(String email) {
        if (email == null || email.length() > MAX_LENGTH || !ADDRESS.matcher(email.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(email.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The email a verified JWT identifies, or empty when it identifies no one: its address is not plain ASCII, or its
     * issuer says the address is not verified. Without {@code email_verified} the issuer vouches for the address, as
     * the local issuer does; anything but true (false, "false", a number) is not verified.
     */
    public static Optional<String> of(JsonWebToken token) {
        Object verified = token.getClaim("email_verified");
        if (verified != null) {
            String value = verified instanceof JsonString text ? text.getString() : String.valueOf(verified);
            if (!"true".equalsIgnoreCase(value)) {
                return Optional.empty();
            }
        }
        Object email = token.getClaim("email");
        return email instanceof String address ? normalize(address) : Optional.empty();
    }
}
