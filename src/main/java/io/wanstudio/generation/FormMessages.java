package io.wanstudio.generation;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;

/** Puts a refused request's messages next to the form fields they are about; the rest go to the form's top. */
final class FormMessages {
    private FormMessages() {
    }

    /**
     * @param componentOfField component id (within {@code formId}) showing each request field; fields not on the
     *                         form, and the whole-request key "", get a global message
     */
    static void show(String formId, Map<String, String> componentOfField, Map<String, String> fieldErrors) {
        FacesContext context = FacesContext.getCurrentInstance();
        fieldErrors.forEach((field, message) -> {
            String component = componentOfField.get(field);
            context.addMessage(component == null ? null : formId + ":" + component, error(message));
        });
        context.validationFailed();
    }

    static void show(String formId, String component, String message) {
        FacesContext.getCurrentInstance().addMessage(formId + ":" + component, error(message));
    }

    static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, message, message));
    }

    static void globalError(String message) {
        FacesContext.getCurrentInstance().addMessage(null, error(message));
    }

    private static FacesMessage error(String message) {
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message);
    }
}
