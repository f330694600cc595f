package id.orqestra.model.channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel rules both the server and the desktop apply, sentence for sentence. */
class ChannelRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            12345                       | OK
            1234567890123456789012345   | OK
            1234                        | The Phone number ID is a number of 5 to 25 digits; '1234' is not.
            12ab5                       | The Phone number ID is a number of 5 to 25 digits; '12ab5' is not.
            12345678901234567890123456  | The Phone number ID is a number of 5 to 25 digits; '12345678901234567890123456' is not.
            ''                          | Enter the Phone number ID from Meta's WhatsApp Manager or App Dashboard.
            """)
    void metaIdsAreFiveToTwentyFiveDigits(String id, String problem) {
        assertThat(ChannelRules.metaIdProblem(id, ChannelRules.PHONE_NUMBER_ID)).isEqualTo(Optional.ofNullable(problem));
    }

    @Test
    void aMissingIdSaysWhereMetaShowsIt() {
        assertThat(ChannelRules.metaIdProblem("", ChannelRules.INSTAGRAM_ACCOUNT_ID))
                .hasValue("Enter the Instagram account ID from Meta's App Dashboard (Instagram, API setup).");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            EAAG1234567890abcdefgh       | OK
            short                        | That does not look like a Meta access token (20 to 1024 characters, no spaces).
            'EAAG 1234567890abcdefgh'    | That does not look like a Meta access token (20 to 1024 characters, no spaces).
            ''                           | Paste the access token Meta gave you for this account.
            """)
    void accessTokensAreTwentyToTenTwentyFourCharactersWithoutSpaces(String token, String problem) {
        assertThat(ChannelRules.accessTokenProblem(token)).isEqualTo(Optional.ofNullable(problem));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            +62 812 3456 7890   | OK
            (021) 555-0100      | OK
            ''                  | OK
            0812                | The display number should look like +62 812 3456 7890.
            +62 812 CALL ME     | The display number should look like +62 812 3456 7890.
            """)
    void displayNumbersAreOptionalButLookLikeNumbers(String number, String problem) {
        assertThat(ChannelRules.displayNumberProblem(number)).isEqualTo(Optional.ofNullable(problem));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            kopi.senja_id     | OK
            @kopi.senja_id    | OK
            ''                | OK
            kopi senja        | Instagram usernames have up to 30 letters, digits, dots and underscores.
            a234567890123456789012345678901 | Instagram usernames have up to 30 letters, digits, dots and underscores.
            """)
    void usernamesFollowInstagramsRules(String username, String problem) {
        assertThat(ChannelRules.usernameProblem(username)).isEqualTo(Optional.ofNullable(problem));
    }
}
