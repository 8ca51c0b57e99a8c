package dev.selektor.bench.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The floor of the REST benchmark: an HTTP server that does nothing but read each POST and answer it with the same
 * prepared bytes, on the Vert.x/Netty stack the service runs on, with the same number of event loops. Loaded by
 * the same generator at the same rate right after the service, it shows how much of a latency percentile is this
 * machine (its scheduler, the virtual CPUs, the generator sharing them) rather than the service: the service cannot
 * answer faster than a server that does no work. Not a test; {@code bench/rest-benchmark.sh} runs it.
 *
 * <p>{@code HttpFloorServer PORT ANSWER_FILE EVENT_LOOPS}: answers {@code 200} with the file's bytes as
 * {@code application/json} (the script passes a real decision answer, so the bytes on the wire match), on
 * EVENT_LOOPS event loops, one HTTP server verticle on each (the script passes the number the running service has).
 * Prints {@code listening PORT} once it accepts connections; stops when killed.
 */
public final class HttpFloorServer {
    private HttpFloorServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: HttpFloorServer PORT ANSWER_FILE EVENT_LOOPS");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Buffer answer = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
        int eventLoops = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        vertx.deployVerticle(
                        () -> new AbstractVerticle() {
                            @Override
                            public void start(io.vertx.core.Promise<Void> started) {
                                vertx.createHttpServer(new HttpServerOptions()
                                                .setPort(port)
                                                .setHost("127.0.0.1"))
                                        .requestHandler(request -> request.body()
                                                .onComplete(ignored -> request.response()
                                                        .putHeader("Content-Type", "application/json")
                                                        .end(answer)))
                                        .listen()
                                        .<Void>mapEmpty()
                                        .onComplete(started);
                            }
                        },
                        new DeploymentOptions().setInstances(eventLoops))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        System.out.println("listening " + port);
    }
}
