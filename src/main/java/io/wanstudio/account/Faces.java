package io.wanstudio.account;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The few Faces calls the account and admin pages share. */
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

    /** Shows an account error next to its field (via {@code componentOfField}), or at the top of the form. */
    public static void show(String formId, Map<String, String> componentOfField, AccountException e) {
        String component = e.field() == null ? null : componentOfField.get(e.field());
        FacesContext.getCurrentInstance().addMessage(component == null ? null : formId + ":" + component,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage()));
        FacesContext.getCurrentInstance().validationFailed();
    }

    public static void error(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, message, message));
    }

    public static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, message, message));
    }

    /** Redirects to a path within the app, keeping messages over the redirect. */
    public static void redirect(String path) throws IOException {
        external().getFlash().setKeepMessages(true);
        external().redirect(external().getRequestContextPath() + path);
    }

    private static ExternalContext external() {
        return FacesContext.getCurrentInstance().getExternalContext();
    }
}
