package io.userstore.projections.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec document as read, every value with the line it stands on, so that each validation
 * error can name {@code FILE:LINE}. Jackson's tree model forgets locations; this one keeps them.
 */
public sealed interface SpecNode {

    int line();

    record Scalar(Object value, int line) implements SpecNode {
        public String text() {
            return value == null ? null : value.toString();
        }
    }

    record Mapping(LinkedHashMap<String, SpecNode> entries, Map<String, Integer> keyLines, int line)
            implements SpecNode {
    }

    record Sequence(List<SpecNode> items, int line) implements SpecNode {
    }
}
