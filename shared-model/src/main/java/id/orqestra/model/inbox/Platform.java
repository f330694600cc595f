package id.orqestra.model.inbox;

public enum Platform {
    WHATSAPP, INSTAGRAM
}
