package id.orqestra.desktop.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads for work that must stay off the FX thread; they never keep the app alive after its window closes. */
public final class BackgroundExecutor {

    private BackgroundExecutor() {
    }

    public static ExecutorService create(String name) {
        return Executors.newCachedThreadPool(daemonThreads(name));
    }

    /** One daemon thread for timed work, such as renewing the sign-in before it expires. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
