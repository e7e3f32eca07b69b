package io.wanstudio.budget;

/** A refused price or budget change, with the field it is about and a message for the admin. */
public class SettingRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public SettingRefusedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
