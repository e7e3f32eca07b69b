package io.wanstudio.platform.faces;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The Faces calls every page bean shares: messages next to the fields they are about, redirects, the request. */
public final class Faces {
    private Faces() {
    }

    public static HttpServletRequest request() {
        return (HttpServletRequest) external().getRequest();
    }

    public static HttpServletResponse response() {
        return (HttpServletResponse) external().getResponse();
    }

    public static String clientAddress() {
        return request().getRemoteAddr();
    }

    /**
     * Shows each refused field's message next to the component showing it, and marks the form as failed.
     *
     * @param componentOfField component id (within {@code formId}) showing each field; fields not on the form, and
     *                         the whole-request key "", get a message at the top of the form
     */
    public static void fieldErrors(String formId, Map<String, String> componentOfField, Map<String, String> errors) {
        errors.forEach((field, message) -> {
            String component = field == null ? null : componentOfField.get(field);
            add(component == null ? null : formId + ":" + component, FacesMessage.SEVERITY_ERROR, message);
        });
        FacesContext.getCurrentInstance().validationFailed();
    }

    /** One message next to one component of a form. */
    public static void fieldError(String formId, String component, String message) {
        add(formId + ":" + component, FacesMessage.SEVERITY_ERROR, message);
    }

    public static void error(String message) {
        add(null, FacesMessage.SEVERITY_ERROR, message);
    }

    public static void info(String message) {
        add(null, FacesMessage.SEVERITY_INFO, message);
    }

    /** Redirects to a path within the app, keeping messages over the redirect. */
    public static void redirect(String path) throws IOException {
        external().getFlash().setKeepMessages(true);
        external().redirect(external().getRequestContextPath() + path);
    }

    private static void add(String clientId, FacesMessage.Severity severity, String message) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, message, message));
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }
}
