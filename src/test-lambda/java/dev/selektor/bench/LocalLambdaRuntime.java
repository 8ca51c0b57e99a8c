package dev.selektor.bench;

import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;

/**
 * A local stand-in for the Lambda runtime API and API Gateway, for timing the function's cold start: plain HTTP
 * requests become API Gateway (HTTP API) events that a function started with
 * {@code AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>/_lambda_} takes and answers. Quarkus' own test event server; used
 * by bench/startup-to-first-decision.sh --lambda, never by the tests.
 */
public final class LocalLambdaRuntime {
    private LocalLambdaRuntime() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        MockHttpEventServer server = new MockHttpEventServer();
        server.start(port);
        System.out.println("Local Lambda runtime API on 127.0.0.1:" + port + "/_lambda_");
        Thread.currentThread().join();
    }
}
