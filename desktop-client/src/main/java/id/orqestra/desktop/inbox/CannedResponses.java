package id.orqestra.desktop.inbox;

import java.util.List;
import java.util.Locale;

/**
 * Ready answers an agent types with {@code /shortcut}. A small built-in list for now (team-wide ones
 * managed by admins come with the admin area).
 */
public final class CannedResponses {

    public record Canned(String shortcut, String text) {
    }

    private final List<Canned> all;

    public CannedResponses(List<Canned> all) {
        this.all = List.copyOf(all);
    }

    public static CannedResponses defaults() {
        return new CannedResponses(List.of(
                new Canned("halo", "Halo kak! Terima kasih sudah menghubungi Kopi Senja. Ada yang bisa kami bantu?"),
                new Canned("hello", "Hello! Thanks for reaching out. How can we help you today?"),
                new Canned("ongkir", "Ongkos kirim dihitung otomatis saat checkout sesuai alamat tujuan ya kak."),
                new Canned("order", "Pesanan kakak sudah kami terima dan sedang disiapkan. Kami kabari begitu dikirim 🙏"),
                new Canned("hours", "We're open every day from 08:00 to 22:00 (WIB)."),
                new Canned("resi", "Berikut nomor resi pengiriman kakak: "),
                new Canned("thanks", "Terima kasih kak, ditunggu pesanan berikutnya! ☕")));
    }

    public List<Canned> all() {
        return all;
    }

    /**
     * The answers offered for what is in the composer: when it is a single {@code /word} (no space yet),
     * those whose shortcut starts with the word; otherwise none.
     */
    public List<Canned> matching(String composerText) {
        if (composerText == null || !composerText.startsWith("/") || composerText.contains(" ") || composerText.contains("\n")) {
            return List.of();
        }
        String typed = composerText.substring(1).toLowerCase(Locale.ROOT);
        return all.stream().filter(c -> c.shortcut().startsWith(typed)).toList();
    }
}
