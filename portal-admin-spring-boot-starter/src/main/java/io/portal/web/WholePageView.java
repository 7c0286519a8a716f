package io.portal.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.thymeleaf.spring6.view.ThymeleafView;

/**
 * A Thymeleaf view that lets the servlet container send a page as one response with a
 * {@code Content-Length}. Thymeleaf flushes the writer when it has rendered a template,
 * which committed the response before it was complete: the page then went out in chunked
 * encoding, as two TLS records and two writes instead of one. A page larger than the
 * servlet container's response buffer (8 KB by default) still goes out in chunks.
 */
public class WholePageView extends ThymeleafView {

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
        super.render(model, request, new Unflushed(response));
    }

    /**
     * Ignores flushes: the container sends what is left when the request ends.
     */
    static final class Unflushed extends HttpServletResponseWrapper {

        private PrintWriter writer;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (this.writer == null) {
                this.writer = new PrintWriter(getResponse().getWriter(), false) {

                    @Override
                    public void flush() {
                        // sent when the request ends
                    }

                };
            }
            return this.writer;
        }

        @Override
        public void flushBuffer() {
            // sent when the request ends
        }

    }

}
