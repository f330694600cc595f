package id.orqestra.cloud.platform.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import id.orqestra.cloud.platform.json.Json;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One sentence for each way the framework refuses a request before our code runs. The framework's own
 * messages name Java types, argument binders and configuration keys, which mean nothing to the person
 * reading the error and tell an attacker what runs inside; these name the field and what it must be.
 */
final class RequestErrorSentences {

    private RequestErrorSentences() {
    }

    /** The sentence for this cause, or empty when it is not one we know how to describe. */
    static Optional<String> describe(Throwable cause, long maxRequestSize, long maxBufferedSize) {
        if (cause instanceof NotAllowedException notAllowed) {
            return Optional.of("This address does not accept " + notAllowed.getRequestMethod() + "; it accepts "
                    + orList(notAllowed.getAllowedMethods().stream().sorted().toList()) + ".");
        }
        if (cause instanceof BufferLengthExceededException) {
            return Optional.of(tooLarge(maxBufferedSize));
        }
        if (cause instanceof ContentLengthExceededException) {
            return Optional.of(tooLarge(Math.min(maxRequestSize, maxBufferedSize)));
        }
        JsonProcessingException json = find(cause, JsonProcessingException.class);
        if (json != null) {
            return Optional.of(describeJson(json));
        }
        if (cause instanceof ConversionErrorException conversion) {
            Argument<?> argument = conversion.getArgument();
            String sentence = argument.getName() + " must be " + expected(argument.getType());
            Object value = conversion.getConversionError().getOriginalValue().orElse(null);
            return Optional.of(value == null ? sentence + "." : sentence + ", not \"" + value + "\".");
        }
        if (cause instanceof UnsatisfiedArgumentException unsatisfied) {
            return Optional.of(unsatisfied.getArgument().getName() + " is required.");
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            return Optional.of(unsatisfied.getArgument().getName() + " is required.");
        }
        return Optional.empty();
    }

    static boolean isUnreadableJson(Throwable cause) {
        JsonProcessingException json = find(cause, JsonProcessingException.class);
        return json != null && !(json instanceof JsonMappingException);
    }

    private static String describeJson(JsonProcessingException json) {
        if (json instanceof RequestStrings.NulCharacterException nul) {
            String field = fieldPath(nul.getPath());
            return (field.isEmpty() ? "The request body" : field)
                    + " contains the character U+0000 (NUL), which cannot be stored. Remove it and send again.";
        }
        if (json instanceof MismatchedInputException mismatch) {
            String field = fieldPath(mismatch.getPath());
            Class<?> type = mismatch.getTargetType();
            if (field.isEmpty()) {
                return "The request body must be " + (type == null ? "a JSON object" : wholeBody(type)) + ".";
            }
            return type == null ? field + " has the wrong type." : field + " must be " + expected(type) + ".";
        }
        if (json instanceof JsonMappingException mapping) {
            String field = fieldPath(mapping.getPath());
            return field.isEmpty() ? "The request body does not have the expected form."
                    : field + " does not have an accepted value.";
        }
        JsonLocation at = json.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return "The request body is not valid JSON.";
        }
        return "The request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ").";
    }

    private static String tooLarge(long limitBytes) {
        double megabytes = limitBytes / (1024.0 * 1024.0);
        String amount = megabytes == Math.rint(megabytes) ? String.valueOf((long) megabytes)
                : String.format(java.util.Locale.ROOT, "%.1f", megabytes);
        return "The request is too large (at most " + amount + " MB).";
    }

    private static String wholeBody(Class<?> type) {
        if (type.isRecord()) {
            List<String> fields = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
            return "a JSON object with " + andList(fields);
        }
        return "JSON " + withoutArticle(expected(type));
    }

    /** What a value of this type looks like in JSON, with its article: "a whole number", "text in double quotes". */
    private static String expected(Class<?> type) {
        Class<?> boxed = type.isPrimitive() ? box(type) : type;
        if (boxed == Long.class || boxed == Integer.class || boxed == Short.class || boxed == Byte.class
                || boxed == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return "a number";
        }
        if (boxed == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class) {
            return "text in double quotes";
        }
        if (boxed.isEnum()) {
            List<String> names = Arrays.stream(boxed.getEnumConstants()).map(RequestErrorSentences::jsonName).toList();
            return names.size() <= 12 ? "one of " + orList(names) : "one of the accepted values";
        }
        if (Temporal.class.isAssignableFrom(boxed)) {
            return "a date and time such as 2025-01-31T09:00:00Z";
        }
        if (Collection.class.isAssignableFrom(boxed) || boxed.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String jsonName(Object enumConstant) {
        String written = Json.write(enumConstant);
        return written.startsWith("\"") && written.endsWith("\"") ? written.substring(1, written.length() - 1) : written;
    }

    private static Class<?> box(Class<?> primitive) {
        if (primitive == long.class) {
            return Long.class;
        }
        if (primitive == int.class) {
            return Integer.class;
        }
        if (primitive == short.class) {
            return Short.class;
        }
        if (primitive == byte.class) {
            return Byte.class;
        }
        if (primitive == boolean.class) {
            return Boolean.class;
        }
        if (primitive == char.class) {
            return Character.class;
        }
        return primitive == float.class ? Float.class : primitive == double.class ? Double.class : BigDecimal.class;
    }

    private static String withoutArticle(String expected) {
        return expected.startsWith("a ") ? expected.substring(2) : expected.startsWith("an ") ? expected.substring(3) : expected;
    }

    /** "media.caption", "add[0]" */
    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String andList(List<String> items) {
        return joinLast(items, " and ");
    }

    private static String orList(List<String> items) {
        return joinLast(items, " or ");
    }

    private static String joinLast(List<String> items, String last) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", "))
                + last + items.getLast();
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
