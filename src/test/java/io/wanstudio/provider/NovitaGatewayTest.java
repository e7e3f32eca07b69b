package io.wanstudio.provider;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** Which failures of the paid POST prove that it never left (only those may be retried), and how long a poll waits. */
class NovitaGatewayTest {

    @Test
    void aConnectionNeverMadeProvesTheRequestWasNotSent() {
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException(new HttpHostConnectException("refused"))))
                .isTrue();
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException(new UnknownHostException("api.novita.ai"))))
                .isTrue();
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException(new ConnectTimeoutException("connect"))))
                .isTrue();
    }

    @Test
    void anythingAfterTheConnectionWasMadeMayHaveReachedTheProvider() {
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException(new NoHttpResponseException("no answer"))))
                .isFalse();
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException(new SocketTimeoutException("read"))))
                .isFalse();
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException(new SocketException("Connection reset"))))
                .isFalse();
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException("no cause"))).isFalse();
    }

    @Test
    void onlyTheFirstIoFailureOfTheChainCounts() {
        // a refused connection further down the chain (say, from a hidden resend) does not make it "not sent"
        var lostAnswer = new IOException("answer lost", new ConnectException("refused on a second attempt"));
        assertThat(NovitaGateway.provablyNotSent(new ProcessingException(lostAnswer))).isFalse();
    }

    @Test
    void aPollsSocketGivesUpBeforeItsFaultToleranceTimeoutWhoseInterruptABlockedReadIgnores() throws Exception {
        long pollTimeout = NovitaGateway.class.getMethod("poll", String.class)
                .getAnnotation(org.eclipse.microprofile.faulttolerance.Timeout.class).value();
        long pollReadTimeout = Long.parseLong(NovitaGateway.class.getDeclaredField("pollReadTimeoutMs")
                .getAnnotation(org.eclipse.microprofile.config.inject.ConfigProperty.class).defaultValue());
        assertThat(pollTimeout).isEqualTo(NovitaGateway.POLL_TIMEOUT_MS);
        assertThat(pollReadTimeout).isLessThan(pollTimeout);
    }
}
