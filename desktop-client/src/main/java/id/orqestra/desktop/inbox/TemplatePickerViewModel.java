package id.orqestra.desktop.inbox;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.sync.SyncSession;
import id.orqestra.model.outbound.TemplateList;
import id.orqestra.model.outbound.TemplateView;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The template picker of one WhatsApp conversation: the channel's approved templates with a search,
 * the chosen template's variables as fields (and its header file, when it starts with one), a live
 * preview as the customer will read it, the checks the server makes before sending, and sending it
 * through the outbox. Loads templates off the UI thread; every property changes on the UI thread.
 */
public final class TemplatePickerViewModel {

    private static final Logger log = LoggerFactory.getLogger(TemplatePickerViewModel.class);

    /** One value to fill in; {@link #problemProperty()} speaks up once the field was edited or a send was tried. */
    public static final class FieldModel {
        private final TemplateForm.Field field;
        private final StringProperty value = new SimpleStringProperty(this, "value", "");
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
        private boolean touched;

        FieldModel(TemplateForm.Field field) {
            this.field = field;
        }

        public TemplateForm.Field field() {
            return field;
        }

        public StringProperty valueProperty() {
            return value;
        }

        public ReadOnlyStringProperty problemProperty() {
            return problem.getReadOnlyProperty();
        }

        String currentProblem() {
            return TemplateForm.problem(field, value.get());
        }

        void show(boolean all) {
            String now = currentProblem();
            problem.set(now != null && (touched || all) ? now : "");
        }
    }

