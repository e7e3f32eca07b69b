package io.wanstudio.media;

/** The provider's result link refused us (HTTP 403/404/410): it expired or was revoked. */
public class ResultLinkRefusedException extends Exception {
    private final int status;

    public ResultLinkRefusedException(int status) {
        super("The result link answered HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
