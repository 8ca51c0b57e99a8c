package dev.selektor.common;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/background}: DOWN while any background work fails (each says since when and why), UP again
 * once all work. Not part of readiness: the API may well serve while, say, the broker is away.
 */
@HealthGroup("background")
@ApplicationScoped
public class BackgroundHealth implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("background work").up();
        for (BackgroundWorks.Work work : BackgroundWorks.active()) {
            var failing = work.failing();
            if (failing.isPresent()) {
                response.down()
                        .withData(
                                work.what(),
                                "failing since " + failing.get().since() + ": "
                                        + failing.get().error());
            } else {
                response.withData(work.what(), "works");
            }
        }
        return response.build();
    }
}
