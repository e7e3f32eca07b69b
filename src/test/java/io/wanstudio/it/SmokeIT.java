package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmokeIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.app();
    }

    @Test
    void readyAndSimulatorAnswers() throws Exception {
        var http = HttpClient.newHttpClient();
        var ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + System.getProperty("wan.it.port") + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(ready.body());
        assertThat(ready.statusCode()).isEqualTo(200);
        var sim = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + System.getProperty("wan.it.port") + "/simulator/v3/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(sim.statusCode() + " " + sim.body());
    }
}
