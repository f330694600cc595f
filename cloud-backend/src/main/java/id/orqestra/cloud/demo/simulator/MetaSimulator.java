package id.orqestra.cloud.demo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.orqestra.cloud.demo.DemoReplay;
import id.orqestra.cloud.demo.SampleLibrary;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.model.inbox.Platform;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A local stand-in for Meta, for the demo and for tests. It speaks the Graph API subset Orqestra uses
 * — WhatsApp sends, media upload and download, template lists; Instagram messages, reactions, private
 * and public comment replies, hiding and deleting comments — validating bodies the way Meta does
 * (a missing field is error 100, a template that does not match is 132000/132001/132012), and answers
 * with Meta's shapes. For every accepted message it sends signed status webhooks back to the backend
 * (sent → delivered → read, or failed), and it replays sample payloads as inbound traffic. It records
 * every request, counts sends per second per phone number, and misbehaves on request: errors with any
 * code or HTTP status, answers that never come in time, duplicate and reordered webhooks, expired tokens.
 */
public final class MetaSimulator implements AutoCloseable {

    /** One request as the simulator received it. */
    public record ReceivedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                                  Instant at) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON (null when it is not JSON). */
        public JsonNode json() {
            try {
                return body.length == 0 ? null : Json.mapper().readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        public String bearerToken() {
            List<String> values = headers.getOrDefault("Authorization", List.of());
            return values.isEmpty() ? null : values.getFirst().replaceFirst("^Bearer ", "");
        }
    }

    /** A message the simulator accepted, as Meta would have sent it on. */
    public record AcceptedMessage(Platform platform, String accountId, String providerId, String to, JsonNode body) {
    }

    /** A file the simulator serves. */
    public record MediaFile(byte[] bytes, String mimeType) {
    }

    private record WhatsAppNumber(String phoneNumberId, String wabaId, String displayNumber) {
    }

    private record Failure(int httpStatus, int code, AtomicInteger remaining) {
    }

    private record Stall(Duration delay, AtomicInteger remaining) {
    }

    private final HttpServer server;
    private final String graphVersion;
    private final Set<String> acceptedTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final List<AcceptedMessage> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, MediaFile> media = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
    private final Map<String, WhatsAppNumber> numbers = new ConcurrentHashMap<>();
    private final Set<String> instagramAccounts = ConcurrentHashMap.newKeySet();
    private final Set<String> privateReplies = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedComments = ConcurrentHashMap.newKeySet();
    private final Map<String, ConcurrentLinkedQueue<Long>> sendTimes = new ConcurrentHashMap<>();
    private final SimulatedTemplates templates = new SimulatedTemplates();
    private final StatusWebhooks webhooks = new StatusWebhooks();
    private final AtomicLong sequence = new AtomicLong();
    /**
     * Differs on every start and goes into every id the simulator hands out, so ids never repeat across
     * restarts, as Meta's do not: a restarted demo keeps its database, which holds the earlier ids.
     */
    private final long run = 1 + new SecureRandom().nextLong(999_999_999L);
    private final AtomicReference<String> forcedNextId = new AtomicReference<>();

    private MetaSimulator(HttpServer server, String graphVersion, Set<String> tokens) {
        this.server = server;
        this.graphVersion = graphVersion;
        this.acceptedTokens.addAll(tokens);
    }

    /** Starts on {@code port} (0 for any free port) on the loopback interface, accepting these tokens. */
    public static MetaSimulator start(int port, String graphVersion, Set<String> acceptedTokens) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
            MetaSimulator simulator = new MetaSimulator(server, graphVersion, acceptedTokens);
            server.createContext("/", simulator::handle);
            // platform threads, scheduled by the operating system: arrival times stay true even when the
            // backend in the same test JVM keeps the virtual-thread carriers busy
            server.setExecutor(Executors.newFixedThreadPool(32, r -> {
                Thread t = new Thread(r, "meta-simulator-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("The Meta simulator could not listen on port " + port, e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- accounts, templates, tokens ----

    /** A WhatsApp number the simulator sends from, with its business account. */
    public MetaSimulator addWhatsAppNumber(String phoneNumberId, String wabaId, String displayNumber) {
        numbers.put(phoneNumberId, new WhatsAppNumber(phoneNumberId, wabaId, displayNumber == null ? "15550000000" : displayNumber));
        return this;
    }

    public MetaSimulator addInstagramAccount(String accountId) {
        instagramAccounts.add(accountId);
        return this;
    }

    public MetaSimulator acceptToken(String token) {
        acceptedTokens.add(token);
        return this;
    }

    /** From now on this token is refused as expired (error 190), as after a password change or a revoked app. */
    public void expireToken(String token) {
        expiredTokens.add(token);
    }

    /** Adds a template in Meta's format (name, language, status, category, components…) to a business account. */
    public ObjectNode putTemplate(String wabaId, JsonNode template) {
        return templates.put(wabaId, template);
    }

    /** Adds every template of a JSON object {"<waba id>": [templates…]} (the demo's samples). */
    public void putTemplates(JsonNode byAccount) {
        byAccount.properties().forEach(account -> account.getValue().forEach(t -> templates.put(account.getKey(), t)));
    }

    public int templateCount(String wabaId) {
        return templates.count(wabaId);
    }

    // ---- webhooks back to the backend ----

    /** Where status webhooks (and replayed samples) go: the backend's base URL, signed with its app secrets. */
    public void deliverWebhooksTo(URI backendBase, Function<Platform, byte[]> appSecrets) {
        webhooks.deliverTo(new DemoReplay(backendBase.toString().endsWith("/") ? backendBase : URI.create(backendBase + "/"),
                appSecrets));
    }

    public void statusWebhooks(boolean enabled) {
        webhooks.enabled = enabled;
    }

    /** How long after accepting a message each status is sent. */
    public void statusDelays(Duration sent, Duration delivered, Duration read) {
        webhooks.sentAfter = sent;
        webhooks.deliveredAfter = delivered;
        webhooks.readAfter = read;
    }

    /** This fraction of accepted WhatsApp messages ends failed with {@code code} instead of delivered. */
    public void failDeliveries(double fraction, int code) {
        webhooks.failureRate = fraction;
        webhooks.failureCode = code;
    }

    /** The next {@code count} accepted WhatsApp messages end failed with {@code code}. */
    public void failNextDeliveries(int count, int code) {
        webhooks.failNext(count, code);
    }

    public void duplicateStatusWebhooks(boolean duplicate) {
        webhooks.duplicate = duplicate;
    }

    public void reorderStatusWebhooks(boolean reorder) {
        webhooks.reorder = reorder;
    }

    public int webhooksPosted() {
        return webhooks.posted();
    }

    /** Posts sample payloads to the backend as Meta would, timestamps moved so the latest is {@code now}. */
    public List<DemoReplay.Delivery> replayInbound(List<SampleLibrary.Sample> samples, Duration interval, Instant now)
            throws IOException, InterruptedException {
        DemoReplay replay = webhooks.target();
        if (replay == null) {
            throw new IllegalStateException("Tell the simulator where the backend is first (deliverWebhooksTo)");
        }
        return replay.replay(samples, interval, now);
    }

    // ---- recording and misbehaviour ----

    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    /** Requests whose path ends with {@code suffix} (e.g. "/messages"). */
    public List<ReceivedRequest> received(String method, String pathSuffix) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).toList();
    }

    public List<AcceptedMessage> accepted() {
        return List.copyOf(accepted);
    }

    public void clearReceived() {
        received.clear();
        accepted.clear();
        sendTimes.clear();
    }

    /** The most sends to one number counted in any one calendar second. */
    public int maxPerSecond(String accountId) {
        Map<Long, Integer> perSecond = new LinkedHashMap<>();
        for (long at : sendTimes.getOrDefault(accountId, new ConcurrentLinkedQueue<>())) {
            perSecond.merge(at / 1_000_000_000L, 1, Integer::sum);
        }
        return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Arrival times (epoch nanoseconds) of the sends to one number. */
    public List<Long> sendTimes(String accountId) {
        return List.copyOf(sendTimes.getOrDefault(accountId, new ConcurrentLinkedQueue<>()));
    }

    /** Serves these bytes for a media id (otherwise a generated placeholder is served). */
    public void putMedia(String mediaId, byte[] bytes, String mimeType) {
        media.put(mediaId, new MediaFile(bytes, mimeType));
    }

    /** The next {@code times} requests whose path contains {@code pathFragment} get HTTP {@code status}. */
    public void failNext(String pathFragment, int status, int times) {
        failNext(pathFragment, status, status >= 500 ? 1 : 100, times);
    }

    /** The next {@code times} requests whose path contains {@code pathFragment} get Meta's error {@code code}. */
    public void failNext(String pathFragment, int httpStatus, int code, int times) {
        failures.put(pathFragment, new Failure(httpStatus, code, new AtomicInteger(times)));
    }

    /**
     * The next {@code times} requests whose path contains {@code pathFragment} are carried out (the
     * message is accepted and its webhooks follow) but answered only after {@code delay} — longer than
     * the client waits, as when a connection drops after the request arrived.
     */
    public void stallNext(String pathFragment, Duration delay, int times) {
        stalls.put(pathFragment, new Stall(delay, new AtomicInteger(times)));
    }

    /**
     * The next accepted message (WhatsApp or Instagram) is answered with this id instead of a new one —
     * something Meta never does — to test what the backend does with an id another message already holds.
     */
    public void answerNextSendWithId(String providerId) {
        forcedNextId.set(providerId);
    }

    /** The CDN-style address at which a file is served without a token (like Instagram attachment links). */
    public String cdnUrl(String mediaId) {
        return baseUri() + "/cdn/" + mediaId;
    }

    // ---- serving ----

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = Instant.now().getEpochSecond() * 1_000_000_000L + Instant.now().getNano();
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/messages")) {
                String[] parts = path.substring(1).split("/");
                if (parts.length == 3) {
                    sendTimes.computeIfAbsent(parts[1], k -> new ConcurrentLinkedQueue<>()).add(arrived);
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new ReceivedRequest(exchange.getRequestMethod(), path, uri.getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
            for (var failure : failures.entrySet()) {
                if (path.contains(failure.getKey())
                        && failure.getValue().remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    Failure f = failure.getValue();
                    send(exchange, GraphErrors.withStatus(f.httpStatus(), f.code(), null));
                    return;
                }
            }
            Duration stall = null;
            for (var entry : stalls.entrySet()) {
                if (path.contains(entry.getKey()) && entry.getValue().remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    stall = entry.getValue().delay();
                }
            }
            Answer answer = route(exchange.getRequestMethod(), path, uri.getRawQuery(), exchange, body);
            if (stall != null) {
                try {
                    Thread.sleep(stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(exchange, answer.status(), answer.contentType(), answer.body());
        }
    }

    private record Answer(int status, String contentType, byte[] body) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
        }

        static Answer error(GraphErrors.GraphError error) {
            return json(error.httpStatus(), error.body());
        }
    }

    private Answer route(String method, String path, String query, HttpExchange exchange, byte[] body) {
        List<String> parts = new ArrayList<>(List.of(path.substring(1).split("/")));
        if (parts.size() == 2 && parts.get(0).equals("cdn")) {
            MediaFile file = mediaFor(parts.get(1));
            return new Answer(200, file.mimeType(), file.bytes());
        }
        String token = bearer(exchange);
        if (token == null || !acceptedTokens.contains(token)) {
            return Answer.error(GraphErrors.build(401, 190, null, "Invalid OAuth access token - Cannot parse access token",
                    null, false));
        }
        if (expiredTokens.contains(token)) {
            return Answer.error(GraphErrors.build(401, 190, 463, "Error validating access token: Session has expired on "
                    + "Tuesday, 01-Dec-26 10:00:00 PST.", null, false));
        }
        if (parts.size() == 2 && parts.get(0).equals("media-files")) {
            MediaFile file = mediaFor(parts.get(1));
            return new Answer(200, file.mimeType(), file.bytes());
        }
        if (parts.isEmpty() || !parts.get(0).equals(graphVersion)) {
            return Answer.error(GraphErrors.invalidParameter("Unknown path components: " + path));
        }
        Map<String, String> params = query(query);
        String id = parts.size() > 1 ? parts.get(1) : "";
        String edge = parts.size() > 2 ? parts.get(2) : null;
        if (edge == null) {
            return switch (method) {
                case "GET" -> describeMedia(id);
                case "POST" -> params.containsKey("hide") ? moderate(id, "hide") : unsupported(method, id);
                case "DELETE" -> moderate(id, "delete");
                default -> unsupported(method, id);
            };
        }
        return switch (method + " " + edge) {
            case "POST messages" -> numbers.containsKey(id) ? whatsAppSend(numbers.get(id), body)
                    : instagramAccounts.contains(id) ? instagramSend(id, body) : unknownObject(id);
            case "POST media" -> numbers.containsKey(id) ? uploadMedia(exchange, body) : unknownObject(id);
            case "GET message_templates" -> templatePage(id, params, path);
            case "POST replies" -> commentReply(id, params, body);
            default -> unsupported(method, id + "/" + edge);
        };
    }

    private Answer unsupported(String method, String what) {
        return Answer.error(GraphErrors.build(400, 100, 33, "Unsupported " + method.toLowerCase() + " request. Object with ID '"
                + what + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation",
                null, false));
    }

    private Answer unknownObject(String id) {
        return unsupported("post", id);
    }

    // ---- WhatsApp ----

    private Answer whatsAppSend(WhatsAppNumber number, byte[] raw) {
        JsonNode body = parse(raw);
        if (body == null || !body.isObject()) {
            return Answer.error(GraphErrors.invalidParameter("The request body is not JSON"));
        }
        if (!"whatsapp".equals(body.path("messaging_product").asText(null))) {
            return Answer.error(GraphErrors.invalidParameter("The parameter messaging_product is required."));
        }
        if (body.has("status")) {
            if (!"read".equals(body.path("status").asText()) || !body.hasNonNull("message_id")) {
                return Answer.error(GraphErrors.invalidParameter("status must be read, with message_id"));
            }
            return Answer.json(200, Json.mapper().createObjectNode().put("success", true));
        }
        String to = body.path("to").asText(null);
        if (to == null || to.isBlank()) {
            return Answer.error(GraphErrors.invalidParameter("The parameter to is required."));
        }
        String type = body.path("type").asText("text");
        Optional<GraphErrors.GraphError> invalid = switch (type) {
            case "text" -> require(!body.path("text").path("body").asText("").isBlank(), "The parameter text['body'] is required.")
                    .or(() -> require(body.path("text").path("body").asText("").length() <= 4096,
                            "Param text['body'] must be at most 4096 characters long."));
            case "image", "audio", "video", "document", "sticker" -> checkMedia(type, body.path(type));
            case "template" -> templates.check(number.wabaId(), body.path("template"));
            case "interactive" -> checkInteractive(body.path("interactive"));
            case "reaction" -> require(body.path("reaction").hasNonNull("message_id"),
                    "The parameter reaction['message_id'] is required.")
                    .or(() -> require(body.path("reaction").has("emoji"), "The parameter reaction['emoji'] is required."));
            case "location", "contacts" -> Optional.empty();
            default -> Optional.of(GraphErrors.invalidParameter("Param type must be one of {AUDIO, CONTACTS, DOCUMENT, "
                    + "IMAGE, INTERACTIVE, LOCATION, REACTION, STICKER, TEMPLATE, TEXT, VIDEO} - got \"" + type + "\"."));
        };
        if (invalid.isPresent()) {
            return Answer.error(invalid.get());
        }
        // shaped like Meta's: the sender, the recipient and an upper-case hex id, base64 behind "HBgL"
        String wamid = takeForcedId().orElseGet(() -> "wamid.HBgL" + Base64.getEncoder().withoutPadding().encodeToString(
                (number.phoneNumberId() + ":" + to + ":" + "%08X%010X".formatted(run, sequence.incrementAndGet()))
                        .getBytes(StandardCharsets.UTF_8)));
        accepted.add(new AcceptedMessage(Platform.WHATSAPP, number.phoneNumberId(), wamid, to, body));
        if (!"reaction".equals(type)) {
            webhooks.whatsAppAccepted(number.wabaId(), number.phoneNumberId(), number.displayNumber(), wamid, to,
                    body.path("biz_opaque_callback_data").asText(null), "template".equals(type));
        }
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", to).put("wa_id", to);
        ObjectNode message = answer.putArray("messages").addObject().put("id", wamid);
        if ("template".equals(type)) {
            message.put("message_status", "accepted");
        }
        return Answer.json(200, answer);
    }

    private Optional<GraphErrors.GraphError> checkMedia(String type, JsonNode media) {
        boolean hasId = media.hasNonNull("id");
        boolean hasLink = media.hasNonNull("link");
        if (hasId == hasLink) {
            return Optional.of(GraphErrors.invalidParameter("Param " + type + " must have exactly one of id or link."));
        }
        if (hasId && !this.media.containsKey(media.get("id").asText())) {
            return Optional.of(GraphErrors.invalidParameter("Invalid parameter: " + type + "['id'] is not a media id of "
                    + "this number."));
        }
        if (media.has("caption") && ("audio".equals(type) || "sticker".equals(type))) {
            return Optional.of(GraphErrors.invalidParameter("Param " + type + "['caption'] is not allowed."));
        }
        return Optional.empty();
    }

    private static Optional<GraphErrors.GraphError> checkInteractive(JsonNode interactive) {
        String type = interactive.path("type").asText("");
        if (interactive.path("body").path("text").asText("").isBlank()) {
            return Optional.of(GraphErrors.invalidParameter("The parameter interactive['body']['text'] is required."));
        }
        JsonNode action = interactive.path("action");
        if (type.equals("button")) {
            int buttons = action.path("buttons").size();
            if (buttons < 1 || buttons > 3) {
                return Optional.of(GraphErrors.invalidParameter("Param interactive['action']['buttons'] must have 1 to 3 items."));
            }
            for (JsonNode button : action.path("buttons")) {
                if (!"reply".equals(button.path("type").asText()) || button.path("reply").path("title").asText("").isBlank()
                        || button.path("reply").path("title").asText("").length() > 20) {
                    return Optional.of(GraphErrors.invalidParameter("Each button needs type reply and a title of 1 to 20 characters."));
                }
            }
            return Optional.empty();
        }
        if (type.equals("list")) {
            if (action.path("button").asText("").isBlank() || action.path("sections").isEmpty()) {
                return Optional.of(GraphErrors.invalidParameter("The parameters interactive['action']['button'] and "
                        + "['sections'] are required."));
            }
            int rows = 0;
            for (JsonNode section : action.path("sections")) {
                rows += section.path("rows").size();
            }
            return rows < 1 || rows > 10 ? Optional.of(GraphErrors.invalidParameter("A list has 1 to 10 rows.")) : Optional.empty();
        }
        return Optional.of(GraphErrors.invalidParameter("Param interactive['type'] must be one of {BUTTON, LIST, ...}."));
    }

    private Answer uploadMedia(HttpExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, Part> parts = Multipart.parse(contentType, body);
        Part product = parts.get("messaging_product");
        Part file = parts.get("file");
        if (product == null || !"whatsapp".equals(product.text())) {
            return Answer.error(GraphErrors.invalidParameter("The parameter messaging_product is required."));
        }
        if (file == null || file.bytes().length == 0) {
            return Answer.error(GraphErrors.invalidParameter("The parameter file is required."));
        }
        Part type = parts.get("type");
        String mediaId = Long.toString(1_000_000_000_000_000L + uniqueNumber());
        media.put(mediaId, new MediaFile(file.bytes(), type != null ? type.text() : file.contentType()));
        return Answer.json(200, Json.mapper().createObjectNode().put("id", mediaId));
    }

    /** One field of a multipart form. */
    record Part(String contentType, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** GET /{version}/{media-id}: where to fetch the file, as Meta answers it. */
    private Answer describeMedia(String mediaId) {
        MediaFile file = mediaFor(mediaId);
        ObjectNode answer = Json.mapper().createObjectNode()
                .put("url", baseUri() + "/media-files/" + mediaId)
                .put("mime_type", file.mimeType())
                .put("sha256", sha256(file.bytes()))
                .put("file_size", file.bytes().length)
                .put("id", mediaId)
                .put("messaging_product", "whatsapp");
        return Answer.json(200, answer);
    }

    private Answer templatePage(String wabaId, Map<String, String> params, String path) {
        boolean known = numbers.values().stream().anyMatch(n -> n.wabaId().equals(wabaId)) || templates.knows(wabaId);
        if (!known) {
            return unsupported("get", wabaId + "/message_templates");
        }
        int limit = parseInt(params.get("limit"), 25);
        String next = baseUri() + path + "?limit=" + limit
                + (params.containsKey("fields") ? "&fields=" + params.get("fields") : "");
        return Answer.json(200, templates.page(wabaId, limit, params.get("after"), next));
    }

    // ---- Instagram ----

    private Answer instagramSend(String accountId, byte[] raw) {
        JsonNode body = parse(raw);
        if (body == null || !body.isObject()) {
            return Answer.error(GraphErrors.invalidParameter("The request body is not JSON"));
        }
        JsonNode recipient = body.path("recipient");
        String recipientId = recipient.path("id").asText(null);
        String commentId = recipient.path("comment_id").asText(null);
        if (recipientId == null && commentId == null) {
            return Answer.error(GraphErrors.invalidParameter("The parameter recipient is required."));
        }
        if (body.hasNonNull("sender_action")) {
            String action = body.get("sender_action").asText();
            if ((action.equals("react") || action.equals("unreact")) && !body.path("payload").hasNonNull("message_id")) {
                return Answer.error(GraphErrors.invalidParameter("The parameter payload['message_id'] is required."));
            }
            if (action.equals("react") && !"love".equals(body.path("payload").path("reaction").asText())) {
                return Answer.error(GraphErrors.invalidParameter("Param payload['reaction'] must be one of {love}."));
            }
            if (!List.of("react", "unreact", "mark_seen", "typing_on", "typing_off").contains(action)) {
                return Answer.error(GraphErrors.invalidParameter("Param sender_action is not valid."));
            }
            return Answer.json(200, Json.mapper().createObjectNode().put("recipient_id", recipientId));
        }
        JsonNode message = body.path("message");
        boolean text = !message.path("text").asText("").isBlank();
        JsonNode attachment = message.path("attachment");
        boolean hasAttachment = attachment.isObject();
        if (!text && !hasAttachment) {
            return Answer.error(GraphErrors.invalidParameter("Param message must be non-empty."));
        }
        if (hasAttachment && (!List.of("image", "video", "audio", "file").contains(attachment.path("type").asText())
                || !attachment.path("payload").hasNonNull("url"))) {
            return Answer.error(GraphErrors.invalidParameter("Param message['attachment'] needs a type and payload['url']."));
        }
        if (text && message.path("text").asText().getBytes(StandardCharsets.UTF_8).length > 1000) {
            return Answer.error(GraphErrors.invalidParameter("Param message['text'] must be at most 1000 bytes."));
        }
        if (body.hasNonNull("tag") && !"HUMAN_AGENT".equals(body.get("tag").asText())) {
            return Answer.error(GraphErrors.invalidParameter("Param tag must be HUMAN_AGENT."));
        }
        if (commentId != null && !privateReplies.add(commentId)) {
            return Answer.error(GraphErrors.build(400, 10, 2534023, "A private reply was already sent for this comment.",
                    null, false));
        }
        String mid = takeForcedId().orElseGet(() -> "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj" + Base64.getEncoder()
                .withoutPadding().encodeToString((accountId + ":" + uniqueNumber()).getBytes(StandardCharsets.UTF_8)));
        accepted.add(new AcceptedMessage(Platform.INSTAGRAM, accountId, mid, recipientId != null ? recipientId : commentId,
                body));
        webhooks.instagramAccepted(accountId, recipientId, mid, message.isObject() ? (ObjectNode) message : null);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("recipient_id", recipientId != null ? recipientId : commentId);
        answer.put("message_id", mid);
        return Answer.json(200, answer);
    }

    private Answer commentReply(String commentId, Map<String, String> params, byte[] raw) {
        String message = params.get("message");
        if (message == null) {
            JsonNode body = parse(raw);
            message = body == null ? null : body.path("message").asText(null);
        }
        if (message == null || message.isBlank()) {
            return Answer.error(GraphErrors.invalidParameter("The parameter message is required."));
        }
        if (deletedComments.contains(commentId)) {
            return unsupported("post", commentId + "/replies");
        }
        String id = Long.toString(18_000_000_000_000_000L + uniqueNumber());
        accepted.add(new AcceptedMessage(Platform.INSTAGRAM, commentId, id, commentId,
                Json.mapper().createObjectNode().put("message", message)));
        return Answer.json(200, Json.mapper().createObjectNode().put("id", id));
    }

    private Answer moderate(String commentId, String action) {
        if (deletedComments.contains(commentId)) {
            return unsupported(action.equals("delete") ? "delete" : "post", commentId);
        }
        if (action.equals("delete")) {
            deletedComments.add(commentId);
        }
        return Answer.json(200, Json.mapper().createObjectNode().put("success", true));
    }

    // ---- plumbing ----

    /** A number no other start of the simulator hands out: this start's run in the high digits, a count below. */
    private long uniqueNumber() {
        return run * 1_000_000L + sequence.incrementAndGet();
    }

    private Optional<String> takeForcedId() {
        return Optional.ofNullable(forcedNextId.getAndSet(null));
    }

    private static Optional<GraphErrors.GraphError> require(boolean condition, String details) {
        return condition ? Optional.empty() : Optional.of(GraphErrors.invalidParameter(details));
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return raw.length == 0 ? null : Json.mapper().readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private MediaFile mediaFor(String mediaId) {
        return media.computeIfAbsent(mediaId, id -> new MediaFile(placeholderImage(id), "image/png"));
    }

    private static void send(HttpExchange exchange, GraphErrors.GraphError error) throws IOException {
        send(exchange, error.httpStatus(), "application/json", Json.write(error.body()).getBytes(StandardCharsets.UTF_8));
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
        webhooks.close();
        server.stop(0);
    }
}
