package dev.selektor.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * One persistent keep-alive connection with at most one request in flight (no pipelining).
 *
 * <p>Two threads use it. The sender fills in {@link #startNanos} and {@link #measured}, then publishes the request
 * number in the volatile {@link #inFlight}, then writes. The reader (which owns the selector, and alone opens and
 * closes the socket) reads {@link #inFlight} before those fields. Whoever ends a request, the reader with its
 * answer or a failure or the sender when its write fails, first takes it with {@link #finish(long)}, so a request
 * is counted exactly once even when both see the same broken socket.
 */
final class Connection {
    /** No request in flight. */
    static final long NONE = -1;

    private static final AtomicLongFieldUpdater<Connection> IN_FLIGHT =
            AtomicLongFieldUpdater.newUpdater(Connection.class, "inFlight");

    private final InetSocketAddress address;
    /** The buffer requests are written from (by one thread: the sender, or the reader in the closed loop). */
    private final ByteBuffer out;
    /** The reader's parser (only the reader reads). */
    final ResponseParser parser = new ResponseParser();

    private volatile SocketChannel channel;

    /** The number of the request in flight, or {@link #NONE}. */
    volatile long inFlight = NONE;
    /** When the request in flight was due (open loop) or sent (closed loop), System.nanoTime(). */
    long startNanos;
    /** Whether the request in flight counts (it is not a warm-up request). */
    boolean measured;
    /** Closed by the reader and not yet open again: the sender skips it. */
    volatile boolean broken;
    /** When the reader tries connecting again (System.nanoTime()); meaningful while broken. */
    long reconnectAt;

    Connection(InetSocketAddress address, int largestRequest) {
        this.address = address;
        this.out = ByteBuffer.allocateDirect(largestRequest);
    }

    /** Connects (blocking: on loopback a matter of microseconds) and registers for reading with the selector. */
    void open(Selector selector) throws IOException {
        SocketChannel c = SocketChannel.open();
        try {
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            c.connect(address);
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ, this);
        } catch (IOException e) {
            c.close();
            throw e;
        }
        parser.reset();
        channel = c;
        broken = false;
    }

    /** Whether this connection can take a request now: open, and nothing in flight. */
    boolean isFree() {
        return !broken && inFlight == NONE;
    }

    /** The socket now, for {@link #write}; null while closed. */
    SocketChannel channel() {
        return channel;
    }

    boolean hasChannel() {
        return channel != null;
    }

    /** Whether the socket is still the one given (not closed, nor replaced since). */
    boolean hasChannel(SocketChannel c) {
        return c != null && channel == c;
    }

    /**
     * Writes a whole request on the socket taken with {@link #channel()}. A request of a few hundred bytes on a
     * connection with nothing in flight fits into the socket's buffer at once; the wait below is for the
     * exceptional case only.
     */
    void write(SocketChannel c, byte[] request) throws IOException {
        if (c == null) {
            throw new IOException("the connection is closed");
        }
        out.clear();
        out.put(request);
        out.flip();
        while (out.hasRemaining()) {
            if (c.write(out) == 0) {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /** Reads what has arrived; -1 at the end of the stream. Reader only. */
    int read(ByteBuffer in) throws IOException {
        return channel.read(in);
    }

    /** Takes request {@code number} off this connection; false if someone else already did. */
    boolean finish(long number) {
        return number != NONE && IN_FLIGHT.compareAndSet(this, number, NONE);
    }

    /** Reader only: closes the socket; the sender skips the connection until {@link #open} succeeds again. */
    void close() {
        broken = true;
        SocketChannel c = channel;
        channel = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
    }
}
