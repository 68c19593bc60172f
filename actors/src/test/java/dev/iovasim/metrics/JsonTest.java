package dev.iovasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsNestedValuesAndEscapes() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1.0, -2.5e3, true));
        expected.put("b", Map.of("c", "x\"y\\z\u00e9\n"));
        expected.put("d", null);
        expected.put("e", List.of());
        assertEquals(expected, Json.parse(" {\"a\": [1, -2.5e3, true], \"b\": {\"c\": \"x\\\"y\\\\z\\u00e9\\n\"}, \"d\": null, \"e\": []} "));
    }

    @Test
    void brokenInputSaysWhere() {
        for (String bad : Arrays.asList("{\"a\": 1,}", "[1 2]", "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "\"open", "{\n\"a\": tru}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("JSON line "), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.parse("{\n\"a\": tru}")).getMessage().startsWith("JSON line 2"));
    }
}
