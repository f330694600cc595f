package id.orqestra.cloud.demo.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.orqestra.cloud.platform.json.Json;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Meta's Graph API, speaking its wire format, for the demo and for tests. It
 * serves media (the media-id look-up and the file behind it, both requiring a bearer token, and a CDN
 * path for Instagram-style links), records every request it receives, and misbehaves on request.
 */
public final class MetaSimulator implements AutoCloseable {

    /** One request as the simulator received it. */
    public record ReceivedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A file the simulator serves. */
    public record MediaFile(byte[] bytes, String mimeType) {
    }

    private final HttpServer server;
    private final String graphVersion;
    private final Set<String> acceptedTokens;
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final Map<String, MediaFile> media = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresToServe = new ConcurrentHashMap<>();
    private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();

    private MetaSimulator(HttpServer server, String graphVersion, Set<String> acceptedTokens) {
        this.server = server;
        this.graphVersion = graphVersion;
        this.acceptedTokens = Set.copyOf(acceptedTokens);
    }

    /** Starts on {@code port} (0 for any free port) on the loopback interface. */
    public static MetaSimulator start(int port, String graphVersion, Set<String> acceptedTokens) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            MetaSimulator simulator = new MetaSimulator(server, graphVersion, acceptedTokens);
            server.createContext("/", simulator::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("The Meta simulator could not listen on port " + port, e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    public void clearReceived() {
        received.clear();
    }

    /** Serves these bytes for a media id (otherwise a generated placeholder is served). */
    public void putMedia(String mediaId, byte[] bytes, String mimeType) {
        media.put(mediaId, new MediaFile(bytes, mimeType));
    }

    /** The next {@code times} requests whose path contains {@code pathFragment} get HTTP {@code status}. */
    public void failNext(String pathFragment, int status, int times) {
        failuresToServe.put(pathFragment, new AtomicInteger(times));
        failureStatus.put(pathFragment, status);
    }

    /** The CDN-style address at which a file is served without a token (like Instagram attachment links). */
    public String cdnUrl(String mediaId) {
        return baseUri() + "/cdn/" + mediaId;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            received.add(new ReceivedRequest(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            for (var failure : failuresToServe.entrySet()) {
                if (uri.getPath().contains(failure.getKey()) && failure.getValue().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    int status = failureStatus.get(failure.getKey());
                    sendError(exchange, status, status >= 500 ? 1 : 100, "Simulated failure", status >= 500);
                    return;
                }
            }
            route(exchange, uri.getPath());
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        List<String> parts = new ArrayList<>(List.of(path.substring(1).split("/")));
        if (parts.size() == 2 && parts.get(0).equals("cdn")) {
            sendMedia(exchange, parts.get(1));
            return;
        }
        if (!authorised(exchange)) {
            sendError(exchange, 401, 190, "Invalid OAuth access token - Cannot parse access token", false);
            return;
        }
        if (parts.size() == 2 && parts.get(0).equals("media-files")) {
            sendMedia(exchange, parts.get(1));
            return;
        }
        if (parts.size() == 2 && parts.get(0).equals(graphVersion) && exchange.getRequestMethod().equals("GET")) {
            describeMedia(exchange, parts.get(1));
            return;
        }
        sendError(exchange, 400, 100, "Unsupported request - method type: " + exchange.getRequestMethod(), false);
    }

    private boolean authorised(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") && acceptedTokens.contains(header.substring(7).trim());
    }

    /** GET /{version}/{media-id}: where to fetch the file, as Meta answers it. */
    private void describeMedia(HttpExchange exchange, String mediaId) throws IOException {
        MediaFile file = mediaFor(mediaId);
        ObjectNode answer = Json.mapper().createObjectNode()
                .put("url", baseUri() + "/media-files/" + mediaId)
                .put("mime_type", file.mimeType())
                .put("sha256", sha256(file.bytes()))
                .put("file_size", file.bytes().length)
                .put("id", mediaId)
                .put("messaging_product", "whatsapp");
        send(exchange, 200, "application/json", Json.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    private void sendMedia(HttpExchange exchange, String mediaId) throws IOException {
        MediaFile file = mediaFor(mediaId);
        send(exchange, 200, file.mimeType(), file.bytes());
    }

    private MediaFile mediaFor(String mediaId) {
        return media.computeIfAbsent(mediaId, id -> new MediaFile(placeholderImage(id), "image/png"));
    }

    private void sendError(HttpExchange exchange, int status, int code, String message, boolean transientError)
            throws IOException {
        ObjectNode error = Json.mapper().createObjectNode();
        error.putObject("error")
                .put("message", message)
                .put("type", "OAuthException")
                .put("code", code)
                .put("is_transient", transientError)
                .put("fbtrace_id", "Asimulated" + System.nanoTime());
        send(exchange, status, "application/json", Json.write(error).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** A small, pleasant picture standing in for a customer's photo. */
    static byte[] placeholderImage(String seed) {
        int hue = Math.floorMod(seed.hashCode(), 360);
        BufferedImage image = new BufferedImage(480, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue / 360f, 0.45f, 0.85f),
                480, 360, Color.getHSBColor(((hue + 40) % 360) / 360f, 0.55f, 0.55f)));
        g.fillRect(0, 0, 480, 360);
        g.setColor(new Color(255, 255, 255, 70));
        g.fillOval(150, 90, 180, 180);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString("Customer photo", 160, 190);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
