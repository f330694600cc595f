package id.orqestra.cloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of {@code ./orqestra server}. Anything not recognised here is refused, so a
 * typo never silently starts a server configured differently from what was asked.
 */
public record ServerOptions(boolean demo, boolean replay, List<String> fixtureDirs) {

    public static ServerOptions parse(String... args) {
        boolean demo = false;
        boolean replay = true;
        List<String> fixtures = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--demo" -> demo = true;
                case "--no-replay" -> replay = false;
                case "--fixtures" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new IllegalArgumentException("--fixtures needs a folder, e.g. --fixtures ../shared/fixtures/meta");
                    }
                    fixtures.add(args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg
                        + "' (known: --demo, --no-replay, --fixtures DIR)");
            }
        }
        if (!demo && (!replay || !fixtures.isEmpty())) {
            throw new IllegalArgumentException("--no-replay and --fixtures only apply together with --demo");
        }
        return new ServerOptions(demo, replay, List.copyOf(fixtures));
    }

    public String[] environments() {
        return demo ? new String[] {"demo"} : new String[0];
    }

    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (demo) {
            properties.put("orqestra.demo.replay", replay);
            properties.put("orqestra.demo.fixture-dirs", fixtureDirs);
        }
        return properties;
    }
}
