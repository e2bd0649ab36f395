package kyodo.query.audit;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes an Ed25519 public key from its 32-byte private seed (RFC 8032 §5.1.5), which the JDK
 * cannot do through its public API: a private key configured alone (PKCS#8 without the optional
 * public key) is then enough to publish the matching verification key. Plain BigInteger
 * arithmetic; it runs once per start, so speed and constant time do not matter here (nothing
 * secret-dependent is observable: the result is public).
 */
final class Ed25519PublicKeys {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (X.509), followed by the 32 key bytes. */
    static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger GX = new BigInteger(
            "15112221349535400772501151409588531511454012693041857206046113283949847762202");
    private static final BigInteger GY = new BigInteger(
            "46316835694926478169428394003475163141307993866256225615783033603165251855960");
    private static final BigInteger[] G = {GX, GY, BigInteger.ONE, GX.multiply(GY).mod(P)};

    private Ed25519PublicKeys() {
    }

    /** The 32-byte public key of a 32-byte private seed. */
    static byte[] derive(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, not " + seed.length);
        }
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-512").digest(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
        byte[] low = new byte[32];
        System.arraycopy(h, 0, low, 0, 32);
        BigInteger a = littleEndian(low);
        // clamp: clear the three low bits and bit 255, set bit 254
        a = a.and(BigInteger.ONE.shiftLeft(254).subtract(BigInteger.valueOf(8))).setBit(254);
        BigInteger[] point = multiply(a, G);
        BigInteger zInverse = point[2].modInverse(P);
        BigInteger x = point[0].multiply(zInverse).mod(P);
        BigInteger y = point[1].multiply(zInverse).mod(P);
        BigInteger encoded = x.testBit(0) ? y.setBit(255) : y;
        return toLittleEndian(encoded);
    }

    /** The X.509 (SubjectPublicKeyInfo) encoding of a raw 32-byte Ed25519 public key. */
    static byte[] x509(byte[] raw) {
        byte[] encoded = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        return encoded;
    }

    /** Point addition in extended homogeneous coordinates (RFC 8032 §5.1.4). */
    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        BigInteger a = p[1].subtract(p[0]).multiply(q[1].subtract(q[0])).mod(P);
        BigInteger b = p[1].add(p[0]).multiply(q[1].add(q[0])).mod(P);
        BigInteger c = BigInteger.TWO.multiply(p[3]).multiply(q[3]).multiply(D).mod(P);
        BigInteger d = BigInteger.TWO.multiply(p[2]).multiply(q[2]).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger hh = b.add(a);
        return new BigInteger[]{e.multiply(f).mod(P), g.multiply(hh).mod(P), f.multiply(g).mod(P),
                e.multiply(hh).mod(P)};
    }

    private static BigInteger[] multiply(BigInteger scalar, BigInteger[] point) {
        BigInteger[] result = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        BigInteger[] addend = point;
        BigInteger s = scalar;
        while (s.signum() > 0) {
            if (s.testBit(0)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
            s = s.shiftRight(1);
        }
        return result;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            big[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, big);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }
}
