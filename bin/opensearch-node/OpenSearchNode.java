import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single OpenSearch node bound to 127.0.0.1, started in this JVM. The distribution's own launcher refuses to run
 * as root (CI does); building the node directly, as OpenSearch's test framework does, works for any user.
 *
 * <p>Arguments: HOME (data and logs go below it), HTTP_PORT (0: any free port, written to HOME/logs/http.ports),
 * and optionally PARENT_PID: the node stops when that process is gone, so a test run that dies leaves no node.
 */
public final class OpenSearchNode {

    /** The constructor that takes classpath plugins is protected. */
    static final class LocalNode extends Node {
        LocalNode(Environment environment) {
            super(environment, List.of(Netty4Plugin.class), true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String httpPort = args[1];
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("logs"));
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "selektor-local")
                .put("node.name", "selektor-local")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", "0")
                .put("node.portsfile", true)
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), home.resolve("config"), () -> "selektor-local");
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName("selektor-local");
        LogConfigurator.configureWithoutConfig(environment.settings());
        Node node = new LocalNode(environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("closing the node: " + e);
            }
            stopped.countDown();
        }));
        node.start();
        System.out.println("OpenSearch node started");
        if (args.length > 2) {
            long parent = Long.parseLong(args[2]);
            Thread watchdog = new Thread(() -> {
                while (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.out.println("The parent process " + parent + " is gone: stopping");
                System.exit(0);
            }, "parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        stopped.await();
    }
}
