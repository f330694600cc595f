package id.orqestra.model.inbox;

/** Who wrote a message: the customer, or the business (from Orqestra, or echoed from its own phone or Instagram app). */
public enum Direction {
    INBOUND, OUTBOUND
}
