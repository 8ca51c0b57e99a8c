package dev.selektor.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A cold start of the function as the Lambda Java runtime makes one: a fresh JVM loads the handler named in the SAM
 * template, which boots the application, and hands it one API Gateway (HTTP API) event, a decision request. Prints
 * the milliseconds from the JVM's start to the answer. Run by bench/startup-to-first-decision.sh --lambda with the
 * function's jar on the class path; never by the tests. No SnapStart here: that is what SnapStart would save.
 */
public final class LambdaColdStart {
    private LambdaColdStart() {}

    public static void main(String[] args) throws Exception {
        String body = args[0];
        String auth =
                "Basic " + Base64.getEncoder().encodeToString("checkout:checkout".getBytes(StandardCharsets.UTF_8));
        String event = """
                {"version": "2.0", "routeKey": "$default", "rawPath": "/campaigns/black-week-tech/decisions", "rawQueryString": "",
                 "headers": {"content-type": "application/json", "content-length": "%d", "authorization": "%s"},
                 "requestContext": {"http": {"method": "POST", "path": "/campaigns/black-week-tech/decisions",
                                             "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7"},
                                    "requestId": "cold-start", "stage": "$default"},
                 "body": %s, "isBase64Encoded": false}
                """.formatted(body.getBytes(StandardCharsets.UTF_8).length, auth, quoted(body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new QuarkusStreamHandler()
                .handleRequest(
                        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new LocalContext());
        long elapsed = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        String answer = out.toString(StandardCharsets.UTF_8);
        boolean ok = answer.contains("\"statusCode\":200");
        System.out.println("cold-start-ms=" + elapsed + " ok=" + ok);
        if (!ok) {
            System.out.println("answer: " + answer);
        }
        System.exit(ok ? 0 : 1);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** What the runtime passes besides the event; the application reads none of it. */
    private static final class LocalContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "cold-start";
        }

        @Override
        public String getLogGroupName() {
            return "local";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "selektor-api";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:local:000000000000:function:selektor-api";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 2048;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
