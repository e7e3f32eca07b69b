package io.wanstudio.platform.faces;

import io.wanstudio.platform.SecurityHeadersFilter;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitFactory;
import jakarta.faces.render.RenderKitWrapper;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;

/**
 * Gives every {@code <script>} element that Faces renders the request's CSP nonce (set by
 * {@link SecurityHeadersFilter}), so that the inline scripts Faces needs ({@code f:websocket}'s
 * {@code faces.push.init(...)}, {@code h:commandScript}'s function) run under a policy without
 * {@code 'unsafe-inline'}. Registered in {@code faces-config.xml}.
 */
public class CspNonceRenderKitFactory extends RenderKitFactory {
    public CspNonceRenderKitFactory(RenderKitFactory wrapped) {
        super(wrapped);
    }

    @Override
    public void addRenderKit(String renderKitId, RenderKit renderKit) {
        getWrapped().addRenderKit(renderKitId, renderKit);
    }

    @Override
    public RenderKit getRenderKit(FacesContext context, String renderKitId) {
        RenderKit kit = getWrapped().getRenderKit(context, renderKitId);
        return kit == null ? null : new NonceRenderKit(kit);
    }

    @Override
    public Iterator<String> getRenderKitIds() {
        return getWrapped().getRenderKitIds();
    }

    private static final class NonceRenderKit extends RenderKitWrapper {
        NonceRenderKit(RenderKit wrapped) {
            super(wrapped);
        }

        @Override
        public ResponseWriter createResponseWriter(Writer writer, String contentTypeList, String encoding) {
            ResponseWriter created = getWrapped().createResponseWriter(writer, contentTypeList, encoding);
            return created == null ? null : new NonceWriter(created);
        }
    }

    private static final class NonceWriter extends ResponseWriterWrapper {
        NonceWriter(ResponseWriter wrapped) {
            super(wrapped);
        }

        @Override
        public void startElement(String name, jakarta.faces.component.UIComponent component) throws IOException {
            super.startElement(name, component);
            if ("script".equalsIgnoreCase(name)) {
                Object nonce = FacesContext.getCurrentInstance().getExternalContext().getRequestMap()
                        .get(SecurityHeadersFilter.NONCE_ATTRIBUTE);
                if (nonce != null) {
                    super.writeAttribute("nonce", nonce, null);
                }
            }
        }

        @Override
        public ResponseWriter cloneWithWriter(Writer writer) {
            return new NonceWriter(getWrapped().cloneWithWriter(writer));
        }
    }
}
