package dev.selektor.common;

import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic logins of the users configured in {@code application.properties}, remembered once verified. The
 * properties realm verifies a password as blocking work: every request with Basic credentials would move to a
 * worker thread and back before it is decided, and on a small machine those two thread hand-offs cost more than
 * the decision itself (the checkout asks on every page view). A user name and password verified once are
 * remembered, so the next request with the same pair is answered with the same identity on the I/O thread.
 *
 * <p>Safe because the realm cannot change while the service runs (its users are configuration, read at start-up):
 * a pair that was right stays right. Only verified pairs are remembered, so wrong passwords cannot fill the memory,
 * and each is kept as a SHA-256 digest of user name and password, not the password. Anything else, including
 * every failed attempt, goes to the realm as before. Bearer tokens (production) are a different request type and
 * do not pass here.
 */
@ApplicationScoped
public class RememberedPasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    /** Far above the number of configured users; a bound in case a realm with many users is configured one day. */
    private static final int MAX_REMEMBERED = 10_000;

    /** The properties realm's provider; absent in a build without it, and then this provider steps aside. */
    private final Instance<ElytronPasswordIdentityProvider> realm;

    private final Map<String, SecurityIdentity> verified = new ConcurrentHashMap<>();

    @Inject
    public RememberedPasswordIdentityProvider(Instance<ElytronPasswordIdentityProvider> realm) {
        this.realm = realm;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /**
     * Asked before the realm's own provider, which then is not asked at all. The realm's provider keeps the
     * interface's default priority (1001, higher than {@code SYSTEM_FIRST}), and the highest priority is asked first.
     */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!realm.isResolvable()) {
            return Uni.createFrom().nullItem();
        }
        String key = digest(request.getUsername(), request.getPassword().getPassword());
        SecurityIdentity known = verified.get(key);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return realm.get().authenticate(request, context).invoke(identity -> {
            if (identity != null && verified.size() < MAX_REMEMBERED) {
                verified.put(key, identity);
            }
        });
    }

    private static String digest(String user, char[] password) {
        MessageDigest sha256 = Sha256.forThisThread();
        sha256.update(user.getBytes(StandardCharsets.UTF_8));
        // A separator no user name contains, so that ("ab", "c") and ("a", "bc") differ.
        sha256.update((byte) 0);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        sha256.update(bytes.duplicate());
        Arrays.fill(bytes.array(), (byte) 0);
        return HexFormat.of().formatHex(sha256.digest());
    }
}
