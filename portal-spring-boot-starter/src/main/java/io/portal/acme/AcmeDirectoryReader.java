package io.portal.acme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import org.shredzone.acme4j.exception.AcmeNetworkException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a CA's directory says about the CA (its terms, website, whether it needs an
 * external account binding) for people choosing a CA. Whoever chooses may name any URL,
 * so the read is bounded: one GET without redirects, {@link #TIMEOUT} for all of it,
 * at most {@link #MAX_BYTES}, parsed as JSON by Jackson. Which URLs may be read at all is
 * checked before (see {@link AcmeRequests}).
 */
final class AcmeDirectoryReader {

    /**
     * How long the whole read may take, connection included.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * The largest directory read; real ones are about a kilobyte.
     */
    static final int MAX_BYTES = 64 * 1024;

    private final SSLContext sslContext;

    private final JsonMapper json;

    AcmeDirectoryReader(SSLContext sslContext, JsonMapper json) {
        this.sslContext = sslContext;
        this.json = json;
    }

    /**
     * Read a directory.
     * @param url the directory URL, already checked
     * @return what it says
     * @throws IssuanceException if it cannot be read or is no ACME directory
     */
    AcmeDirectory read(String url) {
        HttpClient client = HttpClient.newBuilder()
            .sslContext(this.sslContext)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json")
            .GET().build();
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, (info) -> new Limited(MAX_BYTES));
        try {
            response = exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new IssuanceException("Interrupted while reading the directory " + url + ".");
        }
        catch (TimeoutException ex) {
            exchange.cancel(true);
            throw new IssuanceException("The CA at " + url + " did not answer within " + TIMEOUT.toSeconds() + " seconds.");
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof TooLargeException) {
                throw notADirectory(url, "it answered with more than " + (MAX_BYTES / 1024) + " KiB");
            }
            IOException cause = (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
            throw AcmeFailures.translate("reading its directory", url, new AcmeNetworkException(cause));
        }
        if (response.statusCode() != 200) {
            throw notADirectory(url, "it answered HTTP " + response.statusCode()
                    + ((response.statusCode() / 100 == 3) ? " (a redirect, which is not followed)" : ""));
        }
        JsonNode directory;
        try {
            directory = this.json.readTree(response.body());
        }
        catch (JacksonException ex) {
            throw notADirectory(url, "its answer is not JSON");
        }
        if (directory == null || !directory.isObject() || !directory.has("newNonce") || !directory.has("newAccount")) {
            throw notADirectory(url, "its answer names no newNonce and newAccount resources");
        }
        JsonNode meta = directory.path("meta");
        return new AcmeDirectory(url, text(meta, "termsOfService"), text(meta, "website"),
                meta.path("externalAccountRequired").asBoolean(false));
    }

    private static String text(JsonNode meta, String field) {
        JsonNode value = meta.get(field);
        return (value != null && value.isString()) ? value.asString() : null;
    }

    private static IssuanceException notADirectory(String url, String why) {
        return new IssuanceException(url + " is not an ACME directory: " + why);
    }

    /**
     * Collects a body up to a limit, and gives up beyond it without reading the rest.
     */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        private Flow.Subscription subscription;

        Limited(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return this.result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (this.body.size() + item.remaining() > this.limit) {
                    this.subscription.cancel();
                    this.result.completeExceptionally(new TooLargeException());
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                this.body.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            this.result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            this.result.complete(this.body.toByteArray());
        }

    }

    private static final class TooLargeException extends IOException {

        TooLargeException() {
            super("too large");
        }

    }

}
