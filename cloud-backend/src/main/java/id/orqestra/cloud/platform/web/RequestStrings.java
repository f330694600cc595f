package id.orqestra.cloud.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * How request bodies read text fields, registered with the framework's JSON mapper as a module bean:
 * only a JSON string is text (Jackson would otherwise take {@code 123} as "123" and {@code ["a"]} as
 * "a", so a client's mistake goes out to a customer), and a string holding U+0000, which PostgreSQL
 * cannot store, is refused here with a sentence naming the field rather than failing later in a query.
 */
@Singleton
public class RequestStrings extends SimpleModule {

    public RequestStrings() {
        super("orqestra-request-strings");
        addDeserializer(String.class, new StrictText());
    }

    /** A text field held U+0000. */
    static final class NulCharacterException extends JsonMappingException {
        NulCharacterException(JsonParser parser) {
            super(parser, "text contains U+0000");
        }
    }

    private static final class StrictText extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            if (value != null && value.indexOf('\0') >= 0) {
                throw new NulCharacterException(parser);
            }
            return value;
        }
    }
}
