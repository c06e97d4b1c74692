package io.bourse.platform.kyc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Screens a customer's name and country against a list: countries under sanctions are refused, high-risk countries
 * and names that match a listed person go to a compliance officer. Names are compared as sets of words after
 * removing accents, case and punctuation, so "José  MARÍA Pérez" matches "Perez, Jose Maria". (A production
 * exchange plugs a screening provider in here; this list is the embedded default.)
 *
 * <p>List format, one entry per line: {@code sanctioned-country XX}, {@code high-risk-country XX},
 * {@code person Full Name}; {@code #} starts a comment.
 */
public final class Screening {
    /** The outcome: CLEAR passes, REVIEW waits for a person, BLOCKED is refused. */
    public record Result(Verdict verdict, String reason) {
        public static final Result CLEAR = new Result(Verdict.CLEAR, "");
    }

    public enum Verdict { CLEAR, REVIEW, BLOCKED }

    private final Set<String> sanctionedCountries = new HashSet<>();
    private final Set<String> highRiskCountries = new HashSet<>();
    private final List<Set<String>> persons = new ArrayList<>();

    private Screening() {
    }

    /** The list shipped with Bourse (a demo list, not legal advice). */
    public static Screening defaults() {
        try (InputStream in = Screening.class.getResourceAsStream("/kyc/screening-list.txt")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Screening fromFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    private static Screening parse(InputStream in) throws IOException {
        Screening s = new Screening();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.replaceAll("#.*", "").strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IOException("screening list line " + number + ": expected '<kind> <value>'");
            }
            switch (parts[0]) {
                case "sanctioned-country" -> s.sanctionedCountries.add(parts[1].toUpperCase(Locale.ROOT));
                case "high-risk-country" -> s.highRiskCountries.add(parts[1].toUpperCase(Locale.ROOT));
                case "person" -> s.persons.add(words(parts[1]));
                default -> throw new IOException("screening list line " + number + ": unknown kind '" + parts[0] + "'");
            }
        }
        return s;
    }

    public Result screen(String fullName, String country) {
        if (sanctionedCountries.contains(country)) {
            return new Result(Verdict.BLOCKED, "country " + country + " is under sanctions");
        }
        Set<String> name = words(fullName);
        for (Set<String> person : persons) {
            if (name.containsAll(person)) {
                return new Result(Verdict.REVIEW, "name matches listed person '" + String.join(" ", person) + "'");
            }
        }
        if (highRiskCountries.contains(country)) {
            return new Result(Verdict.REVIEW, "country " + country + " is high-risk");
        }
        return Result.CLEAR;
    }

    static Set<String> words(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return plain.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(plain.split(" ")));
    }
}
