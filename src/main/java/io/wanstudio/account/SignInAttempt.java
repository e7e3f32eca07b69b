package io.wanstudio.account;

import jakarta.enterprise.context.RequestScoped;

/**
 * Carries one sign-in attempt through Jakarta Security within a request: the mechanism puts the client's address
 * in, the identity store puts the precise result in, and the login page reads it to tell "throttled" apart.
 */
@RequestScoped
public class SignInAttempt {
    private String clientAddress;
    private SignInResult result;

    public String clientAddress() {
        return clientAddress;
    }

    void clientAddress(String address) {
        this.clientAddress = address;
    }

    public SignInResult result() {
        return result;
    }

    void result(SignInResult result) {
        this.result = result;
    }
}