    private final SyncSession session;
    private final long conversationId;
    private final long channelId;
    private final Consumer<List<TemplateView>> remember;
    private final List<TemplateView> all = new ArrayList<>();
    private final ObservableList<TemplateView> templates = FXCollections.observableArrayList();
    // one read-only view, kept: listeners added to a throw-away wrapper would be dropped with it
    private final ObservableList<TemplateView> templatesReadOnly = FXCollections.unmodifiableObservableList(templates);
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<TemplateView> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<FieldModel> fields = FXCollections.observableArrayList();
    private final ObservableList<FieldModel> fieldsReadOnly = FXCollections.unmodifiableObservableList(fields);
    private final ReadOnlyStringWrapper headerFormat = new ReadOnlyStringWrapper(this, "headerFormat");
    private final ReadOnlyObjectWrapper<ConversationViewModel.StagedFile> headerFile = new ReadOnlyObjectWrapper<>(this, "headerFile");
    private final ReadOnlyStringWrapper headerProblem = new ReadOnlyStringWrapper(this, "headerProblem", "");
    private final ReadOnlyObjectWrapper<TemplateForm.Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper unusable = new ReadOnlyStringWrapper(this, "unusable", "");
    private final ReadOnlyStringWrapper listNotice = new ReadOnlyStringWrapper(this, "listNotice", "");
    private final ReadOnlyStringWrapper sendProblem = new ReadOnlyStringWrapper(this, "sendProblem", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper sendDisabled = new ReadOnlyBooleanWrapper(this, "sendDisabled", true);
    private final ReadOnlyBooleanWrapper sent = new ReadOnlyBooleanWrapper(this, "sent");
    private boolean triedToSend;

    /**
     * {@code known}: templates loaded earlier for this channel (shown at once, even offline), or null;
     * {@code remember} keeps a fresh list for the next picker.
     */
    TemplatePickerViewModel(SyncSession session, long conversationId, long channelId, List<TemplateView> known,
                            Consumer<List<TemplateView>> remember) {
        this.session = Objects.requireNonNull(session);
        this.conversationId = conversationId;
        this.channelId = channelId;
        this.remember = Objects.requireNonNull(remember);
        if (known != null) {
            all.addAll(known);
            filter();
        }
        searchText.addListener((obs, old, now) -> filter());
        selected.addListener((obs, old, now) -> choose(now));
    }

    // ---- what the view binds to

    /** The approved templates matching the search, by name. */
    public ObservableList<TemplateView> templates() {
        return templatesReadOnly;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObjectProperty<TemplateView> selectedProperty() {
        return selected;
    }

    /** The chosen template's values to fill in. */
    public ObservableList<FieldModel> fields() {
        return fieldsReadOnly;
    }

    /** IMAGE, VIDEO or DOCUMENT when the chosen template starts with a file; null otherwise. */
    public ReadOnlyStringProperty headerFormatProperty() {
        return headerFormat.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConversationViewModel.StagedFile> headerFileProperty() {
        return headerFile.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerProblemProperty() {
        return headerProblem.getReadOnlyProperty();
    }

    /** The chosen template as the customer will read it, updated as values are typed. */
    public ReadOnlyObjectProperty<TemplateForm.Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Why the chosen template cannot be sent from here at all; empty when it can. */
    public ReadOnlyStringProperty unusableProperty() {
        return unusable.getReadOnlyProperty();
    }

    /** About the list: loading, none approved, could not load, offline. Empty when the list speaks for itself. */
    public ReadOnlyStringProperty listNoticeProperty() {
        return listNotice.getReadOnlyProperty();
    }

    /** What to fix before the template can go, after a send was tried; empty otherwise. */
    public ReadOnlyStringProperty sendProblemProperty() {
        return sendProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendDisabledProperty() {
        return sendDisabled.getReadOnlyProperty();
    }

    /** True once the template is in the outbox (the picker can close). */
    public ReadOnlyBooleanProperty sentProperty() {
        return sent.getReadOnlyProperty();
    }

    // ---- commands

    /** Fetches the channel's templates (the list already shown stays while it loads). */
    public void load() {
        loading.set(true);
        if (all.isEmpty()) {
            listNotice.set("Loading the templates of this WhatsApp number…");
        }
        session.background().execute(() -> {
            TemplateList list = null;
            String problem = null;
            try {
                list = session.api().templates(channelId);
            } catch (ApiException e) {
                problem = e.isConnectionProblem()
                        ? "You're offline, so the templates can't be loaded now."
                        : "The templates could not be loaded: " + e.getMessage();
            } catch (RuntimeException e) {
                log.error("Loading templates failed", e);
                problem = "The templates could not be loaded: " + e.getMessage();
            }
            TemplateList loaded = list;
            String failure = problem;
            session.ui().execute(() -> {
                loading.set(false);
                if (loaded == null) {
                    listNotice.set(all.isEmpty() ? failure : failure + " These are the ones loaded earlier.");
                    return;
                }
                List<TemplateView> approved = loaded.templates() == null ? List.of()
                        : loaded.templates().stream().filter(TemplateView::approved)
                        .sorted(Comparator.comparing(TemplateView::name).thenComparing(TemplateView::language)).toList();
                all.clear();
                all.addAll(approved);
                remember.accept(List.copyOf(approved));
                listNotice.set(approved.isEmpty() ? emptyListSentence(loaded) : "");
                filter();
            });
        });
    }

    /** Uses {@code file} as the picture, video or document the template starts with (checked first, off the UI thread). */
    public void chooseHeaderFile(Path file) {
        String format = headerFormat.get();
        if (file == null || format == null) {
            return;
        }
        TemplateView forTemplate = selected.get();
        session.background().execute(() -> {
            String problem;
            ConversationViewModel.StagedFile staged = null;
            try {
                long size = Files.size(file);
                AttachmentRules.Verdict verdict = AttachmentRules.checkHeader(format, file.getFileName().toString(), size);
                problem = verdict.refusal();
                if (verdict.accepted()) {
                    staged = new ConversationViewModel.StagedFile(file, file.getFileName().toString(), size, verdict.kind(),
                            verdict.mimeType());
                }
            } catch (java.io.IOException e) {
                problem = "The file " + file.getFileName() + " could not be read: " + e.getMessage();
            }
            ConversationViewModel.StagedFile chosen = staged;
            String refusal = problem;
            session.ui().execute(() -> {
                if (selected.get() != forTemplate) {
                    return;
                }
                headerFile.set(chosen);
                headerProblem.set(refusal == null ? "" : refusal);
                update();
            });
        });
    }

    /** Checks every value; when all are right, puts the template in the outbox (sent once, even offline). */
    public void send() {
        TemplateView template = selected.get();
        if (template == null || sent.get()) {
            return;
        }
        triedToSend = true;
        update();
        if (!sendProblem.get().isEmpty() || !unusable.get().isEmpty()) {
            return;
        }
        Map<String, String> values = values();
        ConversationViewModel.StagedFile file = headerFile.get();
        sendDisabled.set(true);
        session.engine().sendTemplate(conversationId, TemplateForm.message(template, values),
                        file == null ? null : file.path(), file == null ? null : file.mimeType(),
                        file == null ? null : file.kind(), TemplateForm.preview(template, values).rendered())
                .whenComplete((entry, error) -> session.ui().execute(() -> {
                    if (error != null) {
                        log.error("Could not put a template in the outbox", error);
                        sendProblem.set("The template could not be saved on this computer: " + error.getMessage());
                        update();
                    } else {
                        sent.set(true);
                    }
                }));
    }

    // ---- internals (UI thread)

    private void filter() {
        String query = searchText.get() == null ? "" : searchText.get().strip().toLowerCase(Locale.ROOT);
        List<TemplateView> matching = all.stream().filter(t -> query.isEmpty()
                || t.name().toLowerCase(Locale.ROOT).contains(query)
                || (t.body() != null && t.body().toLowerCase(Locale.ROOT).contains(query))).toList();
        TemplateView chosen = selected.get();
        templates.setAll(matching);
        if (chosen != null) {
            // the same template after a reload is a new object: keep the choice and what was typed
            matching.stream().filter(t -> t.id() == chosen.id()).findFirst().ifPresent(t -> {
                if (t != chosen) {
                    selected.set(t);
                }
            });
        }
        if (!all.isEmpty() && matching.isEmpty()) {
            listNotice.set("No approved template matches \"" + searchText.get().strip() + "\".");
        } else if (!all.isEmpty() && listNotice.get().startsWith("No approved template matches")) {
            listNotice.set("");
        }
    }

    private void choose(TemplateView template) {
        Map<String, String> typed = values();
        fields.clear();
        triedToSend = false;
        headerFile.set(null);
        headerProblem.set("");
        if (template == null) {
            headerFormat.set(null);
            unusable.set("");
            preview.set(null);
            update();
            return;
        }
        for (TemplateForm.Field field : TemplateForm.fields(template)) {
            FieldModel model = new FieldModel(field);
            model.value.set(typed.getOrDefault(field.key(), ""));
            model.value.addListener((obs, old, now) -> {
                model.touched = true;
                update();
            });
            fields.add(model);
        }
        headerFormat.set(TemplateForm.headerMediaFormat(template));
        String why = TemplateForm.unusable(template);
        unusable.set(why == null ? "" : why);
        update();
    }

    private void update() {
        TemplateView template = selected.get();
        for (FieldModel field : fields) {
            field.show(triedToSend);
        }
        if (template == null) {
            sendDisabled.set(true);
            sendProblem.set("");
            return;
        }
        preview.set(TemplateForm.preview(template, values()));
        String firstProblem = null;
        for (FieldModel field : fields) {
            String problem = field.currentProblem();
            if (problem != null) {
                firstProblem = field.field().label() + ": " + problem;
                break;
            }
        }
        if (firstProblem == null && headerFormat.get() != null && headerFile.get() == null) {
            firstProblem = switch (headerFormat.get()) {
                case "IMAGE" -> "Choose the picture this template starts with.";
                case "VIDEO" -> "Choose the video this template starts with.";
                default -> "Choose the document this template starts with.";
            };
        }
        sendProblem.set(triedToSend && firstProblem != null ? firstProblem : "");
        sendDisabled.set(!unusable.get().isEmpty() || sent.get());
    }

    private Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        for (FieldModel field : fields) {
            values.put(field.field().key(), field.value.get());
        }
        return values;
    }

    private static String emptyListSentence(TemplateList loaded) {
        if (loaded.syncs() != null) {
            for (TemplateList.TemplateSyncView sync : loaded.syncs()) {
                if ("FAILED".equals(sync.state()) && sync.error() != null) {
                    return "Fetching the templates from WhatsApp failed: " + sync.error();
                }
                if ("QUEUED".equals(sync.state()) || "RUNNING".equals(sync.state())) {
                    return "The templates are being fetched from WhatsApp; open the picker again in a moment.";
                }
            }
        }
        return "This WhatsApp number has no approved templates yet; templates are created and approved in WhatsApp "
                + "Manager.";
    }
}
