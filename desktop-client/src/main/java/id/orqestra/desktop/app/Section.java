package id.orqestra.desktop.app;

/** The places of the main window's navigation rail, with what each says until it is built. */
public enum Section {
    INBOX("Inbox", "Your inbox arrives soon",
            "Conversations from your WhatsApp numbers and Instagram accounts will appear here, "
                    + "ready to answer, even when the network is not."),
    BROADCASTS("Broadcasts", "Broadcasts are on their way",
            "Send approved WhatsApp templates to groups of contacts and follow deliveries and replies."),
    FLOWS("Flows", "Flows are on their way",
            "Build automatic conversations that greet, ask and route customers before an agent steps in."),
    ADMIN("Admin", "Administration is on its way",
            "Connect channels, invite your team and choose what each role may do."),
    DASHBOARD("Dashboard", "The dashboard is on its way",
            "See response times, conversation volumes and how your team is doing.");

    private final String label;
    private final String placeholderTitle;
    private final String placeholderText;

    Section(String label, String placeholderTitle, String placeholderText) {
        this.label = label;
        this.placeholderTitle = placeholderTitle;
        this.placeholderText = placeholderText;
    }

    public String label() {
        return label;
    }

    public String placeholderTitle() {
        return placeholderTitle;
    }

    public String placeholderText() {
        return placeholderText;
    }
}
