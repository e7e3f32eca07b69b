package io.wanstudio.account;

import io.wanstudio.platform.ProviderMode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At the first start (no users at all) makes an admin: from {@code WAN_ADMIN_USER} / {@code WAN_ADMIN_PASSWORD}
 * when set, else "admin" with a random password that is printed once to the console (standard output, not the
 * log) and must be changed at the first sign-in. Later starts do nothing, and the password is never shown
 * again.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class FirstAdmin {
    static final String DEFAULT_NAME = "admin";
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @Inject
    AccountAdministration accounts;

    @Inject
    ProviderMode mode;

    @Inject
    @ConfigProperty(name = "wan.admin.user")
    Optional<String> configuredName;

    @Inject
    @ConfigProperty(name = "wan.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    void createWhenNoUsers() {
        if (mode.simulatorOnly()) {
            return; // no pages, no API: nobody to sign in
        }
        String name = configuredName.map(Usernames::normalize).filter(n -> !n.isEmpty()).orElse(DEFAULT_NAME);
        if (!Usernames.isValid(name)) {
            LOG.severe("WAN_ADMIN_USER is not a valid username (3-40 of a-z 0-9 . _ -); using \"" + DEFAULT_NAME
                    + "\" instead");
            name = DEFAULT_NAME;
        }
        Optional<String> password = configuredPassword.filter(p -> !p.isBlank());
        if (password.isPresent() && PasswordPolicy.problem(name, password.get()).isPresent()) {
            String problem = PasswordPolicy.problem(name, password.get()).get();
            LOG.severe("WAN_ADMIN_PASSWORD is not accepted (" + problem + "); a random one is made instead");
            password = Optional.empty();
        }
        String chosen = password.orElseGet(Passwords::random);
        if (!accounts.createFirstAdmin(name, chosen, password.isEmpty())) {
            return;
        }
        if (password.isPresent()) {
            LOG.info("Wan Studio: made the first admin \"" + name + "\" with the password from WAN_ADMIN_PASSWORD");
        } else {
            // Once, on the process's own standard output: Payara routes System.out into its log (and so into a
            // log file when there is one), so the banner is written to file descriptor 1 directly.
            @SuppressWarnings("resource") // closing it would close the process's stdout
            PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                    StandardCharsets.UTF_8);
            console.println("""

                    ================================================================
                     Wan Studio: first start, so an admin account was made.
                       username: %s
                       password: %s
                     Sign in and choose your own password; this one is shown
                     only now. (Set WAN_ADMIN_USER / WAN_ADMIN_PASSWORD to choose.)
                    ================================================================
                    """.formatted(name, chosen));
        }
    }
}
