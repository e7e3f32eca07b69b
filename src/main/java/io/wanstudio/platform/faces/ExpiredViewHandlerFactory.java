package io.wanstudio.platform.faces;

import jakarta.faces.FacesException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A page whose state is gone (open too long, server restarted, or a forged {@code jakarta.faces.ViewState}) is
 * not an error: the browser is sent back to the same page (a redirect, also from an Ajax request) with a notice
 * saying nothing was submitted. Every other exception goes on to the error pages, which show no details.
 */
public class ExpiredViewHandlerFactory extends ExceptionHandlerFactory {
    static final String NOTICE = "This page had expired, so nothing was submitted. Please check your entries and "
            + "try again.";

    public ExpiredViewHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new ExpiredViewHandler(getWrapped().getExceptionHandler());
    }

    private static final class ExpiredViewHandler extends ExceptionHandlerWrapper {
        private static final Logger LOG = Logger.getLogger(ExpiredViewHandler.class.getName());

        ExpiredViewHandler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable thrown = events.next().getContext().getException();
                ViewExpiredException expired = expiredIn(thrown);
                if (expired == null) {
                    continue;
                }
                events.remove();
                backToThePage(expired);
                break;
            }
            getWrapped().handle();
        }

        private static ViewExpiredException expiredIn(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof ViewExpiredException expired) {
                    return expired;
                }
            }
            return null;
        }

        private static void backToThePage(ViewExpiredException expired) {
            FacesContext context = FacesContext.getCurrentInstance();
            ExternalContext external = context.getExternalContext();
            String viewId = expired.getViewId() == null || !expired.getViewId().startsWith("/")
                    ? "/index.xhtml" : expired.getViewId();
            LOG.fine(() -> "Expired view " + viewId + ": sent back to it");
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, NOTICE, null));
            external.getFlash().setKeepMessages(true);
            try {
                String url = context.getApplication().getViewHandler().getRedirectURL(context, viewId, Map.of(),
                        false);
                external.redirect(url);
            } catch (IOException | RuntimeException e) {
                throw new FacesException("Cannot send an expired page back to itself", e);
            }
            context.responseComplete();
        }
    }
}
