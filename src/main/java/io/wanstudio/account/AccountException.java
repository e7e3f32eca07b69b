package io.wanstudio.account;

/** A refused account action, with the form field it is about (null for the whole request) and why. */
public class AccountException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String NEW_PASSWORD = "newPassword";
    public static final String REPEAT = "repeat";
    public static final String LABEL = "label";

    private final String field;

    public AccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** As the page helpers take field errors: this one message, keyed by its field ("" for the whole form). */
    public java.util.Map<String, String> asFieldErrors() {
        return java.util.Map.of(field == null ? "" : field, getMessage());
    }
}
