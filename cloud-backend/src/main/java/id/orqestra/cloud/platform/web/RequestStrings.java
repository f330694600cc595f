package id.orqestra.cloud.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * How request bodies read text: PostgreSQL cannot store the character U+0000, so a body carrying it in
 * any text field is refused here with a sentence naming the field, rather than failing later in a
 * query. Registered with the framework's JSON mapper as a module bean.
 */
@Singleton
public class RequestStrings extends SimpleModule {

    public RequestStrings() {
        super("orqestra-request-strings");
        addDeserializer(String.class, new WithoutNul());
    }

    /** A text field held U+0000. */
    static final class NulCharacterException extends JsonMappingException {
        NulCharacterException(JsonParser parser) {
            super(parser, "text contains U+0000");
        }
    }

    private static final class WithoutNul extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new NulCharacterException(parser);
            }
            return value;
        }
    }
}
