# deployment-service in JVM mode. Build the service first (`mvn -B -DskipTests package` at the repository root), then, from the root:
#   docker build -f docker/deployment-service.Dockerfile -t envguard/deployment-service .
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23

# Quarkus' fast-jar layout, copied from the least to the most often changing part so that image layers are reused.
COPY --chown=185:0 deployment-service/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 deployment-service/target/quarkus-app/*.jar /deployments/
COPY --chown=185:0 deployment-service/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 deployment-service/target/quarkus-app/quarkus/ /deployments/quarkus/

# The image's own non-root user (uid 185); Kubernetes runs it with runAsNonRoot and a read-only root filesystem,
# so nothing is written outside /tmp.
USER 185
WORKDIR /deployments
ENV QUARKUS_PROFILE=prod \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
EXPOSE 8083

# "healthy" means ready to serve (compose starts the gateway after it), not merely alive.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8083/q/health/ready || exit 1

# sh -c so that JAVA_OPTS can be overridden per deployment; exec so that java is PID 1 and receives SIGTERM.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
