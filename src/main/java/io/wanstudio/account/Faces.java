package io.wanstudio.account;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The few Faces calls the account pages share. */
final class Faces {
    private Faces() {
    }

    static HttpServletRequest request() {
        return (HttpServletRequest) external().getRequest();
    }

    static HttpServletResponse response() {
        return (HttpServletResponse) external().getResponse();
    }

    static String clientAddress() {
        return request().getRemoteAddr();
    }

    /** Shows an account error next to its field (via {@code componentOfField}), or at the top of the form. */
    static void show(String formId, Map<String, String> componentOfField, AccountException e) {
        String component = e.field() == null ? null : componentOfField.get(e.field());
        FacesContext.getCurrentInstance().addMessage(component == null ? null : formId + ":" + component,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage()));
        FacesContext.getCurrentInstance().validationFailed();
    }

    static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
    }

    static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, message, message));
    }

    /** Redirects to a path within the app, keeping messages over the redirect. */
    static void redirect(String path) throws IOException {
        external().getFlash().setKeepMessages(true);
        external().redirect(external().getRequestContextPath() + path);
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }
}
