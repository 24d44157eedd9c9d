package dev.lightbox.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.json.JsonUtil;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Tokens made by hand: re-signed with the emulator's (public) key, or forged in the ways attackers try. */
public final class Tokens {


    private Tokens() {
    }

    public static JwtClaims claims(String token) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            return JwtClaims.parse(payload);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The claims of {@code token}, changed by {@code change}, validly signed with the emulator's key. */
    public static String resigned(String token, Consumer<JwtClaims> change) {
        JwtClaims claims = claims(token);
        change.accept(claims);
        return sign(claims.toJson(), emulatorKey(), kid(token), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** The claims of {@code token}, signed by a key the pool never published, under {@code kid}. */
    public static String signedByStranger(String token, String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims(token).toJson(), generator.generateKeyPair().getPrivate(), kid,
                    AlgorithmIdentifiers.RSA_USING_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of {@code token} with {@code alg: none} and no signature. */
    public static String unsigned(String token) {
        return encode(Map.of("alg", "none", "kid", kid(token))) + "." + token.split("\\.")[1] + ".";
    }

    /** HS256 with the pool's public key as the HMAC secret: the classic algorithm-confusion attack. */
    public static String hmacWithPublicKey(String token) {
        try {
            String signingInput = encode(Map.of("alg", "HS256", "kid", kid(token), "typ", "JWT")) + "."
                    + token.split("\\.")[1];
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) emulatorKey();
            byte[] secret = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent())).getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A validly signed token whose payload was changed afterwards (the signature no longer matches). */
    public static String tampered(String token, Consumer<JwtClaims> change) {
        String[] parts = token.split("\\.");
        JwtClaims claims = claims(token);
        change.accept(claims);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The emulator makes its own key per data folder and stores it as PKCS#8 PEM; it never leaves dev and test. */
    private static Key emulatorKey() {
        Path keyFile = Path.of(LocalStackResource.config(LocalStackResource.COGNITO_SIGNING_KEY));
        try {
            String pem = JsonUtil.parseJson(Files.readString(keyFile)).get("privateKeyPem").toString();
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the emulator's signing key at " + keyFile, e);
        }
    }

    /** The key id in a token's header. */
    public static String kid(String token) {
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
            return JsonUtil.parseJson(header).get("kid").toString();
        } catch (JoseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String sign(String payload, Key key, String kid, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(algorithm);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> header) {
        String json = JsonUtil.toJson(header);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
