# Breakfix server image (JVM mode).
#   docker build -t breakfix:latest .

# --- build -------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so that they stay cached while only sources change.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline -DskipTests || true
COPY src/ src/
# The built-in course ships in the jar (see <resources> in pom.xml).
COPY scenarios/ scenarios/
COPY labs/ labs/
RUN mvn -B package -DskipTests

# --- run ---------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
ENV LANG=C.UTF-8 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -XX:-ClassUnloadingWithConcurrentMark -Djava.io.tmpdir=/tmp -Dvertx.cacheDirBase=/tmp/vertx-cache" \
    QUARKUS_PROFILE=prod
RUN useradd --uid 1001 --gid 0 --no-create-home --home-dir /deployments --shell /usr/sbin/nologin breakfix
WORKDIR /deployments
# The fast-jar layout: lib/ changes least, so it comes first.
COPY --from=build --chown=1001:0 /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build --chown=1001:0 /build/target/quarkus-app/*.jar /deployments/
COPY --from=build --chown=1001:0 /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build --chown=1001:0 /build/target/quarkus-app/quarkus/ /deployments/quarkus/
USER 1001
EXPOSE 8080
# exec: java is PID 1 and receives SIGTERM directly, so Quarkus shuts down gracefully.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
