package id.orqestra.desktop.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://localhost:8080            | http://localhost:8080          | http://localhost:8080/api/v1/auth/login
            '  HTTPS://Orqestra.Example.COM/ ' | https://orqestra.example.com | https://orqestra.example.com/api/v1/auth/login
            https://example.com/orqestra//   | https://example.com/orqestra   | https://example.com/orqestra/api/v1/auth/login
            http://[::1]:9000                | http://[::1]:9000              | http://[::1]:9000/api/v1/auth/login
            """)
    void normalisesWhatWasTypedAndResolvesEndpointsBelowIt(String typed, String display, String login) {
        ServerAddress address = ServerAddress.parse(typed);

        assertThat(ServerAddress.problemWith(typed)).isEmpty();
        assertThat(address.display()).isEqualTo(display);
        assertThat(address.resolve("api/v1/auth/login")).hasToString(login);
    }

    @Test
    void addressesThatDifferOnlyInSpellingAreEqual() {
        assertThat(ServerAddress.parse("HTTP://LocalHost:8080/")).isEqualTo(ServerAddress.parse("http://localhost:8080"));
    }

    @Test
    void refusesToParseWhatItWouldComplainAbout() {
        assertThatThrownBy(() -> ServerAddress.parse("mailto:someone@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Start the address with http://");
        assertThat(ServerAddress.problemWith("http://user@orqestra.test"))
                .contains("Leave the user name out of the address; you sign in below.");
        assertThat(ServerAddress.problemWith(null)).contains("Enter the address of your Orqestra server.");
    }
}
