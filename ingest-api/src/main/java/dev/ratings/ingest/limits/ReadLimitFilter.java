package dev.ratings.ingest.limits;

import dev.ratings.auth.Problems;
import dev.ratings.ingest.web.RetryAfter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads ({@code GET}, {@code HEAD} under {@code /api/}) take a token of their client address's
 * bucket, before any other work (the token, the database): 429 with {@code Retry-After} beyond it.
 *
 * <p>The address is the TCP peer's, which Tomcat replaces by the {@code X-Forwarded-For} client only
 * when the peer is a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}, loopback by
 * default): a header from anyone else changes nothing. An IPv6 client is limited per /64, the block
 * one subscriber usually holds, so that rotating addresses within it gains nothing.
 */
final class ReadLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;

    ReadLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method))
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = client(request.getRemoteAddr());
        if (limiter.take(client) instanceof RateLimiter.Limited limited) {
            long seconds = RetryAfter.seconds(limited.retryAfter());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            Problems.write(
                    Problems.of(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "rate limit: address " + client + " may read " + limiter.described() + "; retry in "
                                    + seconds + " s",
                            request),
                    response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The bucket's subject: an IPv4 address as it is, an IPv6 address as its /64. */
    static String client(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // a literal: never a name lookup
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // an IPv4-mapped address
            }
            ByteBuffer words = ByteBuffer.wrap(bytes);
            return "%x:%x:%x:%x::/64"
                    .formatted(
                            words.getShort(0) & 0xffff,
                            words.getShort(2) & 0xffff,
                            words.getShort(4) & 0xffff,
                            words.getShort(6) & 0xffff);
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
