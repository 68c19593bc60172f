package dev.iovasim.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scrape of a {@code /metrics} page in the text exposition format, parsed into samples. */
public final class Scrape {
    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    public static Scrape fetch(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
        return parse(r.body());
    }

    public static Scrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            out.add(sample(line));
        }
        return new Scrape(out);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of every sample called {@code name} whose labels include all of {@code match} (key, value, ...). */
    public double sum(String name, String... match) {
        double total = 0;
        boolean seen = false;
        for (Sample s : samples) {
            if (s.name.equals(name) && matches(s.labels, match)) {
                total += s.value;
                seen = true;
            }
        }
        if (!seen) throw new AssertionError("no sample " + name + " " + String.join(",", match) + " in the scrape");
        return total;
    }

    private static boolean matches(Map<String, String> labels, String[] match) {
        for (int i = 0; i < match.length; i += 2) {
            if (!match[i + 1].equals(labels.get(match[i]))) return false;
        }
        return true;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            labels(line, brace + 1, labels);
        } else {
            name = line.substring(0, line.indexOf(' '));
        }
        return new Sample(name, labels, Double.parseDouble(line.substring(space + 1)));
    }

    /** Reads {@code a="x",b="y"} from {@code at} up to the closing brace, honouring escapes in values. */
    private static void labels(String line, int at, Map<String, String> into) {
        int i = at;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') c = unescape(line.charAt(++j));
                value.append(c);
            }
            into.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') i++;
        }
    }

    private static char unescape(char c) {
        return c == 'n' ? '\n' : c;
    }
}
