package gov.dadukou.guidance.http;

import gov.dadukou.guidance.AppConfig;
import gov.dadukou.guidance.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that send their request bodies a byte at a time, or open many connections, cannot take the
 * service away from everyone else.
 */
class SlowClientsTest {
    @TempDir
    Path data;

    private TestServer server(int connectionsPerAddress) {
        return new TestServer(AppConfig.forDirs(data, TestServer.SHIPPED_KB).withDense(false)
                .withLimits(new AppConfig.Limits(0, 0, List.of(), connectionsPerAddress)), Clock.systemUTC());
    }

    private static Socket slowChat(TestServer s) throws IOException {
        URI base = URI.create(s.base());
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/chat HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static HttpResponse<String> within(HttpRequest.Builder request, Duration limit) throws Exception {
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(limit).build();
        return fresh.send(request.timeout(limit).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void threeHundredTricklingBodiesLeaveHealthAndQuestionsAnsweringWithinASecond() throws Exception {
        try (TestServer s = server(0)) {
            s.chat("营业执照要挂出来吗", null); // warm: the first request of a JVM loads classes for seconds
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    slow.add(slowChat(s));
                }
                Thread.sleep(500);
                for (int round = 0; round < 2; round++) {
                    HttpResponse<String> health = within(HttpRequest.newBuilder(URI.create(s.base() + "/health")), Duration.ofSeconds(1));
                    assertEquals(200, health.statusCode());
                    HttpResponse<String> chat = within(HttpRequest.newBuilder(URI.create(s.base() + "/api/chat"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"营业执照要挂出来吗\"}")), Duration.ofSeconds(1));
                    assertEquals(200, chat.statusCode(), chat.body());
                    for (Socket socket : slow) {
                        socket.getOutputStream().write(' '); // one more byte each, as a slow attacker would
                    }
                }
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aBodyThatStallsIsCutOffInsteadOfHoldingTheConnectionForever() throws Exception {
        try (TestServer s = server(0); Socket socket = slowChat(s)) {
            socket.setSoTimeout((int) SlowClientGuard.BODY_DEADLINE.plusSeconds(5).toMillis());
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            byte[] buffer = new byte[64];
            int n = in.read(buffer); // the server answers (408/400) or closes; either ends the wait
            byte[] answer = n < 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(SlowClientGuard.BODY_DEADLINE.plusSeconds(5)) < 0);
            String head = new String(answer, StandardCharsets.US_ASCII);
            assertTrue(head.isEmpty() || head.startsWith("HTTP/1.1 4"), head);
        }
    }

    @Test
    void clientsThatHangUpMidBodyAreNotServerErrorsAndCostOneLogLineAtMost() throws Exception {
        try (TestServer s = server(0)) {
            s.chat("营业执照要挂出来吗", null);
            java.io.PrintStream original = System.err;
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                for (int i = 0; i < 20; i++) {
                    slowChat(s).close();
                }
                Thread.sleep(1500);
                assertEquals(200, s.get("/health").status());
            } finally {
                System.setErr(original);
            }
            String written = log.toString(StandardCharsets.UTF_8);
            assertTrue(!written.contains("ERROR") && !written.contains("\tat "), written);
            assertTrue(written.lines().filter(l -> l.contains("WARN")).count() <= 1, written);
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
        try (TestServer s = server(5)) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(slowChat(s));
                }
                Thread.sleep(300);
                try (Socket extra = slowChat(s)) {
                    extra.setSoTimeout(3000);
                    try {
                        assertEquals(-1, extra.getInputStream().read(), "the sixth connection is closed unanswered");
                    } catch (java.net.SocketException reset) {
                        // closed by the server before it read the request: a reset is as good as a close
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError("the sixth connection was kept open", e);
                    }
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            Thread.sleep(300);
            assertEquals(200, within(HttpRequest.newBuilder(URI.create(s.base() + "/health")), Duration.ofSeconds(2)).statusCode(),
                    "once they close, the address may connect again");
        }
    }
}
