package io.userstore.projections.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML or JSON spec into {@link SpecNode}s with Jackson's streaming parser. */
final class SpecReader {

    private SpecReader() {
    }

    static SpecNode read(String text, String source) {
        JsonFactory factory = text.stripLeading().startsWith("{") ? new JsonFactory() : new YAMLFactory();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SpecException(source, 1, "the spec is empty; see projections/specs/ for examples");
            }
            SpecNode root = node(parser, source);
            if (parser.nextToken() != null) {
                throw new SpecException(source, line(parser), "more than one document; a spec is one mapping");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                throw new SpecException(source, yaml.getProblemMark().getLine() + 1, "not valid YAML: " + yaml.getProblem());
            }
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new SpecException(source, line, "not valid YAML or JSON: "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").trim());
        } catch (IOException e) {
            throw new SpecException(source, 1, "could not be read: " + e.getMessage());
        }
    }

    private static SpecNode node(JsonParser parser, String source) throws IOException {
        int line = line(parser);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            LinkedHashMap<String, SpecNode> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (keyLines.containsKey(key)) {
                    throw new SpecException(source, line(parser), "'" + key + "' is given twice here (first at line "
                            + keyLines.get(key) + "); keep one");
                }
                keyLines.put(key, line(parser));
                parser.nextToken();
                entries.put(key, node(parser, source));
            }
            return new SpecNode.Mapping(entries, keyLines, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<SpecNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, source));
            }
            return new SpecNode.Sequence(items, line);
        }
        Object value = switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            default -> parser.getText();
        };
        return new SpecNode.Scalar(value, line);
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
