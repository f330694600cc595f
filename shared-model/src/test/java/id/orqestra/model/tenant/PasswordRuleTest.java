package id.orqestra.model.tenant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordRuleTest {

    @Test
    void tenCharactersUpToSeventyTwoBytes() {
        assertThat(PasswordRule.problem("123456789", null)).hasValue("Choose a password of at least 10 characters.");
        assertThat(PasswordRule.problem("1234567890", null)).isEmpty();
        assertThat(PasswordRule.problem("p".repeat(72), null)).isEmpty();
        assertThat(PasswordRule.problem("p".repeat(73), null)).get().asString().startsWith("Choose a shorter password");
        // 37 accented letters are 74 bytes: bcrypt would not read them all
        assertThat(PasswordRule.problem("é".repeat(37), null)).get().asString().startsWith("Choose a shorter password");
    }

    @Test
    void notTheEmailAddress() {
        assertThat(PasswordRule.problem("Rina@Kopi.test", "rina@kopi.test"))
                .hasValue("Choose a password that is not your email address.");
    }
}
