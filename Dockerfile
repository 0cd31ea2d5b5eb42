# Build stage: Maven with JDK 17 builds the one runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src src
COPY web web
RUN mvn -q -B -DskipTests package

# Run stage: a JRE, a non-root user, the knowledge base and a volume for state.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /app guidance && apt-get update -q \
    && apt-get install -y -q --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/guidance-assistant.jar /app/guidance-assistant.jar
COPY knowledge-base /app/knowledge-base
RUN mkdir -p /data && chown guidance /data && chmod 700 /data
# The tokenizer and onnxruntime unpack their native libraries at start: point them at writable places.
# JVM options (docs/deployment.md): a small heap and the serial collector; C2, the optimising compiler, waits
# for code run 40,000 times, so that it compiles the request path and not what a start runs once (issue #18).
ENV PORT=8080 DATA_DIR=/data KB_DIR=/app/knowledge-base DJL_CACHE_DIR=/tmp/djl ENGINE_CACHE_DIR=/tmp/djl \
    JVM_OPTS="-Xms64m -Xmx256m -XX:MaxMetaspaceSize=96m -Xss512k -XX:+UseSerialGC -XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=400000"
# Class-data archive: the jar's self-test (a whole start on a temporary directory, one question) run once under
# -XX:ArchiveClassesAtExit keeps the classes a start loads, parsed and verified, so that every start maps them
# instead; a third less start-up time. Same options as at run time; the native libraries it unpacked go. The
# archive sits on the JRE's own (base) archive, so `-Xshare:dump` first makes sure that one exists.
RUN java -Xshare:dump > /dev/null \
    && java $JVM_OPTS -XX:ArchiveClassesAtExit=/app/guidance-assistant.jsa -jar /app/guidance-assistant.jar self-test \
    && rm -rf /tmp/djl /tmp/guidance-self-test* /tmp/onnxruntime*
ENV JAVA_OPTS="$JVM_OPTS -XX:SharedArchiveFile=/app/guidance-assistant.jsa"
VOLUME ["/data"]
USER guidance
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/guidance-assistant.jar \"$@\"", "--"]
