package dev.selektor.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 answer incrementally from whatever bytes have arrived: status line, headers (Content-Length,
 * Transfer-Encoding: chunked, Connection), and the body, which is skipped except for a short sample of an answer
 * that is not 2xx, so that the report can say what went wrong. One per connection; {@link #reset()} before the
 * next answer.
 */
final class ResponseParser {
    private static final int SAMPLE_LIMIT = 400;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);

    private enum State {
        STATUS,
        HEADERS,
        BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        TO_END_OF_STREAM,
        DONE
    }

    private final byte[] line = new byte[8 * 1024];
    private int lineLength;
    private State state = State.STATUS;
    private int status;
    private boolean chunked;
    private long contentLength;
    private long remaining;
    private boolean closeAfter;
    private StringBuilder sample;

    void reset() {
        state = State.STATUS;
        lineLength = 0;
        status = 0;
        chunked = false;
        contentLength = -1;
        remaining = 0;
        closeAfter = false;
        sample = null;
    }

    /** The status code of the answer read (valid once {@link #feed} returned true). */
    int status() {
        return status;
    }

    /** Whether the server will close the connection after this answer. */
    boolean closeAfter() {
        return closeAfter;
    }

    /** The start of the body when the answer was not 2xx, else null. */
    String sample() {
        return sample == null ? null : sample.toString().replaceAll("\\s+", " ");
    }

    /** Takes the bytes that arrived; true once the whole answer is in. */
    boolean feed(ByteBuffer in) throws IOException {
        while (in.hasRemaining() && state != State.DONE) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int take = (int) Math.min(remaining, in.remaining());
                    keep(in, take);
                    remaining -= take;
                    if (remaining == 0) {
                        state = state == State.BODY ? State.DONE : State.CHUNK_END;
                    }
                }
                case TO_END_OF_STREAM -> keep(in, in.remaining());
                default -> {
                    if (readLine(in)) {
                        onLine();
                        lineLength = 0;
                    }
                }
            }
        }
        return state == State.DONE;
    }

    /** The server closed the connection: true if that ended an answer whose body runs to the end of the stream. */
    boolean endOfStream() {
        if (state == State.TO_END_OF_STREAM) {
            state = State.DONE;
            return true;
        }
        return false;
    }

    /** Whether any byte of an answer has been read since the last reset. */
    boolean started() {
        return state != State.STATUS || lineLength > 0;
    }

    private boolean readLine(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == line.length) {
                throw new IOException("a line of the answer is longer than " + line.length + " bytes");
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private void onLine() throws IOException {
        int n = lineLength;
        switch (state) {
            case STATUS -> {
                if (n < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[8] != ' ') {
                    throw new IOException("not an HTTP status line: "
                            + new String(line, 0, Math.min(n, 100), StandardCharsets.ISO_8859_1));
                }
                status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
                closeAfter = line[5] == '1' && line[7] == '0'; // HTTP/1.0 closes unless it says keep-alive
                chunked = false;
                contentLength = -1;
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (n == 0) {
                    endOfHeaders();
                    return;
                }
                int colon = indexOf((byte) ':', n);
                if (colon < 0) {
                    return;
                }
                if (nameIs(CONTENT_LENGTH, colon)) {
                    contentLength = parseDecimal(colon + 1, n);
                } else if (nameIs(TRANSFER_ENCODING, colon)) {
                    chunked = valueContains(colon + 1, n, "chunked");
                } else if (nameIs(CONNECTION, colon)) {
                    if (valueContains(colon + 1, n, "close")) {
                        closeAfter = true;
                    } else if (valueContains(colon + 1, n, "keep-alive")) {
                        closeAfter = false;
                    }
                }
            }
            case CHUNK_SIZE -> {
                int end = indexOf((byte) ';', n);
                long size = parseHex(end < 0 ? n : end);
                if (size == 0) {
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (n != 0) {
                    throw new IOException("a chunk does not end with CRLF");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (n == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void endOfHeaders() {
        if (status < 200 || status > 299) {
            sample = new StringBuilder().append(status).append(' ');
        }
        if (status >= 100 && status < 200) {
            state = State.STATUS; // an interim answer; the real one follows
            sample = null;
        } else if (status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY;
        } else {
            closeAfter = true;
            state = State.TO_END_OF_STREAM;
        }
    }

    private void keep(ByteBuffer in, int count) {
        if (sample != null && sample.length() < SAMPLE_LIMIT) {
            int take = Math.min(count, SAMPLE_LIMIT - sample.length());
            byte[] bytes = new byte[take];
            in.get(bytes);
            sample.append(new String(bytes, StandardCharsets.UTF_8));
            in.position(in.position() + count - take);
        } else {
            in.position(in.position() + count);
        }
    }

    private boolean nameIs(byte[] lowerName, int colon) {
        if (colon != lowerName.length) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean valueContains(int from, int to, String lowerWord) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1)
                .toLowerCase()
                .contains(lowerWord);
    }

    private int indexOf(byte wanted, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private long parseDecimal(int from, int to) throws IOException {
        long value = 0;
        boolean digits = false;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits = true;
            } else if (b != ' ' && b != '\t') {
                throw new IOException("bad Content-Length");
            }
        }
        if (!digits) {
            throw new IOException("empty Content-Length");
        }
        return value;
    }

    private long parseHex(int to) throws IOException {
        long value = 0;
        boolean digits = false;
        for (int i = 0; i < to; i++) {
            int d = Character.digit(line[i], 16);
            if (d >= 0) {
                value = value * 16 + d;
                digits = true;
            } else if (line[i] != ' ' && line[i] != '\t') {
                throw new IOException("bad chunk size");
            }
        }
        if (!digits) {
            throw new IOException("empty chunk size");
        }
        return value;
    }
}
