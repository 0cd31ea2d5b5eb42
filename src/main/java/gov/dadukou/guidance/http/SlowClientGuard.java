package gov.dadukou.guidance.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Keeps slow or greedy clients from starving everyone else, at the Jetty level:
 * <ul>
 *   <li>request bodies are read without a thread ({@link EagerContentHandler}): a handler runs only once
 *       the whole body (at most the body limit) has arrived, so a client sending a byte every few seconds
 *       holds a connection, never one of the request threads;</li>
 *   <li>a connection idle for {@link #IDLE_TIMEOUT} is closed, and one whose body has not fully arrived
 *       {@link #BODY_DEADLINE} after the request began is closed too, so such connections do not pile up;</li>
 *   <li>one address may hold at most {@code perAddress} open connections (trusted proxies exempt), and the
 *       server as a whole at most {@link #MAX_CONNECTIONS}.</li>
 * </ul>
 * Thread-safe; one per server. With {@code perAddress} 0 it only sets the connectors' idle timeout.
 */
final class SlowClientGuard extends AbstractLifeCycle implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

    /** A keep-alive connection or a stalled body is closed after this long without a byte. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The whole body must have arrived this long after the request line. Jetty's idle timeout alone does
     * not end a stalled body that is being loaded eagerly (the timeout reaches the loader as a transient
     * failure and the loader waits on), so the deadline closes the connection itself.
     */
    static final Duration BODY_DEADLINE = Duration.ofSeconds(10);
    /** Open connections for the whole server; beyond it Jetty stops accepting until some close. */
    static final int MAX_CONNECTIONS = 4096;

    private final Server server;
    private final int perAddress;
    private final Predicate<String> exempt;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Connection, String> counted = new ConcurrentHashMap<>();

    private SlowClientGuard(Server server, int perAddress, Predicate<String> exempt) {
        this.server = server;
        this.perAddress = perAddress;
        this.exempt = exempt;
    }

    /**
     * Installs the guard on a server Javalin has built but not started.
     *
     * @param maxBodyBytes the largest body a handler accepts (larger ones are refused before reading on)
     * @param perAddress   open connections one address may hold; 0 for no per-address cap
     * @param exempt       addresses the per-address cap does not apply to (trusted reverse proxies)
     */
    static void install(Server server, long maxBodyBytes, int perAddress, Predicate<String> exempt) {
        Handler app = server.getHandler();
        server.setHandler(new BodyDeadline(new EagerContentHandler(new Dispatched(app),
                new EagerContentHandler.RetainedContentLoaderFactory(maxBodyBytes, -1, true))));
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        server.addBean(new SlowClientGuard(server, perAddress, exempt));
    }

    /** The per-request idle timeout, on the HTTP configuration of every connector. */
    static void configure(HttpConfiguration http) {
        http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    }

    private static final String DISPATCHED = SlowClientGuard.class.getName() + ".dispatched";

    /** Starts the body deadline for each request that has a body; see {@link #BODY_DEADLINE}. */
    private static final class BodyDeadline extends Handler.Wrapper {
        BodyDeadline(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            long length = request.getLength();
            if (length != 0) { // -1: chunked, so a body may follow
                AtomicBoolean dispatched = new AtomicBoolean();
                request.setAttribute(DISPATCHED, dispatched);
                EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
                Scheduler.Task deadline = getServer().getScheduler().schedule(() -> {
                    if (!dispatched.get()) {
                        LOG.debug("closing a connection whose body did not arrive within {}", BODY_DEADLINE);
                        endPoint.close();
                    }
                }, BODY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                request.addHttpStreamWrapper(stream -> new HttpStream.Wrapper(stream) {
                    @Override
                    public void succeeded() {
                        deadline.cancel();
                        super.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        deadline.cancel();
                        super.failed(x);
                    }
                });
            }
            return super.handle(request, response, callback);
        }
    }

    /** Marks the request as handed to the application: its body is complete, the deadline no longer applies. */
    private static final class Dispatched extends Handler.Wrapper {
        Dispatched(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (request.getAttribute(DISPATCHED) instanceof AtomicBoolean dispatched) {
                dispatched.set(true);
            }
            return super.handle(request, response, callback);
        }
    }

    @Override
    protected void doStart() {
        for (Connector connector : server.getConnectors()) {
            connector.addBean(this);
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            }
        }
    }

    @Override
    public void onOpened(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        if (perAddress <= 0 || address == null || exempt.test(address)) {
            return;
        }
        counted.put(connection, address);
        int now = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (now > perAddress) {
            // Closed before a byte is read; onClosed below counts it back down.
            LOG.debug("closing connection {} from {}: over {} per address", now, address, perAddress);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String address = counted.remove(connection); // the closed end point no longer knows its peer
        if (address == null) {
            return;
        }
        open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private static String address(SocketAddress socket) {
        return socket instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : null;
    }
}
