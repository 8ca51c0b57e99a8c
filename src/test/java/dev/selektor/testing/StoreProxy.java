package dev.selektor.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP proxy on 127.0.0.1 in front of a DynamoDB-compatible server. It passes requests on byte for byte (the
 * signature covers the Host header, which stays the proxy's), except that while told to it answers a share of the
 * writes itself with DynamoDB's own throttling error, as DynamoDB does when a table's capacity is exceeded. One
 * upstream connection per request keeps it simple; while the server is down, the client's connection is closed.
 */
public final class StoreProxy implements AutoCloseable {
    private static final String THROTTLED_BODY =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded."
                    + " Consider increasing your provisioning level with the UpdateTable API.\"}";
    private static final int END_OF_HEAD = 0x0D0A0D0A;
    private static final String[] WRITES = {".BatchWriteItem", ".TransactWriteItems", ".PutItem", ".UpdateItem"};

    private final URI upstream;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile double throttledShare;
    private final AtomicLong throttled = new AtomicLong();

    public StoreProxy(URI upstream) {
        this.upstream = upstream;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.execute(this::accept);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** From now on answers this share of the writes (0 to 1) with a throttling error. */
    public void throttleWrites(double share) {
        throttledShare = share;
    }

    /** How many writes it answered with a throttling error so far. */
    public long throttled() {
        return throttled.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            byte[] request;
            while ((request = readRequest(in)) != null) {
                if (isWrite(request) && ThreadLocalRandom.current().nextDouble() < throttledShare) {
                    throttled.incrementAndGet();
                    out.write(throttledAnswer());
                } else {
                    out.write(forward(request));
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went, or the server is down: the client sees its connection closed
        }
    }

    /** Sends the request with "Connection: close" and returns the whole answer, read to its end. */
    private byte[] forward(byte[] request) throws IOException {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        StringBuilder head = new StringBuilder();
        for (String line : text.substring(0, headEnd).split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                head.append(line).append("\r\n");
            }
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(upstream.getHost(), upstream.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request, headEnd + 4, request.length - headEnd - 4);
            out.flush();
            return socket.getInputStream().readAllBytes();
        }
    }

    private static boolean isWrite(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
            String header = line.toLowerCase(Locale.ROOT);
            if (header.startsWith("x-amz-target:")) {
                return Arrays.stream(WRITES).anyMatch(w -> header.trim().endsWith(w.toLowerCase(Locale.ROOT)));
            }
        }
        return false;
    }

    private static byte[] throttledAnswer() {
        byte[] body = THROTTLED_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 400 Bad Request\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "x-amzn-RequestId: throttled-by-test-proxy\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        answer.writeBytes(body);
        return answer.toByteArray();
    }

    /** One request, head and body (by its Content-Length), or null at the end of the connection. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        int b;
        while (lastFour != END_OF_HEAD && (b = in.read()) >= 0) {
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        if (lastFour != END_OF_HEAD) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        head.writeBytes(in.readNBytes(length));
        return head.toByteArray();
    }
}
