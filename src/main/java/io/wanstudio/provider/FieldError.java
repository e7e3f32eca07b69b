package io.wanstudio.provider;

/** A broken rule of one request field; {@code field} is Novita's field name, {@code message} is for a user. */
public record FieldError(String field, String message) {
}
