package io.wanstudio.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * Checks usernames and passwords against the accounts in the database (through {@link SignInService}, which
 * throttles and audits) and hands Jakarta Security the caller's groups: "user", and "admin" for admins.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {
    @Inject
    SignInService accounts;

    @Inject
    SignInAttempt attempt;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        SignInResult result = accounts.verifyCredentials(credential.getCaller(), credential.getPasswordAsString(),
                attempt.clientAddress());
        attempt.result(result);
        return result.signedIn() ? new CredentialValidationResult(result.username(), result.role().groups())
                : CredentialValidationResult.INVALID_RESULT;
    }
}
