package id.orqestra.desktop.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTest {

    @Test
    void aMissingGtkOrDisplayIsOneSentenceSayingWhatToInstall() {
        assertThat(Launcher.explainStartFailure(new UnsupportedOperationException("Unable to load glass GTK library.")))
                .contains(Launcher.NEEDS_GTK);
        assertThat(Launcher.explainStartFailure(new RuntimeException("Application launch failed",
                new UnsupportedOperationException("Unable to open DISPLAY")))).contains(Launcher.NEEDS_GTK);
    }

    @Test
    void otherFailuresKeepTheirStackTrace() {
        assertThat(Launcher.explainStartFailure(new IllegalStateException("Toolkit already initialized"))).isEmpty();
        assertThat(Launcher.explainStartFailure(new UnsupportedOperationException("something else"))).isEmpty();
    }
}
