package dev.iovasim.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's figures as JSON (Jackson): an array with one object per scenario, kernel and
 * figure, with the keys {@code scenario}, {@code metric}, {@code kernel}, {@code simulated},
 * {@code published}, {@code unit}, {@code source} and the extras docs/scenarios.md lists:
 * {@code published_unit}, {@code ratio_simulated}, {@code ratio_published}, {@code ratio_of_ratios}
 * (null where they do not apply).
 */
public final class FigureJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The keys of every object, in order. */
    public static final List<String> KEYS = List.of("scenario", "metric", "kernel", "simulated", "published", "unit",
            "source", "published_unit", "ratio_simulated", "ratio_published", "ratio_of_ratios");

    private FigureJson() {
    }

    public static String render(List<ScenarioResult> results) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScenarioResult r : results) {
            Map<Figure, Ratios> ratios = Ratios.of(r.figures());
            for (Figure f : r.figures()) {
                Ratios q = ratios.get(f);
                Map<String, Object> o = new LinkedHashMap<>();
                Object[] values = {f.scenario(), f.metric(), f.kernel(), f.simulated(), f.published(), f.unit(), f.source(),
                    f.publishedUnit(), q.simulated(), q.published(), q.ratioOfRatios()};
                for (int i = 0; i < KEYS.size(); i++) o.put(KEYS.get(i), values[i]);
                out.add(o);
            }
        }
        try {
            return MAPPER.writeValueAsString(out) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the figures as JSON", e);
        }
    }
}
