package io.wanstudio.platform;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Tidies the OpenAPI document Payara builds from the annotations ({@code mp.openapi.filter}). Payara copies every
 * attribute of an annotation, unset ones included, so the document would say {@code maxProperties: 0} (an object
 * without properties), {@code minItems: 2147483647} or {@code minLength: 0} all over; it keeps the Java type
 * {@code number} of a {@code long} even where the annotation says {@code integer}, and writes defaults and
 * examples as strings. Only the API's description changes here, never its behaviour.
 */
public class OpenApiCleanup implements OASFilter {

    @Override
    public Schema filterSchema(Schema schema) {
        schema.setExclusiveMaximum(trueOrNull(schema.getExclusiveMaximum()));
        schema.setExclusiveMinimum(trueOrNull(schema.getExclusiveMinimum()));
        schema.setUniqueItems(trueOrNull(schema.getUniqueItems()));
        schema.setNullable(trueOrNull(schema.getNullable()));
        schema.setReadOnly(trueOrNull(schema.getReadOnly()));
        schema.setWriteOnly(trueOrNull(schema.getWriteOnly()));
        schema.setDeprecated(trueOrNull(schema.getDeprecated()));
        // the annotations' "unset" markers: 0, or Integer.MIN_VALUE/MAX_VALUE
        schema.setMinLength(limitOrNull(schema.getMinLength()));
        schema.setMaxLength(limitOrNull(schema.getMaxLength()));
        schema.setMinItems(limitOrNull(schema.getMinItems()));
        schema.setMaxItems(limitOrNull(schema.getMaxItems()));
        schema.setMinProperties(limitOrNull(schema.getMinProperties()));
        schema.setMaxProperties(limitOrNull(schema.getMaxProperties()));
        if (schema.getMultipleOf() != null && schema.getMultipleOf().signum() <= 0) {
            schema.setMultipleOf(null);
        }
        if (schema.getType() == Schema.SchemaType.NUMBER
                && ("int32".equals(schema.getFormat()) || "int64".equals(schema.getFormat()))) {
            schema.setType(Schema.SchemaType.INTEGER);
        }
        if ((schema.getType() == null || schema.getType() == Schema.SchemaType.OBJECT)
                && allStrings(schema.getEnumeration())) {
            schema.setType(Schema.SchemaType.STRING); // a Java enum
        }
        if (schema.getType() != Schema.SchemaType.ARRAY) {
            schema.setItems(null); // left over from Payara's guess for a multipart body (a list of parts)
        }
        schema.setDefaultValue(typed(schema.getType(), schema.getDefaultValue()));
        schema.setExample(typed(schema.getType(), schema.getExample()));
        return schema;
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        parameter.setDeprecated(trueOrNull(parameter.getDeprecated()));
        parameter.setAllowEmptyValue(trueOrNull(parameter.getAllowEmptyValue()));
        parameter.setAllowReserved(trueOrNull(parameter.getAllowReserved()));
        return parameter;
    }

    @Override
    public Header filterHeader(Header header) {
        header.setRequired(trueOrNull(header.getRequired()));
        header.setDeprecated(trueOrNull(header.getDeprecated()));
        header.setAllowEmptyValue(trueOrNull(header.getAllowEmptyValue()));
        header.setStyle(null); // "simple", the only style a header has
        return header;
    }

    @Override
    public Operation filterOperation(Operation operation) {
        operation.setDeprecated(trueOrNull(operation.getDeprecated()));
        return operation;
    }

    private static Boolean trueOrNull(Boolean value) {
        return Boolean.TRUE.equals(value) ? Boolean.TRUE : null;
    }

    private static Integer limitOrNull(Integer value) {
        return value == null || value <= 0 || value == Integer.MAX_VALUE ? null : value;
    }

    private static boolean allStrings(List<Object> values) {
        return values != null && !values.isEmpty() && values.stream().allMatch(String.class::isInstance);
    }

    /** Annotations give defaults and examples as text; a number or boolean field shows them as such. */
    private static Object typed(Schema.SchemaType type, Object value) {
        if (!(value instanceof String text) || type == null) {
            return value;
        }
        try {
            return switch (type) {
                case INTEGER -> Long.valueOf(text);
                case NUMBER -> new BigDecimal(text);
                case BOOLEAN -> text.equals("true") || text.equals("false") ? Boolean.valueOf(text) : value;
                default -> value;
            };
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
