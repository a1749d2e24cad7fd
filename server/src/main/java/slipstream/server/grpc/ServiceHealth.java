package slipstream.server.grpc;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every Slipstream service as SERVING in {@code grpc.health.v1} once the server is up, and NOT_SERVING
 * as shutdown begins so that load balancers drain before the port closes.
 */
@Singleton
public class ServiceHealth implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHealth.class);
    private final HealthStatusManager health;
    private final List<BindableService> services;

    public ServiceHealth(HealthStatusManager health, List<BindableService> services) {
        this.health = health;
        this.services = services;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        for (BindableService service : services) {
            String name = service.bindService().getServiceDescriptor().getName();
            if (name.startsWith("slipstream.")) {
                health.setStatus(name, ServingStatus.SERVING);
            }
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        LOG.info("health: SERVING");
    }

    @Singleton
    static class Drain implements ApplicationEventListener<ShutdownEvent> {
        private final HealthStatusManager health;

        Drain(HealthStatusManager health) {
            this.health = health;
        }

        @Override
        public void onApplicationEvent(ShutdownEvent event) {
            health.enterTerminalState();
        }
    }
}
