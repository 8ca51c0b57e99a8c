package dev.selektor.decision.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.selektor.decision.model.convention.CampaignConventions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.dmn.api.core.DMNType;

/**
 * A DMN type as a client needs it to build a form: its name, the FEEL type it rests on, whether it is a list,
 * its components and its allowed values.
 *
 * @param base the FEEL built-in type (number, string, boolean, date, ...), or {@code structure}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TypeDescription(
        String name, String base, boolean list, Map<String, TypeDescription> components, List<String> allowedValues) {
    // Types may refer to themselves; a form needs no more than a few levels.
    private static final int MAX_DEPTH = 6;

    public static TypeDescription describe(DMNType type) {
        return describe(type, 0);
    }

    private static TypeDescription describe(DMNType type, int depth) {
        if (type == null) {
            return new TypeDescription("Any", "Any", false, Map.of(), List.of());
        }
        DMNType list = ModelInputs.listType(type);
        DMNType item = list == null ? type : list.isComposite() ? list : list.getBaseType();
        Map<String, TypeDescription> components = new LinkedHashMap<>();
        if (item != null && item.isComposite() && depth < MAX_DEPTH) {
            item.getFields().forEach((name, fieldType) -> components.put(name, describe(fieldType, depth + 1)));
        }
        String base = item != null && item.isComposite()
                ? "structure"
                : item == null ? "Any" : CampaignConventions.builtInName(item);
        List<String> allowed = type.getAllowedValues() == null
                ? List.of()
                : type.getAllowedValues().stream().map(Object::toString).toList();
        return new TypeDescription(type.getName(), base == null ? "Any" : base, list != null, components, allowed);
    }

    /** A short phrase for messages: "list of tSymptom (string)". */
    static String of(DMNType type) {
        TypeDescription d = describe(type, MAX_DEPTH);
        String base = d.name().equals(d.base()) ? d.name() : d.name() + " (" + d.base() + ")";
        return d.list() ? "list of " + base : base;
    }
}
