package id.orqestra.cloud.meta;

import java.util.List;

/**
 * One WhatsApp change ({@code entry[].changes[]}) or one Instagram messaging item / change, with the
 * events it carries. The store applies each in one transaction.
 */
public record ParsedChange(Route route, String field, String rawJson, List<MetaEvent> events) {
}
