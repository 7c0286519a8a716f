package io.portal.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the request bodies of the admin API: a JSON body is read up to {@link #MAX_BODY}
 * bytes and no further, so that a client cannot make the portal hold a body of any size.
 * A body that declares a larger {@code Content-Length} is refused before any of it is
 * read. The controller
 * reading it meets {@link BodyTooLargeException}, which the API answers with 413 (see
 * {@link ApiExceptionHandler}). Multipart uploads have their own limits
 * ({@code spring.servlet.multipart.*}) and pass untouched.
 * <p>
 * A client that sends the body without waiting for {@code 100 Continue} reads the answer
 * only if the connection is not reset under it, which happens when the server closes it
 * with data unread. So the rest of such a body is read and dropped, up to
 * {@link #MAX_DISCARDED} bytes; past that the connection is closed.
 */
class ApiBodyLimit extends OncePerRequestFilter {

    /**
     * The largest JSON body the admin API reads: 1 MiB, like an uploaded file. Its bodies
     * are a few hundred bytes; an ACME request with pasted CA certificates a few kilobytes.
     */
    static final int MAX_BODY = 1024 * 1024;

    /**
     * The most of a refused body that is read and dropped so that its sender gets the answer.
     */
    static final long MAX_DISCARDED = 64L * 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Limited limited = new Limited(request);
        chain.doFilter(limited, response);
        if (limited.body != null && limited.body.refused
                && !"100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            limited.body.discardRest();
        }
    }

    /**
     * The body was larger than {@link #MAX_BODY}; what was read of it is dropped.
     */
    static class BodyTooLargeException extends IOException {

        private final long declared;

        BodyTooLargeException(long declared) {
            super((declared > MAX_BODY) ? "The request body has " + declared + " bytes; the admin API reads at most " + MAX_BODY
                    : "The request body has more than " + MAX_BODY + " bytes, the most the admin API reads");
            this.declared = declared;
        }

        /**
         * What the request says its body's length is.
         * @return the {@code Content-Length}, or -1 if it did not say
         */
        long declared() {
            return this.declared;
        }

    }

    private static final class Limited extends HttpServletRequestWrapper {

        private LimitedInputStream body;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.body == null) {
                this.body = new LimitedInputStream(super.getInputStream(), getContentLengthLong());
            }
            return this.body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    (getCharacterEncoding() != null) ? getCharacterEncoding() : StandardCharsets.UTF_8.name()));
        }

    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;

        private final long declared;

        private long read;

        private boolean refused;

        LimitedInputStream(ServletInputStream in, long declared) {
            this.in = in;
            this.declared = declared;
        }

        @Override
        public int read() throws IOException {
            check();
            int b = this.in.read();
            if (b >= 0) {
                this.read++;
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            // One byte more than allowed is read, to tell a body of exactly the limit from a larger one.
            int n = this.in.read(buffer, offset, (int) Math.min(length, MAX_BODY + 1L - this.read));
            if (n > 0) {
                this.read += n;
                check();
            }
            return n;
        }

        private void check() throws BodyTooLargeException {
            // Refused before anything is read when the request announces a larger body.
            if (this.declared > MAX_BODY || this.read > MAX_BODY) {
                this.refused = true;
                throw new BodyTooLargeException(this.declared);
            }
        }

        void discardRest() {
            byte[] scratch = new byte[64 * 1024];
            try {
                long discarded = 0;
                for (int n = this.in.read(scratch); n >= 0 && discarded < MAX_DISCARDED; n = this.in.read(scratch)) {
                    discarded += n;
                }
            }
            catch (IOException ex) {
                // The client gave up; nothing left to answer.
            }
        }

        @Override
        public boolean isFinished() {
            return this.in.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.in.setReadListener(listener);
        }

    }

}
