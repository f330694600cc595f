package id.orqestra.cloud.tenant.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import id.orqestra.cloud.platform.config.DataDirectory;
import id.orqestra.cloud.platform.crypto.KeyMaterial;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived signed access tokens (JWT, HS256). A token only says who and which session; what the
 * holder may do is read fresh from the database on each request, so a role change or sign-out takes
 * effect at once.
 */
@Singleton
public class TokenService {

    public static final String ISSUER = "orqestra";

    /** What a valid token says. {@code sessionId} is null for platform administrators. */
    public record Claims(String kind, long subject, Long orgId, UUID sessionId, Instant expiresAt) {
    }

    public record Issued(String token, Instant expiresAt) {
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(@Value("${orqestra.auth.jwt-key:}") String configuredKey,
                        @Value("${orqestra.auth.access-token-lifetime:15m}") Duration lifetime,
                        DataDirectory dataDirectory) {
        byte[] key = KeyMaterial.load(configuredKey, "ORQESTRA_AUTH_JWT_KEY", dataDirectory, "jwt.key",
                "signing access tokens");
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("The token key is unusable", e);
        }
        this.lifetime = lifetime;
        this.clock = Clock.systemUTC();
    }

    public Issued issueForMember(long userId, long orgId, UUID sessionId) {
        return issue("member", userId, orgId, sessionId);
    }

    public Issued issueForPlatformAdmin(long adminId) {
        return issue("platform", adminId, null, null);
    }

    private Issued issue(String kind, long subject, Long orgId, UUID sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(subject))
                .claim("kind", kind)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires));
        if (orgId != null) {
            claims.claim("org", orgId);
        }
        if (sessionId != null) {
            claims.claim("sid", sessionId.toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    /** The claims of a genuine, unexpired token; empty for anything else. */
    public Optional<Claims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || expiry == null || expiry.toInstant().isBefore(clock.instant())) {
                return Optional.empty();
            }
            String kind = claims.getStringClaim("kind");
            Long org = claims.getLongClaim("org");
            String sid = claims.getStringClaim("sid");
            return Optional.of(new Claims(kind, Long.parseLong(claims.getSubject()), org,
                    sid == null ? null : UUID.fromString(sid), expiry.toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
